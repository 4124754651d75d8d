package dev.pnn.photonic;

import dev.pnn.spi.Rng;
import dev.pnn.spi.exec.InferenceKernel;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.noise.Drift;

import java.util.List;

/**
 * The physical mesh of a drifting instance: each pass applies the current drift state (read by the mesh's phase
 * map) and then advances every drift process by the pass's row count, one query per sample (ALGORITHMS.md §2.4).
 * Without drift it is the mesh kernel itself.
 */
final class DriftingMesh implements InferenceKernel {
    private final MeshKernel mesh;
    private final List<Drift.Process> drift;
    private final Rng dynamic;

    DriftingMesh(MeshKernel mesh, List<Drift.Process> drift, Rng dynamic) {
        this.mesh = mesh;
        this.drift = List.copyOf(drift);
        this.dynamic = dynamic;
    }

    @Override
    public void forward(double[] theta, Tensor[] in, Tensor out, Object scratch) {
        mesh.forward(theta, in, out, scratch);
        advance(in[0].rows());
    }

    @Override
    public void infer(double[] theta, Tensor[] in, Tensor out, Object scratch) {
        mesh.infer(theta, in, out, scratch);
        advance(in[0].rows());
    }

    @Override
    public void backward(double[] theta, Tensor[] in, Tensor out, Tensor outGrad, Tensor[] inGrad, double[] thetaGrad,
                         Object scratch) {
        mesh.backward(theta, in, out, outGrad, inGrad, thetaGrad, scratch);
    }

    @Override
    public Object newScratch(int maxRows) {
        return mesh.newScratch(maxRows);
    }

    private void advance(int rows) {
        for (Drift.Process d : drift) d.advance(rows, dynamic);
    }
}
