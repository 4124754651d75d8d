package dev.pnn.photonic;

import dev.pnn.spi.Capability;
import dev.pnn.spi.CapabilityException;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.QueryKind;
import dev.pnn.spi.Rng;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.EnergyView;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.LayersView;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.exec.KernelDevice;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.ValueType;
import dev.pnn.testkit.GradientCheck;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic executor {@link KernelDevice}: fan-out, query counting, capability checks, backwardAt, errors. */
class KernelDeviceTest {

    /** y = w ⊙ x, w at θ[0..n). */
    static final class Scale implements Kernel {
        public void forward(double[] t, Tensor[] in, Tensor out, Object s) {
            for (int i = 0; i < in[0].rows() * in[0].width; i++) out.re[i] = t[i % in[0].width] * in[0].re[i];
        }

        public void backward(double[] t, Tensor[] in, Tensor out, Tensor g, Tensor[] ig, double[] tg, Object s) {
            for (int i = 0; i < g.rows() * g.width; i++) {
                tg[i % g.width] += g.re[i] * in[0].re[i];
                if (ig[0] != null) ig[0].re[i] = g.re[i] * t[i % g.width];
            }
        }
    }

    static final class Sin implements Kernel {
        public void forward(double[] t, Tensor[] in, Tensor out, Object s) {
            for (int i = 0; i < in[0].rows() * in[0].width; i++) out.re[i] = Math.sin(in[0].re[i]);
        }

        public void backward(double[] t, Tensor[] in, Tensor out, Tensor g, Tensor[] ig, double[] tg, Object s) {
            for (int i = 0; i < g.rows() * g.width; i++) ig[0].re[i] = g.re[i] * Math.cos(in[0].re[i]);
        }
    }

    static final class Mul implements Kernel {
        public void forward(double[] t, Tensor[] in, Tensor out, Object s) {
            for (int i = 0; i < in[0].rows() * in[0].width; i++) out.re[i] = in[0].re[i] * in[1].re[i];
        }

        public void backward(double[] t, Tensor[] in, Tensor out, Tensor g, Tensor[] ig, double[] tg, Object s) {
            for (int i = 0; i < g.rows() * g.width; i++) {
                ig[0].re[i] = g.re[i] * in[1].re[i];
                ig[1].re[i] = g.re[i] * in[0].re[i];
            }
        }
    }

    /** x → a = scale(x) → s = sin(a) → out = a ⊙ s ⊙ a: a is read three times. */
    static KernelDevice fanOut(Set<Capability> caps) {
        ValueType t = ValueType.real(3);
        ParamSlice w = new ParamSlice("a.w", 0, 3, List.of(3), null, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, false, new Init.Constant(1));
        List<Node> nodes = List.of(
                new Node("x", Node.INPUT_OP, List.of(), Map.of(), t, List.of(), Loc.NONE),
                new Node("a", "scale", List.of("x"), Map.of(), t, List.of(w), Loc.NONE),
                new Node("s", "sin", List.of("a"), Map.of(), t, List.of(), Loc.NONE),
                new Node("p", "mul", List.of("a", "s"), Map.of(), t, List.of(), Loc.NONE),
                new Node("out", "mul", List.of("p", "a"), Map.of(), t, List.of(), Loc.NONE));
        Graph g = new Graph("FanOut", nodes, "out", Loc.NONE);
        List<Kernel> k = Arrays.asList(null, new Scale(), new Sin(), new Mul(), new Mul());
        return new KernelDevice(g, NetBuilder.ideal(), 1, caps, k, k);
    }

    static final Set<Capability> ALL = Set.of(Capability.FORWARD, Capability.TWIN, Capability.LAYERS);

    @Test
    void fanOutGradientsAreSummedOverReaders() {
        KernelDevice d = fanOut(ALL);
        TwinView twin = d.view(TwinView.class);
        Tensor x = Tensor.wrap(new double[]{0.3, -0.7, 1.1, 0.5, 0.2, -0.4}, null, 2, 3);
        double[] theta = {0.9, -1.3, 0.6};
        Tape tape = twin.newTape(2);
        twin.forward(theta, x, tape);
        Tensor ones = Tensor.wrap(new double[]{1, 1, 1, 1, 1, 1}, null, 2, 3);
        double[] grad = new double[3];
        twin.backward(theta, tape, ones, grad);
        GradientCheck.check(th -> {
            Tensor y = twin.forward(th, x, twin.newTape(2));
            double l = 0;
            for (int i = 0; i < 6; i++) l += y.re[i];
            return l;
        }, theta, grad).assertPassed();
    }

