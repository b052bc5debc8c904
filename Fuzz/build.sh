#!/usr/bin/env bash
# Builds one libFuzzer target (or all) against the package's own sources.
#
#   Fuzz/build.sh backend-messages | connection-string | pgpass | snapshot | all
#
# The package's modules a target needs are compiled once into static libraries with
# -sanitize=fuzzer,address instrumentation, in dependency order: swift-log and PGSupport, then
# PostgresWire (with -enable-testing, so targets reach internal types such as DataRowColumns); PGJSON
# for the snapshot target. Each target is then linked against them. Output: Fuzz/.build/<target>.
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

newer_than() { # newer_than OUTPUT INPUT...: whether OUTPUT is missing or older than a Swift source or library
    local output="$1"; shift
    [ ! -e "$output" ] && return 0
    [ -n "$(find "$@" -newer "$output" \( -name '*.swift' -o -name '*.a' \) -print -quit)" ]
}

# build_library MODULE SOURCES DEPENDENCIES [swiftc flags...]: Fuzz/.build/libMODULE.a and its module,
# rebuilt when a source or a library it depends on changed.
build_library() {
    local module="$1" sources="$2" dependencies="$3"
    shift 3
    local inputs=("$sources") dependency
    for dependency in $dependencies; do inputs+=("$out/lib$dependency.a"); done
    newer_than "$out/lib$module.a" "${inputs[@]}" || return 0
    echo "building $module" >&2
    "$swiftc" "${flags[@]}" "$@" -emit-library -static -emit-module -module-name "$module" \
        -emit-module-path "$out/$module.swiftmodule" -o "$out/lib$module.a" \
        -I "$out" -I "$root/Sources/COpenSSL" $(find "$sources" -name '*.swift' | sort)
}

build_libraries() {
    local logging; logging="$(logging_sources)"
    build_library Logging "$logging" "" -package-name swift_log \
        -enable-upcoming-feature MemberImportVisibility -enable-upcoming-feature InternalImportsByDefault
    build_library PGSupport "$root/Sources/PGSupport" ""
    build_library PostgresWire "$root/Sources/PostgresWire" "PGSupport Logging" -enable-testing
}

# build_target NAME SOURCE LIBRARIES [more sources...]: links Targets/SOURCE (and the sources after it)
# against the libraries, named in link order.
build_target() {
    local target="$1" source="$here/Targets/$2" libraries=() library
    for library in $3; do libraries+=("-l$library"); done
    shift 3
    echo "building $target" >&2
    "$swiftc" "${flags[@]}" -module-name "FuzzTarget" -I "$out" -I "$root/Sources/COpenSSL" \
        "$source" "$@" -L "$out" "${libraries[@]}" -lssl -lcrypto -o "$out/$target" \
        2> >(grep -v "Cannot export local symbol" >&2)
}

build() {
    local wire="PostgresWire PGSupport Logging"
    case "$1" in
    backend-messages) build_libraries; build_target backend-messages BackendMessagesTarget.swift "$wire" ;;
    connection-string)
        # The oracle is shared with the unit tests that replay this target's regression seeds.
        build_libraries
        build_target connection-string ConnectionStringTarget.swift "$wire" \
            "$root/Tests/PGTestSupport/ConnectionStringPasswordOracle.swift" ;;
    pgpass) build_libraries; build_target pgpass PgPassTarget.swift "$wire" ;;
    snapshot)
        # The snapshot model is plain Codable Swift, read and written through PGJSON's coders
        # (Foundation only): PGJSON as a module; the model, and the threads that write large snapshots
        # (PGCatalog/Support), compiled into the target itself.
        build_library PGJSON "$root/Sources/PGJSON" ""
        build_target snapshot SnapshotTarget.swift PGJSON \
            $(find "$root/Sources/PGCatalog/Snapshot" "$root/Sources/PGCatalog/Support" -name '*.swift' | sort) ;;
    *) echo "unknown target '$1' (backend-messages, connection-string, pgpass, snapshot)" >&2; exit 2 ;;
    esac
}

if [ "${1:-}" = all ]; then
    for target in backend-messages connection-string pgpass snapshot; do build "$target"; done
else
    build "${1:?usage: Fuzz/build.sh TARGET|all}"
fi
