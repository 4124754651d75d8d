package dev.pnn.resistor;

/**
 * A resistive network (ALGORITHMS.md §2.7): free nodes with voltages v, source nodes held by voltage sources (the
 * inputs, ground at 0 V and optionally a 1 V bias rail), and edges with a learnable conductance g_e in parallel
 * with a fixed {@link Element}. The energy is the co-content E = Σ_e ½g_eΔv_e² + φ(Δv_e); KCL at the free nodes is
 * ∇_v E = 0, and ∂E/∂g_e = ½Δv_e² is what a lab measures locally across each resistor.
 *
 * <p>Node numbering: free nodes 0..N−1 (outputs are the last ones), then sources N.. (inputs, their negatives
 * when differential, ground, bias). Negated inputs let positive conductances realize negative weights.
 */
final class ResistorModel implements EnergyModel {
    /** Conductances below this are read as this: a physical resistor cannot go to zero or negative conductance. */
    static final double G_MIN = 1e-4;

    private final int free;
    private final int inputs;
    private final boolean bias;
    private final boolean differential;
    private final int[] edgeA;
    private final int[] edgeB;
    private final int gOffset;
    private final Element element;
    private final int[] outputs;

    ResistorModel(int free, int outputs, int inputs, boolean differential, boolean bias, int[][] edges, int gOffset,
                  Element element) {
        this.free = free;
        this.inputs = inputs;
        this.bias = bias;
        this.differential = differential;
        this.edgeA = new int[edges.length];
        this.edgeB = new int[edges.length];
        for (int e = 0; e < edges.length; e++) {
            edgeA[e] = edges[e][0];
            edgeB[e] = edges[e][1];
        }
        this.gOffset = gOffset;
        this.element = element;
        this.outputs = new int[outputs];
        for (int k = 0; k < outputs; k++) this.outputs[k] = free - outputs + k;
    }

    int edges() {
        return edgeA.length;
    }

    static int sources(int inputs, boolean differential, boolean bias) {
        return inputs * (differential ? 2 : 1) + (bias ? 2 : 1);
    }

    @Override
    public int stateSize() {
        return free;
    }

    @Override
    public int inputWidth() {
        return inputs;
    }

    @Override
    public int[] outputUnits() {
        return outputs.clone();
    }

    /** Voltage of node {@code node}: a free node's from s, a source node's from the input or the rails. */
    private double voltage(double[] s, double[] x, int node) {
        if (node < free) return s[node];
        int k = node - free;
        if (k < inputs) return x[k];
        if (differential) {
            if (k < 2 * inputs) return -x[k - inputs];
            k -= inputs;
        }
        return k == inputs ? 0.0 : 1.0;
    }

    private double conductance(double[] theta, int e) {
        return Math.max(theta[gOffset + e], G_MIN);
    }

    @Override
    public double energy(double[] theta, double[] x, double[] s) {
        double sum = 0;
        for (int e = 0; e < edgeA.length; e++) {
            double dv = voltage(s, x, edgeA[e]) - voltage(s, x, edgeB[e]);
            sum += 0.5 * conductance(theta, e) * dv * dv + element.coContent(dv);
        }
        return sum;
    }

    @Override
    public void gradient(double[] theta, double[] x, double[] s, double[] g) {
        java.util.Arrays.fill(g, 0, free, 0.0);
        for (int e = 0; e < edgeA.length; e++) {
            int a = edgeA[e], b = edgeB[e];
            double dv = voltage(s, x, a) - voltage(s, x, b);
            double i = conductance(theta, e) * dv + element.current(dv);
            if (a < free) g[a] += i;
            if (b < free) g[b] -= i;
        }
    }

    @Override
    public void hessian(double[] theta, double[] x, double[] s, double[] h) {
        java.util.Arrays.fill(h, 0, free * free, 0.0);
        for (int e = 0; e < edgeA.length; e++) {
            int a = edgeA[e], b = edgeB[e];
            double dv = voltage(s, x, a) - voltage(s, x, b);
            double k = conductance(theta, e) + element.slope(dv);
            if (a < free) h[a * free + a] += k;
            if (b < free) h[b * free + b] += k;
            if (a < free && b < free) {
                h[a * free + b] -= k;
                h[b * free + a] -= k;
            }
        }
    }

    @Override
    public void energyGradientTheta(double[] theta, double[] x, double[] s, double[] dE) {
        for (int e = 0; e < edgeA.length; e++) {
            double dv = voltage(s, x, edgeA[e]) - voltage(s, x, edgeB[e]);
            dE[gOffset + e] = 0.5 * dv * dv;
        }
    }

    @Override
    public void addImplicitVjp(double[] theta, double[] x, double[] s, double[] lambda, double[] thetaGrad) {
        for (int e = 0; e < edgeA.length; e++) {
            if (theta[gOffset + e] < G_MIN) continue; // clamped: E does not depend on g_e there
            int a = edgeA[e], b = edgeB[e];
            double dv = voltage(s, x, a) - voltage(s, x, b);
            double la = a < free ? lambda[a] : 0.0, lb = b < free ? lambda[b] : 0.0;
            thetaGrad[gOffset + e] -= dv * (la - lb);
        }
    }
}
