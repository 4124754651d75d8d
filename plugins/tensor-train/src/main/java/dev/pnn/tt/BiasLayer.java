package dev.pnn.tt;

/** y = x + b on value rows; derivative rows pass through. */
record BiasLayer(int inWidth, int bOff) implements JetLayer {
    @Override
    public int outWidth() {
        return inWidth;
    }

    @Override
    public void forward(double[] theta, double[] in, double[] out, int rows, JetLayout layout) {
        int n = inWidth, c = layout.comps();
        for (int r = 0; r < rows; r++)
            for (int i = 0; i < n; i++) out[r * n + i] = in[r * n + i] + (r % c == 0 ? theta[bOff + i] : 0.0);
    }

    @Override
    public void backward(double[] theta, double[] in, double[] out, double[] outGrad, double[] inGrad,
                         double[] thetaGrad, int rows, JetLayout layout) {
        int n = inWidth, c = layout.comps();
        for (int r = 0; r < rows; r++)
            for (int i = 0; i < n; i++) {
                double g = outGrad[r * n + i];
                if (r % c == 0) thetaGrad[bOff + i] += g;
                if (inGrad != null) inGrad[r * n + i] = g;
            }
    }
}
