#!/usr/bin/env bash
# Regenerates docs/black-scholes-results.md and docs/black-scholes.png: compiles samples/black_scholes.pnn, trains
# both of its plans through the training loop (the BP-free tt_zo + Stein plan and the backprop reference), and
# compares the learned price with the analytic one. Run from anywhere; MAVEN_FLAGS defaults to offline (-o).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
CP_FILE=plugins/tensor-train/target/study.classpath
mvn -B -q ${MAVEN_FLAGS:--o} -pl plugins/tensor-train -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$ROOT/$CP_FILE" -Dmdep.includeScope=test
java -cp "plugins/tensor-train/target/test-classes:plugins/tensor-train/target/classes:$(cat "$CP_FILE")" \
    dev.pnn.tt.BlackScholesStudy "$ROOT" "$@"
