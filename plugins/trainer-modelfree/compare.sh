#!/usr/bin/env bash
# Regenerates the model-free comparison table of docs/model-free.md: trains every model-free sample and a
# backprop run on each sample's network through the CLI, then prints one markdown row per run from the run's
# summary.json (test accuracy, device queries, wall time, peak stored doubles reported by the trainer, and the
# JVM's peak resident memory from GNU time).
#
# usage: plugins/trainer-modelfree/compare.sh [OUT_DIR]     (needs jq and GNU time; takes a few minutes)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-$(mktemp -d "${TMPDIR:-/tmp}/pnn-modelfree.XXXXXX")}"
mkdir -p "$OUT"
DATA="$ROOT/samples/data/digits8x8.csv.gz"

# Build once, then run a private copy of the CLI so that edits elsewhere in the tree (which make ./pnn rebuild)
# cannot change or break the binary halfway through the comparison.
"$ROOT/pnn" --version >/dev/null
mkdir -p "$OUT/bin"
cp "$(ls "$ROOT"/cli/target/pnn-cli-*.jar | grep -v -e sources -e javadoc -e tests | head -1)" "$OUT/bin/pnn-cli.jar"
rm -rf "$OUT/bin/lib" && cp -r "$ROOT/cli/target/lib" "$OUT/bin/lib"
PNN=(java -jar "$OUT/bin/pnn-cli.jar")

# name | sample | trainer override (empty = the sample's own) | epochs override (empty = the sample's own)
RUNS=(
  "backprop (mzi_digits.pnn, 64-mode mesh, 20 of its 60 epochs)|samples/mzi_digits.pnn||20"
  "backprop (hybrid MLP)|samples/mlp_digits_dfa.pnn|backprop|"
  "dfa (augmented, measured slope)|samples/mlp_digits_dfa.pnn||"
  "backprop (relu MLP 128-128)|samples/mlp_digits_ffa.pnn|backprop|"
  "ffa|samples/mlp_digits_ffa.pnn||"
  "head only, hidden layers frozen at init (relu MLP)|samples/mlp_digits_ffa.pnn|dfa(scale: 0)|"
  "backprop (tanh MLP 64-64)|samples/mlp_digits_phyll.pnn|backprop|"
  "phyll|samples/mlp_digits_phyll.pnn||"
  "head only, hidden layers frozen at init (tanh MLP)|samples/mlp_digits_phyll.pnn|dfa(scale: 0)|"
  "backprop (10-mode mesh)|samples/mesh_digits_spsa.pnn|backprop|20"
  "fd (forward)|samples/mesh_digits_fd.pnn||"
  "spsa|samples/mesh_digits_spsa.pnn||"
  "es|samples/mesh_digits_es.pnn||"
  "cmaes|samples/mesh_digits_cmaes.pnn||"
)

printf '| run | network params | test accuracy | device queries (train) | wall time (s) | peak stored doubles | JVM peak RSS (MB) |\n'
printf '|---|---|---|---|---|---|---|\n'
i=0
for spec in "${RUNS[@]}"; do
  IFS='|' read -r name sample trainer epochs <<<"$spec"
  i=$((i + 1))
  src="$OUT/run$i.pnn"
  sed "s#\"data/digits8x8.csv.gz\"#\"$DATA\"#" "$ROOT/$sample" >"$src"
  if [ -n "$trainer" ]; then
    sed -i -E "s#^( *trainer *= *).*;#\1$trainer;#" "$src"
    # population trainers carry no optimizer line; backprop needs one
    grep -q 'optimizer' "$src" || sed -i -E "s#^( *trainer *= *$trainer;)#\1\n    optimizer = adam(lr: 0.003);#" "$src"
  fi
  args=()
  [ -n "$epochs" ] && args+=(--epochs "$epochs")
  rm -rf "$OUT/run$i"
  echo "$name" >"$OUT/run$i.name"
  if ! /usr/bin/time -f '%M' -o "$OUT/run$i.rss" "${PNN[@]}" train "$src" --out "$OUT/run$i" "${args[@]}" >"$OUT/run$i.log" 2>&1; then
    printf '| %s | – | failed: %s | | | | |\n' "$name" "$(tail -1 "$OUT/run$i.log")"
    continue
  fi
  s="$OUT/run$i/summary.json"
  jq -r --arg name "$name" --arg rss "$(tail -1 "$OUT/run$i.rss")" '
    "| \($name) | \(.paramCount) | \(.final.testAccuracy * 10000 | round / 10000) | "
    + "\((.queries.device | to_entries | map(.value) | add) // 0) | \(.times.wallSeconds * 10 | round / 10) | "
    + "\(.peakStoredDoubles // "–") | \(($rss | tonumber) / 1024 | round) |"' "$s"
done
echo
# Accuracy against queries and wall time for the query-driven trainers, from each run's metrics.csv: the test
# accuracy after the last epoch whose cumulative training queries stay within each budget ("–": not even one
# epoch fits).
printf '| run | 1e5 queries | 2.5e5 | 5e5 | 1e6 | 2e6 | final (queries, wall s) |\n|---|---|---|---|---|---|---|\n'
for f in "$OUT"/run*.name; do
  i="${f%.name}"; m="$i/metrics.csv"; name="$(cat "$f")"
  [ -f "$m" ] || continue
  awk -F, -v name="$name" 'NR == 1 { next }
    { q = $10; acc = $5; wall = $8; last = sprintf("%.3f (%d, %.1f)", acc, q, wall)
      for (k = 1; k <= 5; k++) if (q <= b[k]) at[k] = sprintf("%.3f", acc) }
    BEGIN { b[1] = 1e5; b[2] = 2.5e5; b[3] = 5e5; b[4] = 1e6; b[5] = 2e6 }
    END { if (q == 0) exit; row = "| " name; for (k = 1; k <= 5; k++) row = row " | " ((k in at) ? at[k] : "–");
          print row " | " last " |" }' "$m"
done
echo
echo "runs in $OUT"
