package dev.pnn.photonic;

import dev.pnn.spi.Rng;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.testkit.GradientCheck;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The mesh backward walk on imperfect meshes (splitter errors, phase offsets, lossy MZIs), over several chunks:
 * phase and input gradients against central finite differences (ALGORITHMS.md §3), and a tape walked twice.
 */
class MeshBackwardProperties {

    record Result(double[] thetaGrad, Tensor inGrad, Tensor out) {
    }

    static Result run(MeshKernel k, int n, double[] theta, Tensor x, Tensor g, int passes) {
        int rows = x.rows();
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

    /** L = Re Σ conj(c)·y: linear in y, so ∂L/∂y = c (ū convention) and the walk is checked exactly. */
    static double loss(MeshKernel k, int n, double[] theta, Tensor x, Tensor c) {
        Tensor y = Tensor.complex(x.rows(), n);
        k.forward(theta, new Tensor[]{x}, y, k.newScratch(x.rows()));
        double l = 0;
        for (int i = 0; i < x.rows() * n; i++) l += c.re[i] * y.re[i] + c.im[i] * y.im[i];
        return l;
    }

    @Property(tries = 30)
    void imperfectMeshGradientsMatchFiniteDifferences(@ForAll @IntRange(min = 2, max = 6) int n,
                                                      @ForAll boolean reck, @ForAll long seed,
                                                      @ForAll @IntRange(min = 1, max = 70) int rows) {
        Rng r = new Rng(seed);
        MeshLayout layout = MeshProperties.layout(reck, n);
        MeshErrors e = MeshProperties.randomErrors(r, layout, 0.1);
        for (int m = 0; m < layout.mzis(); m++) e.transmission()[m] = 0.8 + 0.2 * r.nextDouble();
        MeshKernel k = new MeshKernel(layout, 0, e, PhaseMap.IDENTITY);
        double[] theta = MeshProperties.randomPhases(r, n * n);
        Tensor x = randomField(r, rows, n), c = randomField(r, rows, n);
        Result res = run(k, n, theta, x, c, 1);
        GradientCheck.check(th -> loss(k, n, th, x, c), theta, res.thetaGrad(), null).assertPassed();
        // input gradient: L is linear in x, so ∂L/∂Re x and ∂L/∂Im x are differences along unit inputs
        double[] xin = new double[2 * rows * n];
        for (int i = 0; i < rows * n; i++) {
            xin[2 * i] = x.re[i];
            xin[2 * i + 1] = x.im[i];
        }
        double[] analytic = new double[xin.length];
        for (int i = 0; i < rows * n; i++) {
            analytic[2 * i] = res.inGrad().re[i];
            analytic[2 * i + 1] = res.inGrad().im[i];
        }
        GradientCheck.check(v -> {
            Tensor xv = Tensor.complex(rows, n);
            for (int i = 0; i < rows * n; i++) {
                xv.re[i] = v[2 * i];
                xv.im[i] = v[2 * i + 1];
            }
            return loss(k, n, theta, xv, c);
        }, xin, analytic, null).assertPassed();
    }

    @Property(tries = 20)
    void aTapeCanBeWalkedBackTwice(@ForAll @IntRange(min = 2, max = 8) int n, @ForAll long seed,
                                   @ForAll @IntRange(min = 1, max = 70) int rows) {
        Rng r = new Rng(seed);
        MeshLayout layout = MeshLayout.clements(n);
        MeshErrors e = MeshErrors.ideal(layout);
        for (int m = 0; m < layout.mzis(); m++) e.transmission()[m] = 0.9;
        double[] theta = MeshProperties.randomPhases(r, n * n);
        Tensor x = randomField(r, rows, n), g = randomField(r, rows, n);
        Result once = run(new MeshKernel(layout, 0, e, PhaseMap.IDENTITY), n, theta, x, g, 1);
        Result twice = run(new MeshKernel(layout, 0, e, PhaseMap.IDENTITY), n, theta, x, g, 2);
        for (int i = 0; i < theta.length; i++) assertEquals(2 * once.thetaGrad()[i], twice.thetaGrad()[i], 1e-13);
        assertArrayEquals(once.inGrad().re, twice.inGrad().re, "input gradients are written, not added");
    }
}
