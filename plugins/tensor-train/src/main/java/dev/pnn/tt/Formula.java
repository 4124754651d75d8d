package dev.pnn.tt;

import java.util.List;

/**
 * A compiled formula of a PDE plan (residual, condition targets, definitions): names already resolved to slots of
 * one environment array. {@link #adjoint} adds seed·∂f/∂env into {@code envAdj}, which is how the exact-derivative
 * reference pulls the loss back to the network's jets. Trees are small, so children are re-evaluated rather than
 * cached.
 */
sealed interface Formula {
    double eval(double[] env);

    void adjoint(double[] env, double seed, double[] envAdj);

    record Const(double value) implements Formula {
        public double eval(double[] env) {
            return value;
        }

        public void adjoint(double[] env, double seed, double[] envAdj) {
        }
    }

    record Slot(int index, String name) implements Formula {
        public double eval(double[] env) {
            return env[index];
        }

        public void adjoint(double[] env, double seed, double[] envAdj) {
            envAdj[index] += seed;
        }
    }

    record Neg(Formula a) implements Formula {
        public double eval(double[] env) {
            return -a.eval(env);
        }

        public void adjoint(double[] env, double seed, double[] envAdj) {
            a.adjoint(env, -seed, envAdj);
        }
    }

    record Binary(char op, Formula a, Formula b) implements Formula {
        public double eval(double[] env) {
            double x = a.eval(env), y = b.eval(env);
            return switch (op) {
                case '+' -> x + y;
                case '-' -> x - y;
                case '*' -> x * y;
                case '/' -> x / y;
                case '^' -> pow(x, y);
                default -> throw new IllegalStateException("operator " + op);
            };
        }

        private static double pow(double x, double y) {
            if (y == 2) return x * x;
            return Math.pow(x, y);
        }

        public void adjoint(double[] env, double seed, double[] envAdj) {
            double x = a.eval(env), y = b.eval(env);
            switch (op) {
                case '+' -> {
                    a.adjoint(env, seed, envAdj);
                    b.adjoint(env, seed, envAdj);
                }
                case '-' -> {
                    a.adjoint(env, seed, envAdj);
                    b.adjoint(env, -seed, envAdj);
                }
                case '*' -> {
                    a.adjoint(env, seed * y, envAdj);
                    b.adjoint(env, seed * x, envAdj);
                }
                case '/' -> {
                    a.adjoint(env, seed / y, envAdj);
                    b.adjoint(env, -seed * x / (y * y), envAdj);
                }
                case '^' -> {
                    if (y != 0) a.adjoint(env, seed * y * Math.pow(x, y - 1), envAdj);
                    if (!(b instanceof Const) && x > 0) b.adjoint(env, seed * Math.pow(x, y) * Math.log(x), envAdj);
                }
                default -> throw new IllegalStateException("operator " + op);
            }
        }
    }

    /** exp, ln (log), sqrt, abs, sin, cos, tanh, norm_cdf (Φ), max, min. */
    record Fn(String name, List<Formula> args) implements Formula {
        static final List<String> UNARY = List.of("exp", "ln", "log", "sqrt", "abs", "sin", "cos", "tanh", "norm_cdf");
        static final List<String> BINARY = List.of("max", "min");

        public Fn {
            args = List.copyOf(args);
        }

        public double eval(double[] env) {
            double x = args.get(0).eval(env);
            return switch (name) {
                case "exp" -> Math.exp(x);
                case "ln", "log" -> Math.log(x);
                case "sqrt" -> Math.sqrt(x);
                case "abs" -> Math.abs(x);
                case "sin" -> Math.sin(x);
                case "cos" -> Math.cos(x);
                case "tanh" -> Math.tanh(x);
                case "norm_cdf" -> NormalCdf.cdf(x);
                case "max" -> Math.max(x, args.get(1).eval(env));
                case "min" -> Math.min(x, args.get(1).eval(env));
                default -> throw new IllegalStateException("function " + name);
            };
        }

        public void adjoint(double[] env, double seed, double[] envAdj) {
            Formula a = args.get(0);
            double x = a.eval(env);
            switch (name) {
                case "exp" -> a.adjoint(env, seed * Math.exp(x), envAdj);
                case "ln", "log" -> a.adjoint(env, seed / x, envAdj);
                case "sqrt" -> a.adjoint(env, seed * 0.5 / Math.sqrt(x), envAdj);
                case "abs" -> a.adjoint(env, seed * Math.signum(x), envAdj);
                case "sin" -> a.adjoint(env, seed * Math.cos(x), envAdj);
                case "cos" -> a.adjoint(env, -seed * Math.sin(x), envAdj);
                case "tanh" -> {
                    double t = Math.tanh(x);
                    a.adjoint(env, seed * (1 - t * t), envAdj);
                }
                case "norm_cdf" -> a.adjoint(env, seed * NormalCdf.pdf(x), envAdj);
                case "max", "min" -> {
                    double y = args.get(1).eval(env);
                    boolean first = name.equals("max") ? x >= y : x <= y;
                    (first ? a : args.get(1)).adjoint(env, seed, envAdj);
                }
                default -> throw new IllegalStateException("function " + name);
            }
        }
    }
}
