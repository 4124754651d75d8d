package dev.pnn.tt;

import dev.pnn.spi.device.View;
import dev.pnn.spi.device.ViewOf;

/**
 * {@code tt.jets}: the exact-derivative digital twin of a {@code photonic_tt} network. Evaluates the network and
 * its first and second derivatives with respect to the inputs (forward-mode Taylor jets) at a batch of points,
 * and pulls a gradient on those jets back to θ. This is what "backprop + exact derivatives" needs for a
 * physics-informed loss; forward-only trainers never ask for it. Counted as queries of kind {@code jet}.
 */
@ViewOf(JetView.CAPABILITY)
public interface JetView extends View {
    String CAPABILITY = "tt.jets";

    /** Rows per point for jets of this order with d inputs: 1, 1 + d, or 1 + d + d(d+1)/2. */
    int components(int order);

    /**
     * Jets at {@code n} points ({@code points} is n × d). Returns n·components(order) rows × output width: per point
     * the value, ∂/∂x_i, then ∂²/∂x_i∂x_j for i ≤ j. The array is reused by the next call.
     */
    double[] jets(double[] theta, double[] points, int n, int order);

    /** Adds ∂L/∂θ into {@code thetaGrad} given ∂L/∂(the last jets) in the same layout. */
    void pullback(double[] theta, double[] jetsGrad, double[] thetaGrad);
}
