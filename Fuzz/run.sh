#!/usr/bin/env bash
# Runs one libFuzzer target for a set time.
#
#   Fuzz/run.sh TARGET SECONDS [extra libFuzzer flags]
#   TARGET: backend-messages | connection-string | pgpass | snapshot
#
# Builds the target if its sources changed (Fuzz/build.sh), starts from the committed seeds in
# Fuzz/corpus/TARGET plus what earlier runs found (Fuzz/.work/TARGET, not committed), and writes any
# crashing input to Fuzz/findings/TARGET/. Exit status: 0 nothing found, 1 a finding (see its file and
# the log Fuzz/.work/TARGET.log). Reproduce a finding with: Fuzz/.build/TARGET FILE
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="${1:?usage: Fuzz/run.sh TARGET SECONDS}"
seconds="${2:?usage: Fuzz/run.sh TARGET SECONDS}"
shift 2
[ -d "$here/corpus/$target" ] || { echo "unknown target '$target'; one of: $(ls "$here/corpus" | tr '\n' ' ')" >&2; exit 2; }
"$here/build.sh" "$target"
work="$here/.work/$target"
findings="$here/findings/$target"
mkdir -p "$work" "$findings"
log="$here/.work/$target.log"
echo "fuzzing $target for $seconds s; log: $log" >&2
set +e
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}" \
    "$here/.build/$target" "$work" "$here/corpus/$target" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=131072 -print_final_stats=1 \
    -artifact_prefix="$findings/" "$@" >"$log" 2>&1
status=$?
set -e
tail -n 12 "$log" >&2
if [ "$status" -ne 0 ] || [ -n "$(ls -A "$findings")" ]; then
    echo "FINDING: see $findings and $log" >&2
    exit 1
fi
echo "no finding in $seconds s" >&2
