package dev.pnn.resistor;

/**
 * A system that settles at the minimum of a smooth energy E(s; θ, x) over its free units s (ALGORITHMS.md §10).
 * Implementations are stateless and allocation-free: all work arrays are the caller's.
 */
sealed interface EnergyModel permits ResistorModel, HopfieldModel {
    int stateSize();

    int inputWidth();

    /** Positions of the output units in a state, in output order. */
    int[] outputUnits();

    double energy(double[] theta, double[] x, double[] s);

    /** Writes ∂E/∂s into {@code g}. */
    void gradient(double[] theta, double[] x, double[] s, double[] g);

    /** Writes ∂²E/∂s² into {@code h} (n×n row-major). */
    void hessian(double[] theta, double[] x, double[] s, double[] h);

    /** Writes ∂E/∂θ at s into this model's slice(s) of {@code dE} (other entries untouched). */
    void energyGradientTheta(double[] theta, double[] x, double[] s, double[] dE);

    /**
     * Adds −λᵀ·∂²E/∂s∂θ into {@code thetaGrad}: with λ = (∂²E/∂s²)⁻¹·∂L/∂s this is dL/dθ through the equilibrium
     * (implicit differentiation), i.e. backprop through the digital model.
     */
    void addImplicitVjp(double[] theta, double[] x, double[] s, double[] lambda, double[] thetaGrad);

    /** The model a compiled node describes (its attributes were checked by the block's shape rule). */
    static EnergyModel of(dev.pnn.spi.ir.Node node, int inputWidth) {
        dev.pnn.spi.ir.Args a = node.args();
        int offset = node.paramOffset();
        if (node.op().equals(EnergyBlocks.HOPFIELD))
            return new HopfieldModel(inputWidth, a.integer("hidden", 8), a.integer("outputs", 2), offset);
        int free = a.integer("nodes", 16), outputs = a.integer("outputs", 1);
        boolean bias = a.bool("bias", true), differential = a.bool("differential", false);
        int sources = ResistorModel.sources(inputWidth, differential, bias);
        int[][] edges = Topology.of(a.symbol("topology", "dense")).edges(free, outputs, sources);
        return new ResistorModel(free, outputs, inputWidth, differential, bias, edges, offset,
                Element.parse(a.get("element").orElse(new dev.pnn.spi.ir.Value.Sym("linear"))));
    }
}
