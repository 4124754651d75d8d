package dev.pnn.physics;

import dev.pnn.spi.Capability;
import dev.pnn.spi.CapabilityException;
import dev.pnn.spi.QueryCounter;
import dev.pnn.spi.QueryKind;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.EchoView;
import dev.pnn.spi.device.View;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Loc;

import java.util.Map;
import java.util.Set;

/**
 * The negative control of ALGORITHMS.md §11: the same Kerr chain (J = 1, on-site θ, Kerr g, π̇ = −|a|²) and the
 * same echo interface, but integrated by classical RK4 on (a, π), which is neither symplectic nor reversible.
 * HEB run on it must fail visibly.
 */
final class Rk4KerrDevice implements Device, EchoView {
    private final Graph graph;
    private final int n;
    private final int steps;
    private final double h;
    private final double g;
    private final int[] outputs;
    private final QueryCounter queries = new QueryCounter();

    Rk4KerrDevice(Graph graph, int sites, int steps, double h, double g, int outputs) {
        this.graph = graph;
        this.n = sites;
        this.steps = steps;
        this.h = h;
        this.g = g;
        this.outputs = new int[outputs];
        for (int k = 0; k < outputs; k++) this.outputs[k] = sites - outputs + k;
    }

    @Override
    public int modes() {
        return n;
    }

    @Override
    public int[] outputModes() {
        return outputs.clone();
    }

    @Override
    public Wave launch(double[] theta, double[] input) {
        double[] th = theta.clone();
        double[] z = new double[3 * n]; // re, im, π
        for (int j = 0; j < input.length; j++) z[j] = input[j];
        return new Wave() {
            public void evolve() {
                queries.add(QueryKind.ECHO, 1);
                for (int k = 0; k < steps; k++) rk4(th, z);
            }

            public void inject(double[] dRe, double[] dIm) {
                for (int j = 0; j < n; j++) {
                    z[j] += dRe[j];
                    z[n + j] += dIm[j];
                }
            }

            public void timeReverse() {
                for (int j = 0; j < n; j++) {
                    z[n + j] = -z[n + j];
                    z[2 * n + j] = -z[2 * n + j];
                }
            }

            public void readWave(double[] re, double[] im) {
                System.arraycopy(z, 0, re, 0, n);
                System.arraycopy(z, n, im, 0, n);
            }

            public void readMomentum(double[] pi) {
                System.arraycopy(z, 2 * n, pi, 0, n);
            }
        };
    }

    /** ȧ = −i(θa + Ja + g|a|²a), π̇ = −|a|². */
    private void rhs(double[] th, double[] z, double[] dz) {
        for (int j = 0; j < n; j++) {
            double re = z[j], im = z[n + j], p = re * re + im * im;
            double hr = (th[j] + g * p) * re, hi = (th[j] + g * p) * im;
            if (j > 0) {
                hr += z[j - 1];
                hi += z[n + j - 1];
            }
            if (j < n - 1) {
                hr += z[j + 1];
                hi += z[n + j + 1];
            }
            dz[j] = hi;        // −i(hr + i hi) = hi − i hr
            dz[n + j] = -hr;
            dz[2 * n + j] = -p;
        }
    }

    private void rk4(double[] th, double[] z) {
        int m = z.length;
        double[] k1 = new double[m], k2 = new double[m], k3 = new double[m], k4 = new double[m], t = new double[m];
        rhs(th, z, k1);
        for (int i = 0; i < m; i++) t[i] = z[i] + 0.5 * h * k1[i];
        rhs(th, t, k2);
        for (int i = 0; i < m; i++) t[i] = z[i] + 0.5 * h * k2[i];
        rhs(th, t, k3);
        for (int i = 0; i < m; i++) t[i] = z[i] + h * k3[i];
        rhs(th, t, k4);
        for (int i = 0; i < m; i++) z[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }

    /** C = ½Σ(|a_r(T)|² − t_r)² through the RK4 forward map. */
    double cost(double[] theta, double[] x, double[] t) {
        Wave w = launch(theta, x);
        w.evolve();
        double[] re = new double[n], im = new double[n];
        w.readWave(re, im);
        double c = 0;
        for (int k = 0; k < outputs.length; k++) {
            int m = outputs[k];
            double d = re[m] * re[m] + im[m] * im[m] - t[k];
            c += 0.5 * d * d;
        }
        return c;
    }

    @Override
    public Graph graph() {
        return graph;
    }

    @Override
    public HardwareProfile profile() {
        return new HardwareProfile("rk4", "rk4_control", Map.of(), Loc.NONE);
    }

    @Override
    public long seed() {
        return 0;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.ECHO);
    }

    @Override
    public QueryCounter queries() {
        return queries;
    }

    @Override
    public <V extends View> V view(Class<V> type) {
        if (type == EchoView.class) return type.cast(this);
        throw new CapabilityException("the RK4 control only offers pnn.echo", "ask for EchoView");
    }
}
