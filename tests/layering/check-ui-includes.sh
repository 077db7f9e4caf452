#!/usr/bin/env bash
# check-ui-includes.sh UI-DIR: fails, naming file and line, when a header or source in UI-DIR
# includes a core header outside what the window may see: value types, pure settings code and
# engine/EngineClient.h, its one door to the engine. Everything else in core (the store, the
# service, the servers, the simulator, the engine itself) is reached through that door.
set -uo pipefail
ui=${1:?usage: check-ui-includes.sh UI-DIR}

# Core's folders: an include under one of them is a core header.
core_layers='base|net|twilio|calls|api|simulator|config|engine'
allowed=(
    'base/*'
    'config/*'
    calls/CallRecord.h
    calls/CallRequest.h
    calls/CallStatus.h
    calls/Contact.h
    calls/ContactCsv.h
    calls/Notification.h
    calls/OutcomeEvent.h
    calls/PhoneNumber.h
    simulator/SimulatedCallView.h
    simulator/SimulatedMessage.h
    twilio/VoicePrompts.h
    engine/EngineClient.h
)

is_allowed() {
    local header=$1 pattern
    for pattern in "${allowed[@]}"; do
        # shellcheck disable=SC2053 # the pattern is meant to glob
        [[ $header == $pattern ]] && return 0
    done
    return 1
}

shopt -s nullglob
files=("$ui"/*.h "$ui"/*.cpp)
if ((${#files[@]} == 0)); then
    echo "ui-includes: FAILED: no .h or .cpp files in $ui"
    exit 1
fi

failures=0
for file in "${files[@]}"; do
    line=0
    while IFS= read -r text || [[ -n $text ]]; do
        ((++line))
        [[ $text =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*[\"\<]([^\"\>]+)[\"\>] ]] || continue
        header=${BASH_REMATCH[1]}
        [[ $header =~ ^($core_layers)/ ]] || continue
        is_allowed "$header" && continue
        echo "$file:$line: includes $header; ui/ reaches the engine only through engine/EngineClient.h"
        ((++failures))
    done <"$file"
done

if ((failures > 0)); then
    echo "ui-includes: FAILED: $failures include(s) of core headers outside the allowlist"
    exit 1
fi
echo "ui-includes: ${#files[@]} files include only value types, settings and engine/EngineClient.h"
