#!/usr/bin/env bash
# Starts Flux Call Desk under Xvfb in simulator mode, places a call through the window the way a
# person would (keyboard), answers it on the virtual phone, presses 1, follows an escalation, and
# saves a screenshot of each state in docs/screenshots/ (or the folder given as $1).
#   packaging/screenshots.sh [output-folder]
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
mkdir -p "${1:-docs/screenshots}"
out=$(readlink -f "${1:-docs/screenshots}")

if [[ -z ${FLUX_SCREENSHOTS_INNER:-} ]]; then
    packaging/install-deps.sh
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build build --target flux-calldesk
    export FLUX_SCREENSHOTS_INNER=1
    exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$out"
fi

work=$(mktemp -d)
trap 'kill "$app" 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export FLUX_DATA_DIR=$work/data XDG_CONFIG_HOME=$work/config FLUX_LISTEN=127.0.0.1:$port
export FLUX_API_TOKEN=screenshots-token-0123456789abcdef FLUX_SIM_SPEED=2
unset TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN TWILIO_PHONE_NUMBER
base=http://127.0.0.1:$port
auth=(-H "Authorization: Bearer $FLUX_API_TOKEN")

build/app/flux-calldesk >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
sim=$(curl -sf "$base/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["simulator_url"])')
window=$(xdotool search --sync --name "Flux Call Desk" | head -n 1)
xdotool windowmove "$window" 0 0 windowsize "$window" 1280 780
sleep 1

shot() { sleep "${2:-0.5}"; import -window root "$out/$1.png"; echo "saved $out/$1.png"; }

# A little history first, from a script, as an operator's alert system would.
for number in +15555550101 +15555550103 +15555550102; do
    curl -sf "${auth[@]}" -H 'Content-Type: application/json' -X POST "$base/notifications/call" \
        -d "{\"phone_number\": \"$number\", \"task_title\": \"Nightly backup failed\", \"task_id\": \"OPS-7\"}" >/dev/null
done
sleep 12
shot 1-history

# Then a person at the desk: the number field has the focus when the window opens.
xdotool windowfocus --sync "$window"
xdotool key --window "$window" ctrl+n
xdotool type --delay 30 "+14155550123"
xdotool key Tab
xdotool type --delay 20 "Database primary is down"
xdotool key Tab
xdotool type --delay 20 "INC-42"
shot 2-new-call-form
xdotool key Return
shot 3-ringing 3

xdotool key ctrl+shift+a # answer on the virtual phone
sid=$(curl -sf "$sim/sim/calls" | python3 -c 'import json,sys; print([c for c in json.load(sys.stdin) if c["to"] == "+14155550123"][-1]["sid"])')
for _ in $(seq 100); do
    curl -sf "$sim/sim/calls" | python3 -c "import json,sys; sys.exit(0 if any(c['sid'] == '$sid' and c['listening'] for c in json.load(sys.stdin)) else 1)" && break
    sleep 0.2
done
shot 4-in-call
curl -sf -X POST "$sim/sim/calls/$sid/digits" -H 'Content-Type: application/json' -d '{"digits": "1"}' >/dev/null
shot 5-acknowledged 6

# An escalation from a script: busy twice, then the next person, busy, then acknowledging the
# retry. FLUX_SIM_SPEED=2 halves the 30-second waits.
curl -sf "${auth[@]}" -H 'Content-Type: application/json' -X POST "$base/notifications/call" \
    -d '{"phone_number": "+15555550103", "task_title": "Database primary is down", "task_id": "INC-43",
         "escalation": ["+15555550110"], "attempts": 2, "retry_after_seconds": 30}' >/dev/null
sleep 1
xdotool mousemove --window "$window" 400 331 click 1 # its row, the newest, at the top
sleep 18
shot 8-escalation-waiting
sleep 20
shot 9-escalation-acknowledged

xdotool key ctrl+comma
shot 6-settings 1.5
xdotool key Escape
echo "log: $work/app.log"
tail -n 5 "$work/app.log"