    @Test
    void backwardAddsIntoTheGradientInsteadOfOverwriting() {
        KernelDevice d = fanOut(ALL);
        TwinView twin = d.view(TwinView.class);
        Tensor x = Tensor.wrap(new double[]{0.3, -0.7, 1.1}, null, 1, 3);
        double[] theta = {0.9, -1.3, 0.6};
        Tape tape = twin.newTape(1);
        twin.forward(theta, x, tape);
        Tensor ones = Tensor.wrap(new double[]{1, 1, 1}, null, 1, 3);
        double[] once = new double[3], twice = new double[3];
        twin.backward(theta, tape, ones, once);
        twin.backward(theta, tape, ones, twice);
        twin.backward(theta, tape, ones, twice);
        for (int i = 0; i < 3; i++) assertEquals(2 * once[i], twice[i], 1e-15);
    }

    @Test
    void physicalPassesCountOneQueryPerSampleAndTwinPassesNone() {
        KernelDevice d = fanOut(ALL);
        Tensor x = Tensor.real(5, 3);
        Tensor y = Tensor.real(5, 3);
        double[] theta = new double[3];
        d.view(ForwardView.class).forward(theta, x, y);
        assertEquals(5, d.queries().get(QueryKind.FORWARD));
        LayersView layers = d.view(LayersView.class);
        layers.forwardAll(theta, x, layers.newTape(5));
        assertEquals(10, d.queries().get(QueryKind.FORWARD));
        layers.runNode(2, theta, new Tensor[]{x}, Tensor.real(5, 3));
        assertEquals(15, d.queries().get(QueryKind.FORWARD));
        TwinView twin = d.view(TwinView.class);
        twin.forward(theta, x, twin.newTape(5));
        assertEquals(15, d.queries().total());
    }

    @Test
    void viewsOutsideTheCapabilitiesAreRefused() {
        KernelDevice d = fanOut(Set.of(Capability.FORWARD));
        assertTrue(d.offers(ForwardView.class));
        CapabilityException e = assertThrows(CapabilityException.class, () -> d.view(TwinView.class));
        assertTrue(e.getMessage().contains("pnn.twin"), e.getMessage());
        assertThrows(CapabilityException.class, () -> d.view(LayersView.class));
        assertThrows(CapabilityException.class, () -> fanOut(ALL).view(EnergyView.class));
        // a twin implies forward
        KernelDevice twinOnly = fanOut(Set.of(Capability.TWIN));
        twinOnly.view(ForwardView.class);
    }

    @Test
    void badShapesGiveClearErrors() {
        KernelDevice d = fanOut(ALL);
        PnnException wrongTheta = assertThrows(PnnException.class,
                () -> d.view(ForwardView.class).forward(new double[2], Tensor.real(1, 3), Tensor.real(1, 3)));
        assertTrue(wrongTheta.getMessage().contains("3 parameters"), wrongTheta.getMessage());
        PnnException wrongWidth = assertThrows(PnnException.class,
                () -> d.view(ForwardView.class).forward(new double[3], Tensor.real(1, 4), Tensor.real(1, 3)));
        assertTrue(wrongWidth.getMessage().contains("expects width 3"), wrongWidth.getMessage());
        TwinView twin = d.view(TwinView.class);
        PnnException tooBig = assertThrows(PnnException.class,
                () -> twin.forward(new double[3], Tensor.real(4, 3), twin.newTape(2)));
        assertTrue(tooBig.getMessage().contains("capacity"), tooBig.getMessage());
        Tape tape = twin.newTape(2);
        twin.forward(new double[3], Tensor.real(2, 3), tape);
        PnnException badGrad = assertThrows(PnnException.class,
                () -> twin.backward(new double[3], tape, Tensor.real(1, 3), new double[3]));
        assertTrue(badGrad.getMessage().contains("output gradient"), badGrad.getMessage());
    }

    /** PAT with f_p ≡ f_m is BP (ALGORITHMS.md §4): backwardAt on a physically recorded tape equals backward. */
    @Test
    void backwardAtOnTheDevicesOwnActivationsEqualsBackward() {
        Graph g = GradientProperties.everyBlock();
        Device d = NetBuilder.open(g);
        Rng r = new Rng(3);
        double[] theta = GradientProperties.randomTheta(g, r);
        Tensor x = GradientProperties.randomInput(g, 37, r);
        TwinView twin = d.view(TwinView.class);
        Tape t1 = twin.newTape(37);
        Tensor y = twin.forward(theta, x, t1);
        Tensor ones = Tensor.real(37, y.width);
        Arrays.fill(ones.re, 1.0);
        double[] bp = new double[theta.length];
        twin.backward(theta, t1, ones, bp);
        LayersView layers = d.view(LayersView.class);
        Tape t2 = layers.newTape(37);
        layers.forwardAll(theta, x, t2);
        double[] pat = new double[theta.length];
        twin.backwardAt(theta, t2, ones, pat);
        for (int i = 0; i < bp.length; i++) assertEquals(bp[i], pat[i], 1e-12 * Math.max(1, Math.abs(bp[i])));
    }

