package dev.pnn.backprop;

import dev.pnn.spi.Capability;
import dev.pnn.spi.CapabilityException;
import dev.pnn.spi.QueryCounter;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.device.View;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.ValueType;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tiny hand-written differentiable twin for testing the trainer without the photonic backend:
 * x ∈ ℝⁿ → h = tanh(W₁x + b₁) ∈ ℝᵐ → z = W₂h ∈ ℝᵏ, θ = [W₁ (m×n row-major), b₁, W₂ (k×m)].
 */
final class TanhTwin implements TwinView, Device {
    final int n, m, k;
    final Graph graph;
    int tapesAllocated;

    TanhTwin(int n, int m, int k) {
        this.n = n;
        this.m = m;
        this.k = k;
        ParamSlice w1 = slice("hidden.weight", 0, m * n, List.of(m, n));
        ParamSlice b1 = slice("hidden.bias", m * n, m, List.of(m));
        ParamSlice w2 = slice("out.weight", m * n + m, k * m, List.of(k, m));
        this.graph = new Graph("tiny", List.of(
                new Node("x", Node.INPUT_OP, List.of(), Map.of(), ValueType.real(n), List.of(), Loc.NONE),
                new Node("hidden", "tanh_linear", List.of("x"), Map.of(), ValueType.real(m), List.of(w1, b1), Loc.NONE),
                new Node("out", "linear", List.of("hidden"), Map.of(), ValueType.real(k), List.of(w2), Loc.NONE)),
                "out", Loc.NONE);
    }

    private static ParamSlice slice(String name, int offset, int length, List<Integer> shape) {
        return new ParamSlice(name, offset, length, shape, null, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                false, null);
    }

    int paramCount() {
        return graph.paramCount();
    }

    @Override
    public Tape newTape(int maxRows) {
        tapesAllocated++;
        return new Tape(graph, maxRows, new Object[3]);
    }

    @Override
    public Tensor forward(double[] theta, Tensor input, Tape tape) {
        int rows = input.rows();
        tape.rows(rows);
        Tensor x = tape.activation(0), h = tape.activation(1), z = tape.activation(2);
        System.arraycopy(input.re, 0, x.re, 0, rows * n);
        int b1 = m * n, w2 = m * n + m;
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < m; i++) {
                double s = theta[b1 + i];
                for (int j = 0; j < n; j++) s += theta[i * n + j] * x.re[r * n + j];
                h.re[r * m + i] = Math.tanh(s);
            }
            for (int o = 0; o < k; o++) {
                double s = 0;
                for (int i = 0; i < m; i++) s += theta[w2 + o * m + i] * h.re[r * m + i];
                z.re[r * k + o] = s;
            }
        }
        return z;
    }

    @Override
    public void backward(double[] theta, Tape tape, Tensor outputGrad, double[] thetaGrad) {
        int rows = tape.rows();
        Tensor x = tape.activation(0), h = tape.activation(1);
        int b1 = m * n, w2 = m * n + m;
        double[] hbar = new double[m];
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(hbar, 0);
            for (int o = 0; o < k; o++) {
                double zb = outputGrad.re[r * k + o];
                for (int i = 0; i < m; i++) {
                    thetaGrad[w2 + o * m + i] += zb * h.re[r * m + i];
                    hbar[i] += zb * theta[w2 + o * m + i];
                }
            }
            for (int i = 0; i < m; i++) {
                double hi = h.re[r * m + i];
                double sb = hbar[i] * (1 - hi * hi);
                thetaGrad[b1 + i] += sb;
                for (int j = 0; j < n; j++) thetaGrad[i * n + j] += sb * x.re[r * n + j];
            }
        }
    }

    @Override
    public void backwardAt(double[] theta, Tape tape, Tensor outputGrad, double[] thetaGrad) {
        backward(theta, tape, outputGrad, thetaGrad);
    }

    // --- Device ---
    @Override
    public Graph graph() {
        return graph;
    }

    @Override
    public HardwareProfile profile() {
        return new HardwareProfile("tiny", "test", Map.of(), Loc.NONE);
    }

    @Override
    public long seed() {
        return 0;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.TWIN);
    }

    @Override
    public QueryCounter queries() {
        return new QueryCounter();
    }

    @Override
    public <V extends View> V view(Class<V> type) {
        if (type.isInstance(this)) return type.cast(this);
        throw new CapabilityException("tiny twin offers only pnn.twin, not " + View.capabilityOf(type), "test");
    }
}
