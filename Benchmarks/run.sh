#!/usr/bin/env bash
# Benchmarks/run.sh — build everything in release mode and run the benchmark suite (issues 7 and 17).
#
#   Benchmarks/run.sh                      # 5,000,000 rows, 3 rounds, micro-benchmarks, catalog, connections
#   Benchmarks/run.sh --rows 100000        # the quick run
#   Benchmarks/run.sh --rows 5000000 --reps 5 --note "after the TLS read change"
#   Benchmarks/run.sh --no-micro --only streaming
#
# Options of its own: --no-micro (skip the XCTest micro-benchmarks), --build-only.
# Everything else goes to the runner (pgcheck-bench --help): --rows N, --reps N, --connect-reps N,
# --catalog-reps N, --only streaming,connect,catalog, --note TEXT.
#
# Needs: Swift 6, a PostgreSQL server (PGLocal finds it), psql and pg_dump, a C compiler and libpq-dev
# (installed with apt-get when missing). Appends a dated section to Benchmarks/RESULTS.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

micro=1
build_only=0
runner_args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-micro) micro=0 ;;
        --build-only) build_only=1 ;;
        *) runner_args+=("$1") ;;
    esac
    shift
done

say() { printf 'run.sh: %s\n' "$*" >&2; }
die() { printf 'run.sh: error: %s\n' "$*" >&2; exit 1; }

# --- libpq-dev for the C reference client -------------------------------------------------------------
libpq_header() {
    local dir
    dir="$(pg_config --includedir 2>/dev/null || true)"
    [[ -n "$dir" && -f "$dir/libpq-fe.h" ]] && { echo "$dir"; return; }
    [[ -f /usr/include/postgresql/libpq-fe.h ]] && { echo /usr/include/postgresql; return; }
    return 1
}
if ! include_dir="$(libpq_header)"; then
    say "libpq-dev is missing; installing it with apt-get"
    if [[ $(id -u) -eq 0 ]]; then
        apt-get install -y libpq-dev >&2 || { apt-get update >&2 && apt-get install -y libpq-dev >&2; } \
            || die "could not install libpq-dev; install it (apt-get install libpq-dev) and run again"
    elif command -v sudo >/dev/null; then
        sudo apt-get install -y libpq-dev >&2 || die "could not install libpq-dev with sudo; install it and run again"
    else
        die "libpq-dev is not installed and this user cannot install it: run apt-get install libpq-dev as root"
    fi
    include_dir="$(libpq_header)" || die "libpq-dev was installed but libpq-fe.h is still missing"
fi
command -v cc >/dev/null || die "no C compiler (cc): apt-get install build-essential"

mkdir -p .build
say "compiling the libpq reference clients (text and binary streaming, the CSV writer) and the rusage wrapper"
cc -O2 -Wall -Werror -o .build/stream_rows libpq/stream_rows.c -I"$include_dir" -lpq \
    || die "the libpq reference client did not compile"
cc -O2 -Wall -Werror -o .build/csv_rows libpq/csv_rows.c -I"$include_dir" -lpq \
    || die "the libpq CSV writer did not compile"
cc -O2 -Wall -Werror -o .build/rusage_run tools/rusage_run.c || die "the rusage_run wrapper did not compile"

# --- Swift, release -----------------------------------------------------------------------------------
# Self-contained binaries (the Swift runtime and Foundation linked in), the way a Linux CLI is shipped:
# with the shared Swift libraries every process start pays for dynamic symbol binding and protocol
# conformance scans across a dozen libraries, several milliseconds per `pgcheck ping`.
swift_build=(swift build -c release --static-swift-stdlib)
say "building the benchmark runner, stream-rows, stream-rows-async, stream-rows-nio and pgcheck (${swift_build[*]})"
"${swift_build[@]}" >&2 || die "${swift_build[*]} failed"
"${swift_build[@]}" --product pgcheck >&2 || die "building pgcheck (release) failed"
bin="$("${swift_build[@]}" --show-bin-path)"

[[ $build_only -eq 1 ]] && { say "built; not running"; exit 0; }

micro_output=""
if [[ $micro -eq 1 ]]; then
    say "running the micro-benchmarks (swift test -c release, separate build folder)"
    micro_output="$here/.build/micro-benchmarks.txt"
    swift test -c release --scratch-path .build/micro 2>&1 | tee "$micro_output" | grep -E "measured|error|failed" >&2 \
        || die "the micro-benchmarks failed; see $micro_output"
fi

runner=("$bin/pgcheck-bench" --bin "$bin" --libpq-client "$here/.build/stream_rows" --libpq-csv "$here/.build/csv_rows"
        --rusage-run "$here/.build/rusage_run"
        --results "$here/RESULTS.md"
        --build-description "pgcheck, stream-rows, stream-rows-async and stream-rows-nio: \`${swift_build[*]}\` ($(swift --version 2>/dev/null | head -1)); libpq clients: \`cc -O2\` against libpq $(pkg-config --modversion libpq 2>/dev/null || echo '?')")
[[ -n "$micro_output" ]] && runner+=(--micro "$micro_output")
"${runner[@]}" "${runner_args[@]+"${runner_args[@]}"}"
