package dev.pnn.physics;

/** The testkit's trainer contract for this trainer (see {@link PhysicsTrainerContracts}). */
class ScatteringBpTrainerContractTest extends PhysicsTrainerContracts.ScatteringBp {
}
