package dev.pnn.testkit.broken;

import dev.pnn.spi.Capability;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.exec.KernelDevice;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.ParamSpec;
import dev.pnn.spi.ir.ValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-block backend {@code toy}: {@code squash(x)} computes y_i = tanh(a_i x_i) + a_i with one learnable a per
 * element. With {@link Flaw#NONE} it is correct; every other flaw plants one mistake.
 */
public final class ToyBackend implements Backend {
    /** Shared by every device: the "global random stream" mistake. */
    private static final AtomicLong SHARED = new AtomicLong();

    private final Flaw flaw;

    public ToyBackend(Flaw flaw) {
        this.flaw = flaw;
    }

    public static BlockType squash() {
        return new BlockType() {
            @Override
            public String name() {
                return "squash";
            }

            @Override
            public String summary() {
                return "y = tanh(a x) + a elementwise";
            }

            @Override
            public String module() {
                return "toy";
            }

            @Override
            public List<Domain> inputs() {
                return List.of(Domain.REAL);
            }

            @Override
            public Domain output() {
                return Domain.REAL;
            }

            @Override
            public List<ArgSpec> args() {
                return List.of();
            }

            @Override
            public Shaping shape(List<ValueType> in, Args args) {
                int n = in.get(0).width();
                return Shaping.Ok.of(n, ParamSpec.weights("a", List.of(n), new Init.Uniform(-1, 1)));
            }
        };
    }

    @Override
    public String name() {
        return "toy_" + flaw.name().toLowerCase();
    }

    @Override
    public String summary() {
        return "toy backend with flaw " + flaw;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.FORWARD, Capability.TWIN);
    }

    @Override
    public Set<String> blocks() {
        return Set.of("squash");
    }

    @Override
    public Device open(DeviceRequest request) {
        List<Kernel> kernels = new ArrayList<>();
        for (var node : request.graph().nodes())
            kernels.add(node.isInput() ? null : new Squash(node.paramOffset(), node.type().width()));
        Set<Capability> real = flaw == Flaw.UNDECLARED_CAPABILITY
                ? Set.of(Capability.FORWARD, Capability.TWIN, Capability.LAYERS) : capabilities();
        return new KernelDevice(request.graph(), request.profile(), request.seed(), real, kernels, kernels) {
            @Override
            public Set<Capability> capabilities() {
                return ToyBackend.this.capabilities(); // what it admits to; the flawed one hands out more
            }
        };
    }

    private final class Squash implements Kernel {
        private final int off;
        private final int n;

        Squash(int off, int n) {
            this.off = off;
            this.n = n;
        }

        @Override
        public void forward(double[] theta, Tensor[] in, Tensor out, Object scratch) {
            Tensor x = in[0];
            out.rows(x.rows());
            if (flaw == Flaw.SLOW_AND_WRONG) sleep();
            for (int b = 0; b < x.rows(); b++)
                for (int i = 0; i < n; i++) {
                    double xi = x.re[b * n + i], a = theta[off + i];
                    double y = Math.tanh(a * xi) + a;
                    if (flaw == Flaw.NONDETERMINISTIC) y += 1e-12 * (SHARED.incrementAndGet() % 5);
                    if (flaw == Flaw.NAN_ON_EDGE) y += xi * Math.log(Math.abs(xi)); // 0·(−∞) at x = 0
                    if (flaw == Flaw.MUTATES_INPUT) theta[off + i] = Math.max(-0.9, Math.min(0.9, a)); // "projects" θ in place
                    out.re[b * n + i] = y;
                }
        }

        @Override
        public void backward(double[] theta, Tensor[] in, Tensor out, Tensor outGrad, Tensor[] inGrad,
                             double[] thetaGrad, Object scratch) {
            Tensor x = in[0];
            double factor = switch (flaw) {
                case FLIPPED_SIGN -> -1;
                case OFF_BY_ONE_PERCENT -> 1.01;
                case SLOW_AND_WRONG -> 0.5;
                default -> 1;
            };
            if (inGrad[0] != null) inGrad[0].rows(x.rows());
            for (int b = 0; b < x.rows(); b++)
                for (int i = 0; i < n; i++) {
                    double xi = x.re[b * n + i], a = theta[off + i], g = outGrad.re[b * n + i];
                    double t = Math.tanh(a * xi), s = 1 - t * t;
                    thetaGrad[off + i] += factor * g * (s * xi + 1);
                    if (inGrad[0] != null) inGrad[0].re[b * n + i] = factor * g * s * a;
                }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
