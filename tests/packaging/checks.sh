# Sourced by the package tests: a scratch folder removed at exit (with the app it started, whose
# pid goes in app_pid), and pass/fail/check lines counted in $failures.
work=$(mktemp -d)
app_pid=
cleanup() {
    if [[ -n $app_pid ]]; then kill -KILL "$app_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

failures=0
pass() { echo "PASS: $*"; }
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
check() { # check "sentence" command...: passes when the command succeeds
    local what=$1
    shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}
