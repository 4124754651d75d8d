package dev.pnn.photonic;

import dev.pnn.spi.Rng;
import dev.pnn.spi.exec.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The two ways the mesh backward gets MZI inputs (stored during the forward, or reconstructed by inverse MZIs)
 * agree, also on lossy meshes with splitter errors and over several chunks, and a tape can be walked twice.
 */
class MeshBackwardProperties {

    record Result(double[] thetaGrad, Tensor inGrad, Tensor out) {
    }

    static Result run(boolean reconstruct, MeshLayout layout, MeshErrors errors, double[] theta, Tensor x, Tensor g,
                      int passes) {
        MeshKernel k = new MeshKernel(layout, 0, errors, PhaseMap.IDENTITY, reconstruct);
        int rows = x.rows(), n = layout.modes();
        Object scratch = k.newScratch(rows);
        Tensor out = Tensor.complex(rows, n);
        k.forward(theta, new Tensor[]{x}, out, scratch);
        double[] tg = new double[theta.length];
        Tensor xg = Tensor.complex(rows, n);
        for (int p = 0; p < passes; p++) k.backward(theta, new Tensor[]{x}, out, g, new Tensor[]{xg}, tg, scratch);
        return new Result(tg, xg, out);
    }

    static Tensor randomField(Rng r, int rows, int n) {
        Tensor t = Tensor.complex(rows, n);
        for (int i = 0; i < rows * n; i++) {
            t.re[i] = r.nextGaussian();
            t.im[i] = r.nextGaussian();
        }
        return t;
    }

    @Property(tries = 40)
    void storedAndReconstructedInputsGiveTheSameGradients(@ForAll @IntRange(min = 2, max = 12) int n,
                                                          @ForAll boolean reck, @ForAll long seed,
                                                          @ForAll @IntRange(min = 1, max = 75) int rows) {
        Rng r = new Rng(seed);
        MeshLayout layout = MeshProperties.layout(reck, n);
        MeshErrors e = MeshProperties.randomErrors(r, layout, 0.1);
        for (int m = 0; m < layout.mzis(); m++) e.transmission()[m] = 0.8 + 0.2 * r.nextDouble();
        double[] theta = MeshProperties.randomPhases(r, n * n);
        Tensor x = randomField(r, rows, n), g = randomField(r, rows, n);
        Result stored = run(false, layout, e, theta, x, g, 1);
        Result rebuilt = run(true, layout, e, theta, x, g, 1);
        assertArrayEquals(stored.out().re, rebuilt.out().re, "forward is the same code path");
        double scale = 1;
        for (double v : stored.thetaGrad()) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < theta.length; i++)
            assertEquals(stored.thetaGrad()[i], rebuilt.thetaGrad()[i], 1e-12 * scale, "∂L/∂θ[" + i + "]");
        for (int i = 0; i < rows * n; i++) {
            assertEquals(stored.inGrad().re[i], rebuilt.inGrad().re[i], 1e-12 * scale);
            assertEquals(stored.inGrad().im[i], rebuilt.inGrad().im[i], 1e-12 * scale);
        }
    }

    @Property(tries = 20)
    void aTapeCanBeWalkedBackTwice(@ForAll @IntRange(min = 2, max = 8) int n, @ForAll boolean reconstruct,
                                   @ForAll long seed, @ForAll @IntRange(min = 1, max = 70) int rows) {
        Rng r = new Rng(seed);
        MeshLayout layout = MeshLayout.clements(n);
        double[] theta = MeshProperties.randomPhases(r, n * n);
        Tensor x = randomField(r, rows, n), g = randomField(r, rows, n);
        Result once = run(reconstruct, layout, MeshErrors.ideal(layout), theta, x, g, 1);
        Result twice = run(reconstruct, layout, MeshErrors.ideal(layout), theta, x, g, 2);
        for (int i = 0; i < theta.length; i++) assertEquals(2 * once.thetaGrad()[i], twice.thetaGrad()[i], 1e-13);
        assertArrayEquals(once.inGrad().re, twice.inGrad().re, "input gradients are written, not added");
    }
}
