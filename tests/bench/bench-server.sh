#!/usr/bin/env bash
# Benchmarks the HTTP server: each signed webhook and POST /notifications/call under wrk, the
# headless app's resident memory idle and after load, and its start-up time to listening.
# Prints figures only; it never passes or fails on them (the targets are in docs/performance.md).
#
#   tests/bench/bench-server.sh                 # starts build/app/flux-calldesk --headless
#   tests/bench/bench-server.sh --base-url http://127.0.0.1:9000 --auth-token T --api-token T
#                                               # measures a server already running (a peer)
# Options: --app PATH, --duration SECONDS (10), --connections N (64), --threads N (2),
#          --calls N (calls created for the webhooks to name, 200), --starts N (10),
#          --pid PID (with --base-url: report that process's memory too),
#          --only "twiml gather status create" (the runs to make), --starts 0 (skip start-up),
#          --runs N (all of it N times, each on a fresh app and store, then a summary per run kind:
#          this machine's figures vary by 10-20% between runs), --compare APP (alternates APP
#          with --app, run by run, and summarises each: for a change's before and after)
# Needs wrk, python3 and curl (packaging/install-deps.sh installs them).
set -euo pipefail

args=("$@")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
app="$root/build/app/flux-calldesk"
base_url=""
auth_token="bench-auth-token-0123456789abcdef"
api_token="bench-api-token-0123456789abcdef"
duration=10
connections=64
threads=2
calls=200
starts=10
peer_pid=""
only="twiml gather status create"
runs=1
compare=""

while [ $# -gt 0 ]; do
    case "$1" in
    --app) app=$2; shift 2 ;;
    --base-url) base_url=${2%/}; shift 2 ;;
    --auth-token) auth_token=$2; shift 2 ;;
    --api-token) api_token=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --calls) calls=$2; shift 2 ;;
    --starts) starts=$2; shift 2 ;;
    --pid) peer_pid=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --compare) compare=$2; shift 2 ;;
    -h | --help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

for tool in wrk python3 curl; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: run packaging/install-deps.sh" >&2; exit 2; }
done

[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "--runs takes a whole number from 1 up" >&2; exit 2; }
if [ "$runs" -gt 1 ] || [ -n "$compare" ]; then
    # Runs this script once per run (the app named last wins over --app), alternating the two
    # apps when comparing, so a slow or fast hour of the machine falls on both alike.
    [ -z "$base_url" ] || { echo "--runs and --compare start the app: not with --base-url" >&2; exit 2; }
    apps=("$app")
    [ -n "$compare" ] && apps+=("$compare")
    all=$(mktemp /tmp/flux-bench-runs.XXXXXX)
    trap 'rm -f "$all"' EXIT
    for run in $(seq 1 "$runs"); do
        for side in "${apps[@]}"; do
            echo "# run $run of $runs: $side"
            # Shown as it comes, and kept with the app's name for the summary.
            "$0" "${args[@]}" --runs 1 --compare "" --app "$side" |
                awk -v app="$side" -v all="$all" '{ print; fflush(); print app "\t" $0 >>all }'
        done
    done
    python3 - "$all" <<'PY'
import re, statistics, sys
runs, apps = {}, []
for line in open(sys.argv[1]):
    app, _, rest = line.rstrip("\n").partition("\t")
    if app not in apps:
        apps.append(app)
    m = re.match(r"(twiml|gather|status|create) (.*)", rest)
    if not m:
        continue
    fields = dict(f.split("=", 1) for f in m.group(2).split() if "=" in f)
    if "rps" in fields:
        runs.setdefault((m.group(1), app), []).append(fields)
kinds = ["twiml", "gather", "status", "create"]
for (kind, app), got in sorted(runs.items(), key=lambda k: (kinds.index(k[0][0]), apps.index(k[0][1]))):
    def spread(key, form):
        values = [float(f[key]) for f in got if key in f]
        return ("%s_median=" + form + " %s_range=" + form + "-" + form) % (
            key, statistics.median(values), key, min(values), max(values))
    # Any answer not 2xx, or a socket error, in any run: such runs are not like the others.
    errors = sum(int(f.get("non2xx", 0)) + int(f.get("socket_errors", 0)) for f in got)
    print("summary %s app=%s runs=%d %s %s %s errors=%d" % (
        kind, app, len(got), spread("rps", "%.0f"), spread("p50_ms", "%.2f"),
        spread("p99_ms", "%.2f"), errors))
PY
    exit 0
fi

