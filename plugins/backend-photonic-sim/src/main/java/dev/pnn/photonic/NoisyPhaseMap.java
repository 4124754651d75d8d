package dev.pnn.photonic;

import dev.pnn.spi.noise.ControlQuantizer;
import dev.pnn.spi.noise.Crosstalk;
import dev.pnn.spi.noise.Drift;
import dev.pnn.spi.noise.Neighbours;

import java.util.List;

/**
 * Programmed → applied phases on a noisy instance: phase DAC(s), then thermal crosstalk, then drift offsets
 * (ALGORITHMS.md §2.4). The pull-back treats the DAC straight-through, applies each crosstalk's transpose at its
 * own input, and passes drift (an additive offset) unchanged.
 */
final class NoisyPhaseMap implements PhaseMap {
    private final List<ControlQuantizer> dac;
    private final List<Crosstalk> crosstalk;
    private final Neighbours neighbours;
    private final List<Drift.Process> drift;
    private final double[][] stage; // stage[j] = input of crosstalk j
    private final double[] work;

    NoisyPhaseMap(List<ControlQuantizer> dac, List<Crosstalk> crosstalk, Neighbours neighbours,
                  List<Drift.Process> drift) {
        this.dac = List.copyOf(dac);
        this.crosstalk = List.copyOf(crosstalk);
        this.neighbours = neighbours;
        this.drift = List.copyOf(drift);
        int p = neighbours.size();
        this.stage = new double[crosstalk.size() + 1][p];
        this.work = new double[p];
    }

    @Override
    public void apply(double[] programmed, double[] applied) {
        forwardStages(programmed);
        double[] last = stage[crosstalk.size()];
        System.arraycopy(last, 0, applied, 0, applied.length);
        for (Drift.Process d : drift) {
            double[] o = d.offsets();
            for (int i = 0; i < applied.length; i++) applied[i] += o[i];
        }
    }

    @Override
    public void pullBack(double[] programmed, double[] appliedBar, double[] programmedBar) {
        forwardStages(programmed);
        System.arraycopy(appliedBar, 0, programmedBar, 0, appliedBar.length);
        for (int j = crosstalk.size() - 1; j >= 0; j--) {
            crosstalk.get(j).coupleTranspose(stage[j], neighbours, programmedBar, work);
            System.arraycopy(work, 0, programmedBar, 0, work.length);
        }
    }

    private void forwardStages(double[] programmed) {
        double[] s0 = stage[0];
        System.arraycopy(programmed, 0, s0, 0, s0.length);
        for (ControlQuantizer q : dac) q.quantize(s0, 0, s0.length);
        for (int j = 0; j < crosstalk.size(); j++) crosstalk.get(j).couple(stage[j], neighbours, stage[j + 1]);
    }
}
