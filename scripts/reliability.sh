#!/usr/bin/env bash
# npm run reliability: runs every suite that records reliability rows — the full matrix (RELIABILITY_FULL=1), one
# jest process, in band — into a fresh record folder, then writes docs/RELIABILITY.md from those rows. Exits
# non-zero when a suite failed or a row failed. Extra arguments go to jest (e.g. a path to run fewer suites; the
# table then holds only their rows).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
record_dir="$root/.work/reliability/run"
tools_dir="$root/.work/reliability/tools"
rm -rf "$record_dir" "$tools_dir"
mkdir -p "$record_dir"

# The suites: every test file that records rows or checks them (new suites join by calling the recorder).
mapfile -t suites < <(grep -rlE "recordReliabilityRow|recordPassedFault|expectNoSecrets|expectCommittedTableMatches" test --include='*.test.ts' | sort)
if [ "$#" -gt 0 ]; then suites=("$@"); fi
echo "[reliability] ${#suites[@]} suites: ${suites[*]}"

npm run build
status=0
# RELIABILITY_SHARDS=N runs the suites in N jest processes at once (round robin over the sorted list), each in band,
# all recording into the same folder: the whole matrix in less wall time where there are cores to spare.
shards=${RELIABILITY_SHARDS:-1}
pids=()
for ((shard = 0; shard < shards; shard++)); do
  part=()
  for i in "${!suites[@]}"; do if ((i % shards == shard)); then part+=("${suites[$i]}"); fi; done
  if [ "${#part[@]}" -eq 0 ]; then continue; fi
  echo "[reliability] shard $((shard + 1))/$shards: ${part[*]}"
  RELIABILITY_FULL=1 RELIABILITY_REGENERATE=1 RELIABILITY_RECORD_DIR="$record_dir" \
    bash scripts/with-pulumi.sh npx jest --runInBand "${part[@]}" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || status=$?; done

# The renderer is TypeScript; compile it (and what it imports) on its own, as ts-node is not a dependency.
npx tsc --outDir "$tools_dir" --rootDir test/support/reliability --module commonjs --target ES2022 \
  --strict --esModuleInterop --skipLibCheck --types node test/support/reliability/render-cli.ts
RELIABILITY_RECORD_DIR="$record_dir" node "$tools_dir/render-cli.js" docs/RELIABILITY.md || status=$?
exit $status
