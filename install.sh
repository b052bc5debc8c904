#!/usr/bin/env bash
# Builds pgcheck as one binary that needs no Swift toolchain to run and installs it with its shell
# completions: what an ops engineer wants instead of a Swift checkout. See --help, and README's "Installing".
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: ./install.sh [--prefix DIR] [--destdir DIR]

Builds pgcheck (release, the Swift runtime linked statically) and installs
  PREFIX/bin/pgcheck
  PREFIX/share/bash-completion/completions/pgcheck
  PREFIX/share/zsh/site-functions/_pgcheck
  PREFIX/share/fish/vendor_completions.d/pgcheck.fish
Each file is written under a temporary name and renamed into place once all of them are ready, so a
failed run installs nothing and a running pgcheck is never overwritten halfway.

Options:
  --prefix DIR          where to install (default /usr/local); ~/.local needs no root
  --destdir DIR         stage under DIR/PREFIX instead, for packagers (nothing outside DIR is written)
  --configuration CFG   release (default) or debug (builds faster; the test suite uses it)
  --scratch-path DIR    SwiftPM's build folder (default .build-install beside this script)
  -h, --help            print this text
Environment: SWIFT, the swift command to build with (default: swift on PATH).

Building needs Swift 6 and, on Debian/Ubuntu, libssl-dev. The installed binary needs only the C and C++
libraries and OpenSSL (libssl, libcrypto) of the machine it runs on.
USAGE
}

# One line on stderr and a non-zero status: 2 for bad arguments (as pgcheck's own bad input), 1 otherwise.
fail() { echo "install.sh: error: $*" >&2; exit 1; }
usage_error() { echo "install.sh: error: $* (see ./install.sh --help)" >&2; exit 2; }

prefix=/usr/local
destdir=
configuration=release
scratch_path=
while [ $# -gt 0 ]; do
    option=$1
    case $option in
        -h | --help) usage; exit 0 ;;
        --prefix=* | --destdir=* | --configuration=* | --scratch-path=*) value=${option#*=}; option=${option%%=*} ;;
        --prefix | --destdir | --configuration | --scratch-path)
            [ $# -ge 2 ] || usage_error "$option needs a value"
            value=$2; shift ;;
        *) usage_error "unknown argument '$option'" ;;
    esac
    shift
    # `--prefix=~/.local` reaches us with the tilde unexpanded; the shell only expands it after a space.
    # shellcheck disable=SC2088 # the quotes match a literal tilde on purpose
    case $value in "~") value=$HOME ;; "~/"*) value=$HOME/${value#"~/"} ;; esac
    case $option in
        --prefix) prefix=$value ;;
        --destdir) destdir=$value ;;
        --configuration) configuration=$value ;;
        --scratch-path) scratch_path=$value ;;
    esac
