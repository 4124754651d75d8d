package dev.pnn.tt;

/**
 * An elementwise nonlinearity φ on jets: a = φ(z), a_i = φ′z_i, a_ij = φ″z_i z_j + φ′z_ij, and the exact VJP of
 * that map (which needs φ‴ for the second-order rows).
 */
record ActivationLayer(int inWidth, Kind kind) implements JetLayer {
    enum Kind { TANH, RELU }

    @Override
    public int outWidth() {
        return inWidth;
    }

    /** φ, φ′, φ″, φ‴ at z into d[0..3]. */
    private void derivs(double z, double[] d) {
        switch (kind) {
            case TANH -> {
                double a = tanh(z), p = 1 - a * a;
                d[0] = a;
                d[1] = p;
                d[2] = -2 * a * p;
                d[3] = -2 * p * p + 4 * a * a * p;
            }
            case RELU -> {
                d[0] = Math.max(z, 0);
                d[1] = z > 0 ? 1 : 0;
                d[2] = 0;
                d[3] = 0;
            }
        }
    }

    /**
     * tanh through the HotSpot exp intrinsic, 1 − 2/(e^{2z} + 1): several times faster than Math.tanh (a
     * StrictMath call) and accurate to a few ulp of 1 in absolute terms, which is what every use here needs.
     */
    static double tanh(double z) {
        if (z > 20) return 1.0;
        if (z < -20) return -1.0;
        return 1.0 - 2.0 / (Math.exp(2 * z) + 1.0);
    }

    @Override
    public void forward(double[] theta, double[] in, double[] out, int rows, JetLayout layout) {
        int n = inWidth, c = layout.comps(), dim = layout.dim();
        if (layout.order() == 0 && kind == Kind.TANH) {
            for (int i = 0; i < rows * n; i++) out[i] = tanh(in[i]);
            return;
        }
        double[] d = new double[4];
        for (int p = 0; p < rows; p += c) {
            for (int u = 0; u < n; u++) {
                derivs(in[p * n + u], d);
                out[p * n + u] = d[0];
                if (layout.order() >= 1)
                    for (int i = 0; i < dim; i++) out[(p + layout.first(i)) * n + u] = d[1] * in[(p + layout.first(i)) * n + u];
                if (layout.order() == 2)
                    for (int i = 0; i < dim; i++)
                        for (int j = i; j < dim; j++) {
                            int s = p + layout.second(i, j);
                            double zi = in[(p + layout.first(i)) * n + u], zj = in[(p + layout.first(j)) * n + u];
                            out[s * n + u] = d[2] * zi * zj + d[1] * in[s * n + u];
                        }
            }
        }
    }

    @Override
    public void backward(double[] theta, double[] in, double[] out, double[] outGrad, double[] inGrad,
                         double[] thetaGrad, int rows, JetLayout layout) {
        if (inGrad == null) return;
        int n = inWidth, c = layout.comps(), dim = layout.dim();
        double[] d = new double[4];
        for (int p = 0; p < rows; p += c) {
            for (int u = 0; u < n; u++) {
                derivs(in[p * n + u], d);
                double zbar = outGrad[p * n + u] * d[1];
                if (layout.order() >= 1)
                    for (int i = 0; i < dim; i++) {
                        int fi = (p + layout.first(i)) * n + u;
                        zbar += outGrad[fi] * d[2] * in[fi];
                        inGrad[fi] = outGrad[fi] * d[1];
                    }
                if (layout.order() == 2)
                    for (int i = 0; i < dim; i++)
                        for (int j = i; j < dim; j++) {
                            int s = (p + layout.second(i, j)) * n + u;
                            int fi = (p + layout.first(i)) * n + u, fj = (p + layout.first(j)) * n + u;
                            double abar = outGrad[s];
                            zbar += abar * (d[3] * in[fi] * in[fj] + d[2] * in[s]);
                            inGrad[fi] += abar * d[2] * in[fj];
                            inGrad[fj] += abar * d[2] * in[fi];
                            inGrad[s] = abar * d[1];
                        }
                inGrad[p * n + u] = zbar;
            }
        }
    }
}
