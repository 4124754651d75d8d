package dev.pnn.modelfree;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.train.TrainerFactory;

import java.util.List;

/**
 * Trainers that need no exact digital twin: direct feedback alignment, local learning (forward-forward, PhyLL),
 * perturbative estimators (finite differences, SPSA), population methods (ES, CMA-ES) and the reservoir readout.
 */
public final class ModelFreePlugin implements PnnPlugin {
    @Override
    public String name() {
        return "trainer-modelfree";
    }

    @Override
    public List<TrainerFactory> trainers() {
        return List.of(new DfaTrainer.Factory(), new LocalTrainer.Factory(false), new LocalTrainer.Factory(true),
                new FdTrainer.Factory(), new SpsaTrainer.Factory(), new EsTrainer.Factory(), new CmaEsTrainer.Factory(),
                new ReadoutTrainer.Factory());
    }
}
