package dev.pnn.spi.exec;

import dev.pnn.spi.Capability;
import dev.pnn.spi.CapabilityException;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.QueryCounter;
import dev.pnn.spi.QueryKind;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.LayersView;
import dev.pnn.spi.device.ReservoirView;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.device.View;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Node;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link Device} for any backend whose blocks are {@link Kernel}s: runs a graph node by node in topological
 * order and offers {@link ForwardView}, {@link TwinView} (with {@code backwardAt}) and {@link LayersView}, as far as
 * the given capabilities allow. Reusable by third-party backends: build one kernel per node and pass them in.
 *
 * <p><b>Physical and twin kernels.</b> The physical kernels model the hardware as it is (fabrication errors,
 * per-query noise); they serve {@link ForwardView} and {@link LayersView}, and every sample they see counts one
 * {@link QueryKind#FORWARD forward query}. The twin kernels are the differentiable digital model used by
 * {@link TwinView}; twin passes are digital and count no queries. An ideal device passes the same kernels twice.
 *
 * <p><b>Inputs.</b> The input tensor's columns are split over the graph's input nodes in graph order.
 *
 * <p><b>Fan-out.</b> A node read by several consumers gets the sum of their input gradients; a node read once
 * gets its gradient written directly.
 *
 * <p>Not thread-safe: one device serves one thread at a time (kernels may use {@link RowChunks} internally).
 */
public class KernelDevice implements Device {
    private final Graph graph;
    private final HardwareProfile profile;
    private final long seed;
    private final Set<Capability> capabilities;
    private final Kernel[] physical;
    private final Kernel[] twin;
    private final QueryCounter queries = new QueryCounter();

    private final int nodeCount;
    private final int[][] inputsOf;
    private final int[] graphInputs;
    private final int inputWidth;
    private final int outputIndex;
    /** Node's gradient is needed: it reaches the output and it or something upstream has parameters. */
    private final boolean[] active;
    /** Input slot (i, j) must accumulate into its producer's gradient because the producer has several readers. */
    private final boolean[][] accumulate;

    private final Tensor[][] argBuf;
    private final Tensor[][] gradBuf;
    private Tensor[][] slotGrad;
    private Tensor[] shadow;
    private int shadowCapacity;
    private Tape forwardTape;
    private NodeScratch[] nodeScratch;
    private int nodeScratchCapacity;

    private final ForwardView forwardView = new Forward();
    private final TwinView twinView = new Twin();
    private final LayersView layersView = new Layers();
    private ReservoirView reservoirView;

    /**
     * @param physical one kernel per node of {@code graph.nodes()} (null for input nodes): the hardware as it is
     * @param twin     one kernel per node (null for input nodes): the differentiable model; may equal physical
     */
    public KernelDevice(Graph graph, HardwareProfile profile, long seed, Set<Capability> capabilities,
                        List<? extends Kernel> physical, List<? extends Kernel> twin) {
        this.graph = graph;
        this.profile = profile;
        this.seed = seed;
        this.capabilities = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(capabilities));
        this.nodeCount = graph.nodes().size();
        if (physical.size() != nodeCount || twin.size() != nodeCount)
            throw new IllegalArgumentException("need one kernel per node: graph " + graph.name() + " has "
                    + nodeCount + " nodes, got " + physical.size() + " physical and " + twin.size() + " twin kernels");
        this.physical = physical.toArray(new Kernel[0]);
        this.twin = twin.toArray(new Kernel[0]);

        inputsOf = new int[nodeCount][];
        List<Integer> ins = new ArrayList<>();
        int width = 0;
        int[] readers = new int[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            Node node = graph.nodes().get(i);
            if (node.isInput()) {
                ins.add(i);
                width += node.type().width();
                inputsOf[i] = new int[0];
                continue;
            }
            if (this.physical[i] == null || this.twin[i] == null)
                throw new IllegalArgumentException("node " + node.id() + " (" + node.op() + ") has no kernel");
            inputsOf[i] = new int[node.inputs().size()];
            for (int j = 0; j < inputsOf[i].length; j++) {
                int p = graph.indexOf(node.inputs().get(j));
                if (p < 0 || p >= i)
                    throw new IllegalArgumentException("node " + node.id() + " reads '" + node.inputs().get(j)
                            + "', which is not an earlier node");
                inputsOf[i][j] = p;
            }
        }
        graphInputs = ins.stream().mapToInt(Integer::intValue).toArray();
        if (graphInputs.length == 0) throw new IllegalArgumentException("graph " + graph.name() + " has no input");
        inputWidth = width;
        outputIndex = graph.indexOf(graph.output());
        if (outputIndex < 0) throw new IllegalArgumentException("graph " + graph.name() + " has no node " + graph.output());

        boolean[] learns = new boolean[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            learns[i] = graph.nodes().get(i).paramCount() > 0;
            for (int p : inputsOf[i]) learns[i] |= learns[p];
        }
        boolean[] reaches = new boolean[nodeCount];
        reaches[outputIndex] = true;
        for (int i = nodeCount - 1; i >= 0; i--)
            if (reaches[i]) for (int p : inputsOf[i]) reaches[p] = true;
        active = new boolean[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            active[i] = reaches[i] && learns[i] && !graph.nodes().get(i).isInput();
            if (active[i]) for (int p : inputsOf[i]) readers[p]++;
        }
        accumulate = new boolean[nodeCount][];
        argBuf = new Tensor[nodeCount][];
        gradBuf = new Tensor[nodeCount][];
        for (int i = 0; i < nodeCount; i++) {
            accumulate[i] = new boolean[inputsOf[i].length];
            for (int j = 0; j < inputsOf[i].length; j++) accumulate[i][j] = readers[inputsOf[i][j]] > 1;
            argBuf[i] = new Tensor[inputsOf[i].length];
            gradBuf[i] = new Tensor[inputsOf[i].length];
        }
    }

    @Override
    public Graph graph() {
        return graph;
    }

    @Override
    public HardwareProfile profile() {
        return profile;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public QueryCounter queries() {
        return queries;
    }

    @Override
    public <V extends View> V view(Class<V> type) {
        Capability needed = View.capabilityOf(type);
        if (!Capability.closure(capabilities).contains(needed))
            throw new CapabilityException("device " + profile.name() + " (backend " + profile.backend()
                    + ") does not offer " + needed, "it offers " + capabilities);
        Object v = type == ForwardView.class ? forwardView
                : type == TwinView.class ? twinView
                : type == LayersView.class ? layersView
                : type == ReservoirView.class ? reservoirView()
                : extraView(type);
        if (v == null)
            throw new CapabilityException("device " + profile.name() + " declares " + needed
                    + " but has no implementation of " + type.getSimpleName(), "report this to the backend's author");
        return type.cast(v);
    }

    /** A kernel graph's reservoir features are its recorded per-layer activations (one physical pass a batch). */
    private synchronized ReservoirView reservoirView() {
        if (reservoirView == null) reservoirView = ReservoirView.over(layersView);
        return reservoirView;
    }

    /** Views beyond forward, twin, layers and reservoir that a subclass offers; null when it has none. */
    protected <V extends View> V extraView(Class<V> type) {
        return null;
    }

    /** The physical kernel of node {@code i} (null for inputs). */
    protected Kernel physicalKernel(int i) {
        return physical[i];
    }

    /** The twin kernel of node {@code i} (null for inputs). */
    protected Kernel twinKernel(int i) {
        return twin[i];
    }

    // ---------------------------------------------------------------- passes

    /** A tape for this graph whose scratch slots hold per-kernel working memory. */
    public Tape newTape(int maxRows) {
        if (maxRows < 1) throw new PnnException("a tape needs room for at least one row, got " + maxRows,
                "pass the largest batch size you will run");
        NodeScratch[] s = new NodeScratch[nodeCount];
        for (int i = 0; i < nodeCount; i++) s[i] = new NodeScratch(maxRows);
        return new Tape(graph, maxRows, s);
    }

    private Tensor run(Kernel[] kernels, boolean infer, double[] theta, Tensor input, Tape tape) {
        checkTheta(theta, "θ");
        checkInput(input);
        checkTape(tape, input.rows());
        tape.rows(input.rows());
        scatterInput(input, tape);
        for (int i = 0; i < nodeCount; i++) {
            if (graph.nodes().get(i).isInput()) continue;
            Tensor[] in = args(i, tape);
            Kernel k = kernels[i];
            NodeScratch holder = (NodeScratch) tape.scratch(i);
            Object s = holder.of(k);
            if (infer && k instanceof InferenceKernel ik) {
                ik.infer(theta, in, tape.activation(i), s);
                holder.recordedBy = null;
            } else {
                k.forward(theta, in, tape.activation(i), s);
                holder.recordedBy = k;
            }
        }
        return tape.output();
    }

    private Tensor[] args(int i, Tape tape) {
        Tensor[] in = argBuf[i];
        for (int j = 0; j < in.length; j++) in[j] = tape.activation(inputsOf[i][j]);
        return in;
    }

    private void backward(double[] theta, Tape tape, Tensor outputGrad, double[] thetaGrad, boolean atRecorded) {
        checkTheta(theta, "θ");
        checkTheta(thetaGrad, "∂L/∂θ");
        checkTapeShape(tape);
        int rows = tape.rows();
        if (rows == 0) return;
        Tensor out = tape.output();
        if (outputGrad.width != out.width || outputGrad.rows() != rows || outputGrad.isComplex() != out.isComplex())
            throw new PnnException("output gradient is " + describe(outputGrad) + " but the tape's output is "
                    + describe(out), "pass ∂L/∂output with the shape of the recorded output");
        if (atRecorded) recomputeShadow(theta, tape);
        else
            for (int i = 0; i < nodeCount; i++)
                if (active[i] && ((NodeScratch) tape.scratch(i)).recordedBy != twin[i])
                    throw new PnnException("backward needs the twin's recording forward pass on this tape, but node "
                            + graph.nodes().get(i).id() + " was last run by a physical or inference pass",
                            "run TwinView.forward on the tape first, or use backwardAt to differentiate at "
                                    + "recorded (measured) activations");
        ensureSlotGrad(tape.capacity());
        for (int i = 0; i < nodeCount; i++) {
            if (!active[i]) continue;
            for (int j = 0; j < inputsOf[i].length; j++)
                if (accumulate[i][j]) tape.gradient(inputsOf[i][j]).zero();
        }
        tape.gradient(outputIndex).copyFrom(outputGrad);
        for (int i = nodeCount - 1; i >= 0; i--) {
            if (!active[i]) continue;
            Tensor[] in = args(i, tape);
            Tensor[] inGrad = gradBuf[i];
            for (int j = 0; j < inGrad.length; j++) {
                int p = inputsOf[i][j];
                if (!active[p]) inGrad[j] = null;
                else if (accumulate[i][j]) inGrad[j] = slotGrad[i][j].rows(rows);
                else inGrad[j] = tape.gradient(p);
            }
            Tensor o = atRecorded ? shadow[i].rows(rows) : tape.activation(i);
            twin[i].backward(theta, in, o, tape.gradient(i), inGrad, thetaGrad, scratch(tape, i, twin[i]));
            for (int j = 0; j < inGrad.length; j++)
                if (inGrad[j] != null && accumulate[i][j]) addInto(tape.gradient(inputsOf[i][j]), inGrad[j]);
        }
    }

    /** Re-runs every twin kernel on the recorded inputs, into shadow outputs, so kernels refill their scratch. */
    private void recomputeShadow(double[] theta, Tape tape) {
        if (shadow == null || shadowCapacity < tape.capacity()) {
            shadow = new Tensor[nodeCount];
            for (int i = 0; i < nodeCount; i++) shadow[i] = Tensor.of(graph.nodes().get(i).type(), tape.capacity());
            shadowCapacity = tape.capacity();
        }
        for (int i = 0; i < nodeCount; i++) {
            if (!active[i]) continue;
            twin[i].forward(theta, args(i, tape), shadow[i].rows(tape.rows()), scratch(tape, i, twin[i]));
            // the tape's activations are not the twin's own outputs: a plain backward must not follow
            ((NodeScratch) tape.scratch(i)).recordedBy = null;
        }
    }

    private void ensureSlotGrad(int capacity) {
        if (slotGrad != null && slotGrad.length > 0 && slotCapacity >= capacity) return;
        slotGrad = new Tensor[nodeCount][];
        for (int i = 0; i < nodeCount; i++) {
            slotGrad[i] = new Tensor[inputsOf[i].length];
            for (int j = 0; j < inputsOf[i].length; j++)
                if (accumulate[i][j]) slotGrad[i][j] = Tensor.of(graph.nodes().get(inputsOf[i][j]).type(), capacity);
        }
        slotCapacity = capacity;
    }

    private int slotCapacity;

    private static void addInto(Tensor acc, Tensor g) {
        int n = g.rows() * g.width;
        for (int k = 0; k < n; k++) acc.re[k] += g.re[k];
        if (acc.im != null) for (int k = 0; k < n; k++) acc.im[k] += g.im[k];
    }

    private Object scratch(Tape tape, int node, Kernel kernel) {
        return ((NodeScratch) tape.scratch(node)).of(kernel);
    }

    private void scatterInput(Tensor input, Tape tape) {
        int rows = input.rows();
        int col = 0;
        for (int idx : graphInputs) {
            Tensor a = tape.activation(idx);
            int w = a.width;
            for (int r = 0; r < rows; r++) {
                System.arraycopy(input.re, r * input.width + col, a.re, r * w, w);
                if (a.im != null) {
                    if (input.im != null) System.arraycopy(input.im, r * input.width + col, a.im, r * w, w);
                    else java.util.Arrays.fill(a.im, r * w, r * w + w, 0.0);
                }
            }
            col += w;
        }
    }

    // ---------------------------------------------------------------- checks

    private void checkTheta(double[] theta, String what) {
        if (theta == null || theta.length != graph.paramCount())
            throw new PnnException(what + " has " + (theta == null ? "no" : theta.length) + " entries but network "
                    + graph.name() + " has " + graph.paramCount() + " parameters",
                    "allocate θ (and its gradient) with graph().paramCount() entries");
    }

    /** A real tensor may feed complex (field) inputs: its imaginary part is read as zero. */
    private void checkInput(Tensor input) {
        if (input.width != inputWidth)
            throw new PnnException("input is " + describe(input) + " but network " + graph.name()
                    + " expects width " + inputWidth, "feed samples of width " + inputWidth);
    }

    private void checkTape(Tape tape, int rows) {
        checkTapeShape(tape);
        if (rows > tape.capacity())
            throw new PnnException("batch of " + rows + " rows exceeds the tape's capacity of " + tape.capacity(),
                    "make the tape with newTape(" + rows + ") or split the batch");
    }

    private void checkTapeShape(Tape tape) {
        if (tape.graph() != graph && !tape.graph().equals(graph))
            throw new PnnException("tape belongs to network " + tape.graph().name() + ", not " + graph.name(),
                    "make tapes with this device's newTape");
        if (nodeCount > 0 && !(tape.scratch(0) instanceof NodeScratch))
            throw new PnnException("tape was not made by a kernel device", "make tapes with the view's newTape");
    }

    private static String describe(Tensor t) {
        return (t.isComplex() ? "field" : "real") + "[" + t.rows() + " x " + t.width + "]";
    }

    private Tape forwardTape(int rows) {
        if (forwardTape == null || forwardTape.capacity() < rows) forwardTape = newTape(Math.max(rows, 1));
        return forwardTape;
    }

    private NodeScratch nodeScratch(int node, int rows) {
        if (nodeScratch == null || nodeScratchCapacity < rows) {
            nodeScratch = new NodeScratch[nodeCount];
            nodeScratchCapacity = Math.max(rows, 1);
        }
        if (nodeScratch[node] == null) nodeScratch[node] = new NodeScratch(nodeScratchCapacity);
        return nodeScratch[node];
    }

    // ---------------------------------------------------------------- views

    private final class Forward implements ForwardView {
        @Override
        public void forward(double[] theta, Tensor input, Tensor output) {
            Tensor out = run(physical, true, theta, input, forwardTape(input.rows()));
            if (output.width != out.width || output.isComplex() != out.isComplex())
                throw new PnnException("output buffer is " + describe(output) + " but network " + graph.name()
                        + " produces width " + out.width + (out.isComplex() ? " (field)" : ""),
                        "allocate the output as Tensor.of(graph().outputNode().type(), rows)");
            if (output.capacity() < input.rows())
                throw new PnnException("output buffer holds " + output.capacity() + " rows, batch has " + input.rows(),
                        "allocate the output with room for the whole batch");
            output.copyFrom(out);
            queries.add(QueryKind.FORWARD, input.rows());
        }
    }

    private final class Twin implements TwinView {
        @Override
        public Tape newTape(int maxRows) {
            return KernelDevice.this.newTape(maxRows);
        }

        @Override
        public Tensor forward(double[] theta, Tensor input, Tape tape) {
            return run(twin, false, theta, input, tape);
        }

        @Override
        public void backward(double[] theta, Tape tape, Tensor outputGrad, double[] thetaGrad) {
            KernelDevice.this.backward(theta, tape, outputGrad, thetaGrad, false);
        }

        @Override
        public void backwardAt(double[] theta, Tape tape, Tensor outputGrad, double[] thetaGrad) {
            KernelDevice.this.backward(theta, tape, outputGrad, thetaGrad, true);
        }
    }

    private final class Layers implements LayersView {
        @Override
        public Tape newTape(int maxRows) {
            return KernelDevice.this.newTape(maxRows);
        }

        @Override
        public Tensor forwardAll(double[] theta, Tensor input, Tape tape) {
            Tensor out = run(physical, true, theta, input, tape);
            queries.add(QueryKind.FORWARD, input.rows());
            return out;
        }

        @Override
        public void runNode(int node, double[] theta, Tensor[] inputs, Tensor out) {
            if (node < 0 || node >= nodeCount || graph.nodes().get(node).isInput())
                throw new PnnException("node index " + node + " is not a block of network " + graph.name(),
                        "use an index of graph().nodes() that is not an input");
            checkTheta(theta, "θ");
            Node n = graph.nodes().get(node);
            if (inputs.length != inputsOf[node].length)
                throw new PnnException("node " + n.id() + " takes " + inputsOf[node].length + " inputs, got "
                        + inputs.length, "pass one tensor per input of the block");
            int rows = inputs.length == 0 ? out.rows() : inputs[0].rows();
            for (int j = 0; j < inputs.length; j++) {
                Node p = graph.nodes().get(inputsOf[node][j]);
                if (inputs[j].width != p.type().width() || inputs[j].rows() != rows)
                    throw new PnnException("input " + j + " of node " + n.id() + " is " + describe(inputs[j])
                            + " but the block reads " + p.type() + " with " + rows + " rows",
                            "pass tensors shaped like the block's inputs");
            }
            if (out.width != n.type().width() || out.capacity() < rows)
                throw new PnnException("output of node " + n.id() + " is " + describe(out) + ", expected "
                        + n.type() + " with room for " + rows + " rows", "allocate Tensor.of(node.type(), rows)");
            out.rows(rows);
            Kernel k = physical[node];
            Object s = nodeScratch(node, rows).of(k);
            if (k instanceof InferenceKernel ik) ik.infer(theta, inputs, out, s);
            else k.forward(theta, inputs, out, s);
            queries.add(QueryKind.FORWARD, rows);
        }
    }
}
