#!/usr/bin/env bash
# Builds Flux Call Desk (Release, in build/) and starts it; arguments go to the app.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

packaging/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build --target flux-calldesk
exec build/app/flux-calldesk "$@"