work=$(mktemp -d /tmp/flux-bench.XXXXXX)
app_pid=""
cleanup() {
    if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
        kill -TERM "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# The environment the app runs with: simulator mode, a throwaway data folder, no rate limits,
# known tokens (in simulator mode TWILIO_AUTH_TOKEN becomes the simulator's, so we can sign).
app_vars() { # data folder, port
    app_vars=(FLUX_MODE=simulator "FLUX_DATA_DIR=$1" "FLUX_LISTEN=127.0.0.1:$2"
        "PUBLIC_BASE_URL=http://127.0.0.1:$2" FLUX_RATE_PER_CLIENT=0 FLUX_RATE_TOTAL=0 FLUX_RATE_PER_NUMBER=0
        "FLUX_API_TOKEN=$api_token" "TWILIO_AUTH_TOKEN=$auth_token" FLUX_SIM_MANUAL_ANSWER=1)
}

echo "# flux-calldesk server benchmark, $(date -u +%FT%TZ), $(nproc) cores, $(uname -r)"
echo "# wrk: $threads threads, $connections connections, ${duration}s per run, on loopback"

if [ -z "$base_url" ]; then
    [ -x "$app" ] || { echo "no $app: build first" >&2; exit 2; }
fi
if [ -z "$base_url" ] && [ "$starts" -gt 0 ]; then
    # Start-up: from exec to the port accepting a connection, median of $starts starts.
    port=$(free_port)
    app_vars "$work/startup" "$port"
    env "${app_vars[@]}" python3 - "$app" "$port" "$starts" <<'PY'
import os, socket, statistics, subprocess, sys, time
app, port, starts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
times = []
for _ in range(starts):
    began = time.perf_counter()
    proc = subprocess.Popen([app, "--headless"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None:
                sys.exit("the app exited during start-up")
            time.sleep(0.0005)
    times.append((time.perf_counter() - began) * 1000)
    proc.terminate()
    proc.wait()
print("startup_to_listening_ms median=%.1f min=%.1f max=%.1f (%d starts; the first creates the store)"
      % (statistics.median(times), min(times), max(times), len(times)))
PY
fi
if [ -z "$base_url" ]; then
    port=$(free_port)
    app_vars "$work/data" "$port"
    # env execs the app, so $! is the app's own pid.
    env "${app_vars[@]}" "$app" --headless >"$work/app.log" 2>&1 &
    app_pid=$!
    base_url="http://127.0.0.1:$port"
    # Up to 30 s: under valgrind (see docs/performance.md) start-up takes seconds.
    for _ in $(seq 1 600); do
        curl -fs "$base_url/healthz" >/dev/null 2>&1 && break
        sleep 0.05
    done
    sleep 2
    echo "idle_rss_kb $(rss_kb "$app_pid") pid $app_pid"
    measured_pid=$app_pid
else
    measured_pid=$peer_pid
    [ -n "$measured_pid" ] && echo "idle_rss_kb $(rss_kb "$measured_pid")"
fi

# The calls the webhooks name: created through the API, so the store holds them.
python3 - "$base_url" "$api_token" "$calls" >"$work/sids.txt" <<'PY'
import json, sys, urllib.request
base, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(count):
    body = json.dumps({"phone_number": "+15555550199", "task_title": "Benchmark call %d" % i})
    request = urllib.request.Request(base + "/notifications/call", data=body.encode(), headers={
        "Content-Type": "application/json", "Authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=30) as answer:
        print(json.load(answer)["call_sid"])
PY
echo "calls_created $(wc -l <"$work/sids.txt")"
python3 "$here/sign_webhooks.py" --base-url "$base_url" --auth-token "$auth_token" \
    --sids "$work/sids.txt" --status-count $((duration * 60000)) --slices "$threads" --out "$work/"

run_wrk() { # name, then environment for the lua script
    local name=$1
    shift
    grep -qw "$name" <<<"$only" || return 0
    local out
    out=$(env THREADS="$threads" "$@" wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s \
        -s "$here/bench_requests.lua" "$base_url" 2>&1) || true
    local result
    result=$(grep '^RESULT' <<<"$out" || echo "RESULT failed: $out")
    echo "$name ${result#RESULT }"
}

echo "# twiml, gather, status: POST /notifications/call/{twiml,gather,status}, signed;" \
    "create: POST /notifications/call"
run_wrk twiml REQUESTS_FILE="$work/twiml.txt"
run_wrk gather REQUESTS_FILE="$work/gather.txt"
run_wrk status REQUESTS_FILE="$work/status.txt"
# Each call asks the simulator (a real HTTP peer on loopback) and stores the call.
run_wrk create API_TOKEN="$api_token" JSON_PATH=/notifications/call \
    JSON_BODY='{"phone_number":"+15555550103","task_title":"Benchmark storm"}'

if [ -n "${measured_pid:-}" ]; then
    echo "rss_after_load_kb $(rss_kb "$measured_pid")"
fi
