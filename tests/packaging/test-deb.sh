#!/usr/bin/env bash
# The .deb as a user gets it: built by cpack from the build dir, its metadata and files checked,
# unpacked into an empty root and run from there (--version, then a headless start and stop).
# Usage: test-deb.sh PACKAGE_DIR PROJECT_VERSION (PACKAGE_DIR: build-debs.sh's output)
set -euo pipefail

packages=$(readlink -f "$1")
version=$2
app_id=io.github.fluxcalldesk.FluxCallDesk
# shellcheck source=tests/packaging/checks.sh
source "$(dirname "$(readlink -f "$0")")/checks.sh"
# The binary as a fresh login would run it: no display, no Twilio settings, nothing from the
# caller's environment. Leak checks are off for sanitizer builds: --version exits from inside Qt.
run_clean() {
    env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 ASAN_OPTIONS=detect_leaks=0 "$@"
}
mkdir -p "$work/home"

# build-debs.sh checked that cpack made this file, and only it and the server package.
deb=$packages/flux-calldesk_${version}_$(dpkg --print-architecture).deb
[[ -f $deb ]] || {
    echo "FAIL: $deb exists (built by build-debs.sh)" >&2
    exit 1
}

# Metadata.
field() { dpkg-deb --field "$deb" "$1"; }
check "the package is called flux-calldesk" test "$(field Package)" = flux-calldesk
check "the package version is the project version $version" test "$(field Version)" = "$version"
depends=$(field Depends)
echo "Depends: $depends"
# libssl3: the binary links libcrypto for X-Twilio-Signature's HMAC (core/twilio/HmacSha1).
# libsqlite3-0: the store calls SQLite's C API itself (core/calls/SqliteStatement.h).
for package in libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 \
    libqt6sql6 libqt6sql6-sqlite libsqlite3-0 libqt6keychain1 libssl3 libc6; do
    check "it depends on $package" grep -Eq "(^|, )$package( |,|$)" <<<"$depends"
done
check "dpkg-deb --info reads its control file" dpkg-deb --info "$deb" >/dev/null

# Files.
dpkg-deb --contents "$deb" | awk '{print $NF}' | sed 's|^\./|/|' >"$work/contents"
expected=(
    /usr/bin/flux-calldesk
    "/usr/share/applications/$app_id.desktop"
    "/usr/share/metainfo/$app_id.metainfo.xml"
    "/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    /usr/share/man/man1/flux-calldesk.1.gz
    /usr/share/doc/flux-calldesk/copyright
    /usr/lib/systemd/user/flux-calldesk.service
    /usr/share/bash-completion/completions/flux-calldesk
    /usr/share/zsh/vendor-completions/_flux-calldesk
)
for size in 16 32 48 64 128 256; do
    expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
for path in "${expected[@]}"; do
    check "it installs $path" grep -qxF "$path" "$work/contents"
done
check "every installed path is under /usr" bash -c "! grep -v '^/usr' '$work/contents'"

root=$work/root
dpkg-deb -x "$deb" "$root"

# The desktop entry, the metainfo and the icons agree with each other and with the validators.
check "desktop-file-validate accepts the desktop entry" \
    desktop-file-validate "$root/usr/share/applications/$app_id.desktop"
check "appstreamcli validate accepts the metainfo" \
    appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml"
check "the metainfo names the release $version" \
    grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$app_id.metainfo.xml"
check "the metainfo launches the installed desktop entry" \
    grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" \
    "$root/usr/share/metainfo/$app_id.metainfo.xml"
check "the desktop entry runs flux-calldesk from PATH" \
    grep -qx -e "Exec=flux-calldesk" "$root/usr/share/applications/$app_id.desktop"
check "the desktop entry's icon is the installed one" \
    grep -qx "Icon=$app_id" "$root/usr/share/applications/$app_id.desktop"
for size in 16 32 48 64 128 256; do
    png=$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png
    check "the ${size}x${size} icon is a $size x $size PNG" \
        grep -q "PNG image data, $size x $size," <(file "$png")
done
check "the scalable icon is an SVG" \
    grep -q "SVG" <(file "$root/usr/share/icons/hicolor/scalable/apps/$app_id.svg")

