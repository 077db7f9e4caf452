#!/usr/bin/env bash
# Installs what building, running and testing Flux Call Desk needs on Debian 12; safe to run again.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev libqt6sql6-sqlite
    # sqlite3.h: the store runs its hot statements through SQLite's C API (core/calls).
    libsqlite3-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qtkeychain-qt6-dev libgl-dev
    # OpenSSL's libcrypto headers: HMAC-SHA1 of X-Twilio-Signature (core/twilio/HmacSha1).
    libssl-dev
    # Qt's own words (OK, Cancel, ...) in the window's languages: qtbase_de.qm and the like.
    qt6-translations-l10n
    xvfb xauth xdotool imagemagick python3-twilio clang-format wrk curl
    # The .deb (cpack, tests/packaging/test-deb.sh) and its icons (packaging/render-icons.sh).
    dpkg-dev file binutils gzip groff-base appstream desktop-file-utils librsvg2-bin
    # The benchmarks' Python peer (tests/bench/peer/fastapi_peer.py), measured beside the app.
    python3-fastapi python3-uvicorn
    # The fuzz targets (tests/fuzz/run.sh): clang 14 and its libFuzzer/sanitizer runtimes.
    clang libclang-rt-14-dev
)
# Node may come from elsewhere (NodeSource, nvm); Debian's packages would clash with it.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-deps.sh: apt-get not found. This script installs with Debian 12's apt;" >&2
    echo "on another system install the equivalents of: ${packages[*]}" >&2
    exit 1
fi

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    [[ $status == installed ]] || missing+=("$package")
done

if ((${#missing[@]})); then
    as_root=()
    if ((EUID != 0)); then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "install-deps.sh: need root to install ${missing[*]}: run as root or install sudo" >&2
            exit 1
        fi
        as_root=(sudo)
    fi
    echo "install-deps.sh: installing ${missing[*]}"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Prism for the contract tests, pinned by tests/contract/package-lock.json.
contract=tests/contract
if [[ ! -f $contract/node_modules/.package-lock.json ||
    $contract/package-lock.json -nt $contract/node_modules/.package-lock.json ]]; then
    echo "install-deps.sh: npm ci in $contract"
    (cd "$contract" && npm ci --no-audit --no-fund --loglevel=error)
fi
