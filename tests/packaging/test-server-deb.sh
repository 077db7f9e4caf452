#!/usr/bin/env bash
# The server .deb as an operator gets it: its metadata, files, conffile and maintainer scripts,
# its systemd unit, a binary free of the window's and X's libraries, and a start from the
# unpacked root the way the unit starts it (its environment, its state folder, its command line).
# Usage: test-server-deb.sh PACKAGE_DIR PROJECT_VERSION (PACKAGE_DIR: build-debs.sh's output)
set -euo pipefail

packages=$(readlink -f "$1")
version=$2
here=$(dirname "$(readlink -f "$0")")
arch=$(dpkg --print-architecture)
deb=$packages/flux-calldesk-server_${version}_$arch.deb
desktop_deb=$packages/flux-calldesk_${version}_$arch.deb
# shellcheck source=tests/packaging/checks.sh
source "$here/checks.sh"

[[ -f $deb ]] || {
    echo "FAIL: $deb exists (built by build-debs.sh)" >&2
    exit 1
}
echo "$(basename "$deb"): $(stat -c %s "$deb") bytes"

# Metadata.
field() { dpkg-deb --field "$deb" "$1"; }
check "the package is called flux-calldesk-server" test "$(field Package)" = flux-calldesk-server
check "the package version is the project version $version" test "$(field Version)" = "$version"
depends=$(field Depends)
echo "Depends: $depends"
for package in libqt6core6 libqt6network6 libqt6sql6 libqt6sql6-sqlite libsqlite3-0 libssl3 \
    libc6; do
    check "it depends on $package" grep -Eq "(^|, )$package( |,|$)" <<<"$depends"
done
window_packages='(^|, )(libqt6(gui|widgets|opengl)6|libqt6keychain1|libx11-|libxcb|libxkb|libgl1|libegl1|libwayland|libfontconfig|libfreetype)'
check "it depends on no Qt GUI, Widgets, keychain or X library" \
    bash -c "! grep -Eo '$window_packages' <<<'$depends'"
check "it recommends nothing (the desktop package's keychain and Wayland are not for servers)" \
    test -z "$(field Recommends)"

# Files.
dpkg-deb --contents "$deb" >"$work/listing"
awk '{print $NF}' "$work/listing" | sed 's|^\./|/|' >"$work/contents"
for path in /usr/bin/flux-calldesk-server /lib/systemd/system/flux-calldesk-server.service \
    /etc/flux-calldesk/server.env /usr/share/man/man8/flux-calldesk-server.8.gz \
    /usr/share/doc/flux-calldesk-server/copyright; do
    check "it installs $path" grep -qxF "$path" "$work/contents"
done
check "the settings file is root's alone (it holds the auth token)" \
    grep -Eq '^-rw------- root/root .* \./etc/flux-calldesk/server\.env$' "$work/listing"
# Both packages install side by side: no file is in both.
dpkg-deb --contents "$desktop_deb" | grep -v '^d' | awk '{print $NF}' | sort >"$work/desktop-files"
grep -v '^d' "$work/listing" | awk '{print $NF}' | sort >"$work/server-files"
shared=$(comm -12 "$work/desktop-files" "$work/server-files")
check "it shares no file with the flux-calldesk package${shared:+ (shares: $shared)}" test -z "$shared"

# The conffile and the maintainer scripts.
mkdir "$work/control"
dpkg-deb --control "$deb" "$work/control"
check "/etc/flux-calldesk/server.env is its one conffile" \
    test "$(cat "$work/control/conffiles" 2>/dev/null)" = /etc/flux-calldesk/server.env
for script in postinst prerm postrm; do
    check "its $script is an executable shell script that parses" \
        bash -c "test -x '$work/control/$script' && sh -n '$work/control/$script'"
done

root=$work/root
dpkg-deb -x "$deb" "$root"

# The unit.
unit=$root/lib/systemd/system/flux-calldesk-server.service
key() { sed -n "s/^$1=//p" "$unit"; }
exec_start=$(key ExecStart)
binary=${exec_start%% *}
check "the unit's ExecStart binary ($binary) is in the package and executable" \
    test -x "$root$binary"
check "the unit runs it headless" test "$exec_start" = "$binary --headless"
check "the unit runs it as a dynamic user" test "$(key DynamicUser)" = yes
check "the unit reads the packaged settings file, optionally" \
    test "$(key EnvironmentFile)" = -/etc/flux-calldesk/server.env
check "the unit restarts it on failure" test "$(key Restart)" = on-failure
for setting in NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes; do
    check "the unit sets $setting" grep -qx "$setting" "$unit"
done
check "the unit is wanted by multi-user.target" test "$(key WantedBy)" = multi-user.target