# The man page formats without a warning and documents every option --help lists.
man_page=$root/usr/share/man/man1/flux-calldesk.1.gz
check "groff formats the man page without warnings" \
    test -z "$(zcat "$man_page" | LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z 2>&1)"
zcat "$man_page" | sed 's/\\-/-/g' >"$work/man.txt"
run_clean "$root/usr/bin/flux-calldesk" --help >"$work/help.txt"
options=$(grep -oE -- '--[a-z][a-z-]+' "$work/help.txt" | sort -u)
[[ -n $options ]] || fail "--help lists options"
for option in $options; do
    check "the man page documents $option" grep -qF -- "$option" "$work/man.txt"
done
check "the man page is for version $version" grep -q "flux-calldesk $version" "$work/man.txt"
check "the copyright file carries the MIT licence" \
    grep -q "^License: MIT" "$root/usr/share/doc/flux-calldesk/copyright"

# The systemd user unit.
unit=$root/usr/lib/systemd/user/flux-calldesk.service
check "the unit runs the binary headless" grep -qx "ExecStart=/usr/bin/flux-calldesk --headless" "$unit"
check "the unit reads the optional env file" \
    grep -qx "EnvironmentFile=-%h/.config/flux-calldesk/env" "$unit"
if command -v systemd-analyze >/dev/null; then
    # verify wants the binary at ExecStart's path: point it into the unpacked root.
    mkdir -p "$work/units" "$work/runtime"
    chmod 700 "$work/runtime"
    sed "s|/usr/bin/flux-calldesk|$root/usr/bin/flux-calldesk|" "$unit" >"$work/units/flux-calldesk.service"
    verify=$(XDG_RUNTIME_DIR=$work/runtime systemd-analyze --user verify --man=no \
        "$work/units/flux-calldesk.service" 2>&1) || true
    check "systemd-analyze --user verify finds nothing wrong with the unit" test -z "$verify"
    [[ -z $verify ]] || echo "$verify" >&2
else
    echo "SKIP: systemd-analyze is not installed, the unit is not verified"
fi

# The unpacked binary runs with the system's libraries alone.
check "the binary carries no RPATH into the build tree" \
    bash -c "! readelf -d '$root/usr/bin/flux-calldesk' | grep -Eq 'RPATH|RUNPATH'"
version_line=$(run_clean "$root/usr/bin/flux-calldesk" --version)
check "--version prints 'flux-calldesk $version' (got '$version_line')" \
    test "$version_line" = "flux-calldesk $version"

# A headless start from the unpacked root: it opens its SQLite store (the Qt plugin the package
# depends on), answers /healthz with the project version, and stops cleanly on SIGTERM as the
# systemd unit stops it.
log=$work/headless.log
(cd "$work/home" && exec env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 \
    ASAN_OPTIONS=detect_leaks=0 FLUX_DATA_DIR="$work/data" \
    FLUX_API_TOKEN=package-test-api-token-2718 \
    "$root/usr/bin/flux-calldesk" --headless --listen 127.0.0.1:0) >"$log" 2>&1 &
app_pid=$!
url=
for _ in $(seq 100); do
    url=$(grep -oE 'flux\.app: listening on http://127\.0\.0\.1:[0-9]+' "$log" | grep -oE 'http://.*' || true)
    [[ -n $url ]] && break
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.1
done
if [[ -n $url ]]; then
    health=$(curl -s --noproxy "*" --max-time 5 "$url/healthz" || true)
    echo "GET /healthz: $health"
    check "the unpacked app answers /healthz with version $version" \
        grep -q "\"version\": *\"$version\"" <<<"$health"
    check "it stored its calls in an SQLite file" test -s "$work/data/calls-simulator.sqlite"
    kill -TERM "$app_pid"
    status=0
    wait "$app_pid" || status=$?
    app_pid=
    check "it stops with status 0 on SIGTERM (got $status)" test "$status" = 0
else
    fail "the unpacked app starts headless and listens"
fi
[[ $failures == 0 ]] || cat "$log" >&2

echo "$failures check(s) failed"
((failures == 0))
