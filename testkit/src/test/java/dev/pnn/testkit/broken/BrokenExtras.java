package dev.pnn.testkit.broken;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.Rng;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.NoiseModel;
import dev.pnn.spi.noise.NoiseModelFactory;
import dev.pnn.spi.noise.StaticError;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.testkit.NoiseModelContract;
import dev.pnn.testkit.PluginContract;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** A broken noise model and a plugin with incomplete metadata, for the noise-model and plugin contracts. */
public final class BrokenExtras {
    private BrokenExtras() {
    }

    /** A static Gaussian error that ignores the given stream and writes one element past its range. */
    static NoiseModelFactory sloppyGaussian(boolean ownStream, boolean overrun) {
        AtomicLong shared = new AtomicLong();
        return new NoiseModelFactory() {
            public String name() {
                return "sloppy_gaussian";
            }

            public String summary() {
                return "static N(0, σ²) error";
            }

            public List<ArgSpec> args() {
                return List.of(ArgSpec.number("sigma", 0.1, "standard deviation"));
            }

            public Set<String> roles() {
                return Set.of("static");
            }

            public NoiseModel create(Args args) {
                double sigma = args.number("sigma");
                return new StaticError() {
                    public void perturb(double[] values, int off, int len, Rng rng) {
                        Rng r = ownStream ? new Rng(shared.incrementAndGet()) : rng;
                        int end = overrun ? Math.min(values.length, off + len + 1) : off + len;
                        for (int i = off; i < end; i++) values[i] += sigma * r.nextGaussian();
                    }

                    public String describe() {
                        return "sloppy_gaussian(sigma: " + sigma + ")";
                    }

                    public boolean isIdeal() {
                        return sigma == 0;
                    }
                };
            }
        };
    }

    public static class NondeterministicNoise implements NoiseModelContract {
        public NoiseModelFactory factory() {
            return sloppyGaussian(true, false);
        }
    }

    public static class OverrunningNoise implements NoiseModelContract {
        public NoiseModelFactory factory() {
            return sloppyGaussian(false, true);
        }

        public List<Map<String, Value>> argumentSets() {
            return List.of(Map.of("sigma", new Value.Num(0.1)));
        }
    }

    public static class CorrectNoise implements NoiseModelContract {
        public NoiseModelFactory factory() {
            return sloppyGaussian(false, false);
        }
    }

    /** Built for SPI 0, a trainer with no summary and an undocumented argument, and no service file entry. */
    public static class CarelessPlugin implements PnnPlugin {
        public String name() {
            return "Careless Plugin";
        }

        public int spiVersion() {
            return 0;
        }

        public List<TrainerFactory> trainers() {
            return List.of(new ToyTrainerFactory(Flaw.NONE) {
                @Override
                public String summary() {
                    return "";
                }

                @Override
                public List<ArgSpec> args() {
                    return List.of(ArgSpec.number("lr", 0.1, ""));
                }
            });
        }
    }

    public static class CarelessPluginContract implements PluginContract {
        public PnnPlugin plugin() {
            return new CarelessPlugin();
        }

        /** Loaded next to another plugin that also contributes trainer 'toy_bp_none'. */
        public List<PnnPlugin> loadedAlongside() {
            return List.of(new PnnPlugin() {
                public String name() {
                    return "rival";
                }

                public List<TrainerFactory> trainers() {
                    return List.of(new ToyTrainerFactory(Flaw.NONE));
                }
            });
        }
    }
}