# systemd-analyze verify, when this machine can run it: a unit known to be good must pass first,
# so that a container without a working systemd skips instead of failing on our unit.
if ! command -v systemd-analyze >/dev/null; then
    echo "SKIP: systemd-analyze is not installed, the unit is not verified"
else
    mkdir -p "$work/units"
    printf '[Service]\nExecStart=/bin/true\n' >"$work/units/flux-probe.service"
    if probe=$(systemd-analyze verify --man=no "$work/units/flux-probe.service" 2>&1) &&
        [[ -z $probe ]]; then
        # verify wants ExecStart's binary: point it into the unpacked root.
        sed "s|^ExecStart=$binary|ExecStart=$root$binary|" "$unit" \
            >"$work/units/flux-calldesk-server.service"
        verify=$(systemd-analyze verify --man=no "$work/units/flux-calldesk-server.service" 2>&1) ||
            verify="exit status $? ${verify}"
        check "systemd-analyze verify finds nothing wrong with the unit" test -z "$verify"
        [[ -z $verify ]] || echo "$verify" >&2
    else
        echo "SKIP: systemd-analyze verify fails on a trivial unit here, the unit is not verified:"
        echo "$probe"
    fi
fi

# The binary: no window or X library, even indirectly, and none from the build tree.
check "check-engine-only.sh accepts the packaged binary" \
    "$here/../app/check-engine-only.sh" "$root/usr/bin/flux-calldesk-server"
ldd "$root/usr/bin/flux-calldesk-server" >"$work/ldd"
check "it loads no Qt GUI, Widgets or X library, even indirectly" \
    bash -c "! grep -E 'lib(Qt6(Gui|Widgets|OpenGL)|X11|xcb|GL|GLX|EGL|wayland-[a-z]+)\.so' '$work/ldd'"
check "it finds every library it needs" bash -c "! grep -q 'not found' '$work/ldd'"
check "the binary carries no RPATH into the build tree" \
    bash -c "! readelf -d '$root/usr/bin/flux-calldesk-server' | grep -Eq 'RPATH|RUNPATH'"
version_line=$(env -i PATH=/usr/bin:/bin LANG=C.UTF-8 "$root/usr/bin/flux-calldesk-server" --version)
check "--version prints 'flux-calldesk $version' (got '$version_line')" \
    test "$version_line" = "flux-calldesk $version"
check "groff formats the man page without warnings" \
    test -z "$(zcat "$root/usr/share/man/man8/flux-calldesk-server.8.gz" |
        LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z 2>&1)"

# A start as the unit starts it: systemd's state folder (%S) in a temporary one, the unit's
# Environment= and working directory, the packaged settings file's values, its ExecStart.
# On top, as an operator's settings file would: the simulator, and any free port.
state=$work/state
state_dir=$state/$(key StateDirectory)
mkdir -p "$state_dir" "$work/home"
unit_env=()
while IFS= read -r assignment; do
    unit_env+=("${assignment//%S/$state}")
done < <(key Environment)
while IFS= read -r assignment; do
    unit_env+=("$assignment")
done < <(grep -E '^[A-Z_]+=' "$root/etc/flux-calldesk/server.env" || true)
working_dir=$(key WorkingDirectory)
working_dir=${working_dir//%S/$state}
read -ra command <<<"$root$exec_start"
log=$work/server.log
(cd "$working_dir" && exec env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 \
    ASAN_OPTIONS=detect_leaks=0 "${unit_env[@]}" FLUX_MODE=simulator FLUX_LISTEN=127.0.0.1:0 \
    FLUX_API_TOKEN=server-package-test-token-3141 "${command[@]}") >"$log" 2>&1 &
app_pid=$!
url=
for _ in $(seq 100); do
    url=$(grep -oE 'flux\.app: listening on http://127\.0\.0\.1:[0-9]+' "$log" |
        grep -oE 'http://.*' || true)
    [[ -n $url ]] && break
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.1
done
if [[ -n $url ]]; then
    health=$(curl -s --noproxy "*" --max-time 5 "$url/healthz" || true)
    echo "GET /healthz: $health"
    check "it answers GET /healthz with status ok" grep -q '"status": *"ok"' <<<"$health"
    check "it answers with version $version" grep -q "\"version\": *\"$version\"" <<<"$health"
    check "it runs the simulator" grep -q '"mode": *"simulator"' <<<"$health"
    check "it keeps its calls in the unit's state folder" \
        test -s "$state_dir/calls-simulator.sqlite"
    check "it writes nothing in its home folder" test -z "$(ls -A "$work/home")"
    kill -TERM "$app_pid"
    status=0
    wait "$app_pid" || status=$?
    app_pid=
    check "it stops with status 0 on SIGTERM (got $status)" test "$status" = 0
else
    fail "the unpacked server starts as the unit starts it and listens"
fi
[[ $failures == 0 ]] || cat "$log" >&2

echo "$failures check(s) failed"
((failures == 0))
