#!/usr/bin/env bash
# The CTest fixture of the package tests: one cpack of the build dir into OUT_DIR, which must make
# exactly the desktop and the server package of this version. test-deb.sh and
# test-server-deb.sh then read them from there, so the packages are built once.
# Usage: build-debs.sh BUILD_DIR OUT_DIR PROJECT_VERSION
set -euo pipefail

build=$(readlink -f "$1")
out=$2
version=$3
arch=$(dpkg --print-architecture)

# A folder of our own, emptied first: a cpack the user runs is never disturbed, and a package
# of an older version left over cannot be tested in place of a new one.
rm -rf "$out"
mkdir -p "$out"
if ! cpack --config "$build/CPackConfig.cmake" -B "$out" >"$out/cpack.log" 2>&1; then
    cat "$out/cpack.log" >&2
    echo "FAIL: cpack builds the packages" >&2
    exit 1
fi
made=$(find "$out" -maxdepth 1 -name '*.deb' -printf '%f\n' | sort | tr '\n' ' ')
expected="flux-calldesk-server_${version}_$arch.deb flux-calldesk_${version}_$arch.deb "
if [[ $made != "$expected" ]]; then
    echo "FAIL: cpack makes exactly '$expected', got: '$made'" >&2
    exit 1
fi
echo "PASS: cpack made $made"
