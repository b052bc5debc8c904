#!/usr/bin/env bash
# Builds one libFuzzer target (or all) against the package's own sources.
#
#   Fuzz/build.sh backend-messages | connection-string | pgpass | snapshot | all
#
# PostgresWire (with -enable-testing, so targets reach internal types such as DataRowColumns) and
# swift-log are compiled once into static libraries with -sanitize=fuzzer,address instrumentation;
# each target is then linked against them. Output: Fuzz/.build/<target>.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
out="$here/.build"
mkdir -p "$out"
swiftc="${SWIFTC:-swiftc}"
flags=(-O -g -sanitize=fuzzer,address -parse-as-library -swift-version 6)

logging_sources() {
    local checkout
    for checkout in "$root"/.build/checkouts/swift-log/Sources/Logging "$root"/.build*/checkouts/swift-log/Sources/Logging; do
        if [ -d "$checkout" ]; then echo "$checkout"; return; fi
    done
    echo "swift-log is not checked out; run 'swift build' in $root first" >&2
    exit 1
}

newer_than() { # newer_than OUTPUT SOURCE...: whether OUTPUT is missing or older than a source
    local output="$1"; shift
    [ ! -e "$output" ] && return 0
    [ -n "$(find "$@" -newer "$output" -name '*.swift' -print -quit)" ]
}

build_libraries() {
    local logging; logging="$(logging_sources)"
    if newer_than "$out/libLogging.a" "$logging"; then
        echo "building Logging" >&2
        "$swiftc" "${flags[@]}" -emit-library -static -emit-module -module-name Logging -package-name swift_log \
            -enable-upcoming-feature MemberImportVisibility -enable-upcoming-feature InternalImportsByDefault \
            -emit-module-path "$out/Logging.swiftmodule" -o "$out/libLogging.a" $(find "$logging" -name '*.swift' | sort)
    fi
    if newer_than "$out/libPostgresWire.a" "$root/Sources/PostgresWire"; then
        echo "building PostgresWire" >&2
        "$swiftc" "${flags[@]}" -enable-testing -emit-library -static -emit-module -module-name PostgresWire \
            -emit-module-path "$out/PostgresWire.swiftmodule" -o "$out/libPostgresWire.a" \
            -I "$out" -I "$root/Sources/COpenSSL" \
            $(find "$root/Sources/PostgresWire" -name '*.swift' | sort)
    fi
}

build_target() {
    local target="$1" source="$here/Targets/$2"
    shift 2
    echo "building $target" >&2
    "$swiftc" "${flags[@]}" -module-name "FuzzTarget" -I "$out" -I "$root/Sources/COpenSSL" \
        "$source" "$@" -L "$out" -lPostgresWire -lLogging -lssl -lcrypto -o "$out/$target" \
        2> >(grep -v "Cannot export local symbol" >&2)
}

build() {
    case "$1" in
    backend-messages) build_libraries; build_target backend-messages BackendMessagesTarget.swift ;;
    connection-string) build_libraries; build_target connection-string ConnectionStringTarget.swift ;;
    pgpass) build_libraries; build_target pgpass PgPassTarget.swift ;;
    snapshot)
        # The snapshot model is plain Codable Swift, read and written through PGCatalog's JSON coders
        # (Foundation only): both compiled into the target itself.
        build_libraries
        build_target snapshot SnapshotTarget.swift \
            $(find "$root/Sources/PGCatalog/Snapshot" "$root/Sources/PGCatalog/JSON" -name '*.swift' | sort) ;;
    *) echo "unknown target '$1' (backend-messages, connection-string, pgpass, snapshot)" >&2; exit 2 ;;
    esac
}

if [ "${1:-}" = all ]; then
    for target in backend-messages connection-string pgpass snapshot; do build "$target"; done
else
    build "${1:?usage: Fuzz/build.sh TARGET|all}"
fi
