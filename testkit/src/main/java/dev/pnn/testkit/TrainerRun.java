package dev.pnn.testkit;

import dev.pnn.spi.Capability;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.device.DeclaredViewsDevice;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One trainer instance on one problem with one seed, behind a {@link DeclaredViewsDevice}, as the runtime sets it up. */
final class TrainerRun implements AutoCloseable {
    final Trainer trainer;
    final List<String> violations = new java.util.ArrayList<>();
    private final Device device;
    private final Device twin;

    TrainerRun(TrainerFactory factory, Map<String, Value> args, List<TrainerFactory> nested, TrainerProblem problem,
               long seed) {
        this(factory, args, nested, problem, seed, null);
    }

    /**
     * A fresh trainer instance that continues on {@code devices}' devices (null: new ones), so a resume check
     * sees the trainer's own state alone, not a device whose noise stream restarted.
     */
    TrainerRun(TrainerFactory factory, Map<String, Value> args, List<TrainerFactory> nested, TrainerProblem problem,
               long seed, TrainerRun devices) {
        Set<Capability> declared = factory.requires();
        this.device = devices != null ? devices.device
                : new DeclaredViewsDevice(problem.device().apply(seed), declared, factory.name(), violations::add);
        this.twin = devices != null ? devices.twin
                : new DeclaredViewsDevice(problem.twin().apply(seed ^ 0x5DEECE66DL), declared, factory.name(), violations::add);
        TrainerContext ctx = new TrainerContext() {
            @Override
            public Graph graph() {
                return problem.graph();
            }

            @Override
            public Device device() {
                return device;
            }

            @Override
            public Optional<Device> twin() {
                return Optional.of(twin);
            }

            @Override
            public Loss loss() {
                return problem.loss();
            }

            @Override
            public long seed() {
                return seed;
            }

            @Override
            public Optional<dev.pnn.spi.ir.TrainingPlan> plan() {
                return problem.plan();
            }

            @Override
            public Trainer nested(Value.Call call) {
                TrainerFactory f = nested.stream().filter(t -> t.name().equals(call.name())).findFirst()
                        .orElseThrow(() -> new PnnException("nested trainer '" + call.name() + "' is unknown to the contract",
                                "list its factory in TrainerContract.nestedTrainers()"));
                return f.create(ArgValues.args(f.name(), f.args(), call.named()), this);
            }
        };
        this.trainer = factory.create(ArgValues.args(factory.name(), factory.args(), args), ctx);
    }

    @Override
    public void close() {
        device.close();
        twin.close();
    }
}