done
[ -n "$prefix" ] || usage_error "--prefix must not be empty"
case $configuration in release | debug) ;; *) usage_error "--configuration is release or debug, not '$configuration'" ;; esac
# Relative paths mean relative to where the command was typed, not to the checkout we cd into below.
case $prefix in /*) ;; *) prefix=$PWD/$prefix ;; esac
case $destdir in /* | "") ;; *) destdir=$PWD/$destdir ;; esac
case $scratch_path in /* | "") ;; *) scratch_path=$PWD/$scratch_path ;; esac
prefix=${prefix%/}
root=$destdir$prefix

cd "$(dirname "$0")"
scratch_path=${scratch_path:-$PWD/.build-install}
swift=${SWIFT:-swift}
command -v "$swift" >/dev/null 2>&1 || fail "'$swift' not found on PATH: building pgcheck needs Swift 6 (https://swift.org/install)"

# Linux is where the Swift runtime is not part of the system: link it (and Foundation) into the binary.
# On macOS it ships with the OS, and SwiftPM does not link it statically there.
build=("$swift" build -c "$configuration" --product pgcheck --scratch-path "$scratch_path")
[ "$(uname -s)" = Linux ] && build+=(--static-swift-stdlib)
echo "install.sh: building pgcheck ($configuration) into $scratch_path; the first build takes several minutes"
"${build[@]}" || fail "the build failed (see above); nothing was installed"
binary=$("${build[@]}" --show-bin-path)/pgcheck
[ -x "$binary" ] || fail "the build reported success but $binary is missing; nothing was installed"

# The promise is a binary that runs without a Swift toolchain; refuse to install one that does not keep it.
if [ "$(uname -s)" = Linux ] && command -v ldd >/dev/null 2>&1; then
    libraries=$(ldd "$binary") || fail "ldd could not read $binary; nothing was installed"
    # The toolchain's shared libraries: the runtime, Foundation and its ICU data, Dispatch, BlocksRuntime.
    if runtime=$(awk '{ print $1 }' <<<"$libraries" | grep -E '^(libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime)'); then
        fail "$binary still needs the Swift runtime ($(tr '\n' ' ' <<<"$runtime")); nothing was installed"
    fi
    if missing=$(grep -Eo '[^[:space:]]+ => not found' <<<"$libraries"); then
        fail "$binary needs libraries this machine lacks ($(tr '\n' ' ' <<<"$missing")); nothing was installed"
    fi
fi
version=$("$binary" --version) || fail "the built $binary does not run; nothing was installed"

staging=$(mktemp -d "${TMPDIR:-/tmp}/pgcheck-install.XXXXXX")
temporaries=()
cleanup() {
    rm -rf "$staging"
    [ ${#temporaries[@]} -eq 0 ] || rm -f "${temporaries[@]}"
}
trap cleanup EXIT

# swift-argument-parser writes the completion scripts; generated by this very binary, they match its options.
for shell in bash zsh fish; do
    if ! "$binary" --generate-completion-script "$shell" >"$staging/$shell" || [ ! -s "$staging/$shell" ]; then
        fail "could not generate the $shell completion script; nothing was installed"
    fi
done

sources=("$binary" "$staging/bash" "$staging/zsh" "$staging/fish")
targets=(
    "$root/bin/pgcheck"
    "$root/share/bash-completion/completions/pgcheck"
    "$root/share/zsh/site-functions/_pgcheck"
    "$root/share/fish/vendor_completions.d/pgcheck.fish"
)
modes=(755 644 644 644)

# Stage every file under a temporary name in its final folder (so the rename below stays on one file
# system and is atomic), and only then rename them all: a failure while staging installs nothing.
for i in "${!targets[@]}"; do
    folder=$(dirname "${targets[$i]}")
    mkdir -p "$folder" 2>/dev/null || fail "cannot create $folder (choose a --prefix you can write to, e.g. ~/.local, or use sudo); nothing was installed"
    temporary=$folder/.$(basename "${targets[$i]}").install-$$
    temporaries+=("$temporary")
    if ! cp "${sources[$i]}" "$temporary" 2>/dev/null || ! chmod "${modes[$i]}" "$temporary"; then
        fail "cannot write in $folder (choose a --prefix you can write to, e.g. ~/.local, or use sudo); nothing was installed"
    fi
done
for i in "${!targets[@]}"; do
    # A rename in one folder fails only if the folder changes under us; say what is then installed.
    mv -f "${temporaries[$i]}" "${targets[$i]}" ||
        fail "could not rename ${temporaries[$i]} to ${targets[$i]}; only the files before it in --help's list were replaced"
done
temporaries=()

echo "install.sh: installed $version"
for target in "${targets[@]}"; do echo "  $target"; done
if [ -z "$destdir" ]; then
    case ":$PATH:" in
        *":$prefix/bin:"*) ;;
        *) echo "install.sh: $prefix/bin is not on your PATH; add it to run pgcheck by name" ;;
    esac
fi
