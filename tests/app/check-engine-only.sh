#!/usr/bin/env bash
# check-engine-only.sh BINARY: the -DFLUX_GUI=OFF build of flux-calldesk must need none of the
# window's libraries (QtGui, QtWidgets, the keychain), so a server can run it without X libraries.
set -euo pipefail
binary=$1
needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
if [[ -z $needed ]]; then
    echo "check-engine-only: no NEEDED entries read from $binary" >&2
    exit 1
fi
echo "$binary needs:" $needed
if grep -E '^lib(Qt6(Gui|Widgets|OpenGL)|qt6keychain)' <<<"$needed"; then
    echo "check-engine-only: FAILED: the engine-only binary links a window library (above)" >&2
    exit 1
fi
# And it runs: --version answers without a display or a window.
"$binary" --version