    @Test
    void backwardWithoutARecordingForwardIsRefused() {
        Graph g = GradientProperties.everyBlock();
        Device d = NetBuilder.open(g);
        double[] theta = GradientProperties.randomTheta(g, new Rng(5));
        Tensor x = GradientProperties.randomInput(g, 3, new Rng(6));
        LayersView layers = d.view(LayersView.class);
        Tape tape = layers.newTape(3);
        Tensor y = layers.forwardAll(theta, x, tape);
        PnnException e = assertThrows(PnnException.class,
                () -> d.view(TwinView.class).backward(theta, tape, Tensor.real(3, y.width), new double[theta.length]));
        assertTrue(e.hint().contains("backwardAt"), e.hint());
    }

    /** backwardAt evaluates each node's VJP at the recorded inputs, not at the twin's own forward. */
    @Test
    void backwardAtUsesTheRecordedActivations() {
        KernelDevice d = fanOut(ALL);
        TwinView twin = d.view(TwinView.class);
        double[] theta = {0.9, -1.3, 0.6};
        Tensor x = Tensor.wrap(new double[]{0.3, -0.7, 1.1}, null, 1, 3);
        Tape tape = twin.newTape(1);
        twin.forward(theta, x, tape);
        // pretend the hardware measured a different 'a'
        Tensor a = tape.activation(1);
        double[] measured = {0.2, 0.1, -0.5};
        System.arraycopy(measured, 0, a.re, 0, 3);
        Tensor s = tape.activation(2);
        for (int i = 0; i < 3; i++) s.re[i] = Math.sin(measured[i]);
        Tensor p = tape.activation(3);
        for (int i = 0; i < 3; i++) p.re[i] = measured[i] * s.re[i];
        Tensor ones = Tensor.wrap(new double[]{1, 1, 1}, null, 1, 3);
        double[] grad = new double[3];
        twin.backwardAt(theta, tape, ones, grad);
        // out = a² sin a, ∂out/∂a = 2a sin a + a² cos a, ∂a/∂w = x
        for (int i = 0; i < 3; i++) {
            double m = measured[i];
            assertEquals((2 * m * Math.sin(m) + m * m * Math.cos(m)) * x.re[i], grad[i], 1e-14);
        }
    }

    @Test
    void anEmptyBatchRunsAndCountsNothing() {
        Graph g = GradientProperties.everyBlock();
        Device d = NetBuilder.open(g);
        double[] theta = GradientProperties.randomTheta(g, new Rng(8));
        Tensor x = Tensor.real(4, 4).rows(0);
        Tensor y = Tensor.of(g.outputNode().type(), 4);
        d.view(ForwardView.class).forward(theta, x, y);
        assertEquals(0, y.rows());
        TwinView twin = d.view(TwinView.class);
        Tape tape = twin.newTape(4);
        Tensor out = twin.forward(theta, x, tape);
        double[] grad = new double[theta.length];
        twin.backward(theta, tape, Tensor.of(g.outputNode().type(), 4).rows(0), grad);
        assertEquals(0, out.rows());
        assertArrayEquals(new double[theta.length], grad);
        assertEquals(0, d.queries().total());
    }

    @Test
    void forwardViewFillsTheOutputBufferAndLeavesInputsAlone() {
        KernelDevice d = fanOut(ALL);
        double[] theta = {0.9, -1.3, 0.6};
        Tensor x = Tensor.wrap(new double[]{0.3, -0.7, 1.1}, null, 1, 3);
        Tensor y = Tensor.real(4, 3);
        d.view(ForwardView.class).forward(theta, x, y);
        assertEquals(1, y.rows());
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double a = theta[i] * x.re[i];
            expected[i] = a * a * Math.sin(a);
        }
        assertArrayEquals(expected, Arrays.copyOf(y.re, 3), 1e-15);
        assertArrayEquals(new double[]{0.3, -0.7, 1.1}, x.re);
    }
}
