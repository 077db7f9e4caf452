#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) in build-fuzz/ and runs each for a bounded
# time from its seed corpus in tests/fuzz/corpus/<name>/, with tests/fuzz/dict/<name>.dict as
# its dictionary when there is one (new inputs go to build-fuzz/corpus/, crashes to
# build-fuzz/artifacts/). Prints executions per target and ends with
# "fuzz: N passed, M failed"; exits non-zero if a target crashed, leaked, hung or did not build.
#   FLUX_FUZZ_SECONDS=20   time per target
#   FLUX_FUZZ_JOBS=<cores> targets run at once
#   tests/fuzz/run.sh twiml dotenv   only these targets
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.."

seconds=${FLUX_FUZZ_SECONDS:-20}
build=build-fuzz

names=()
if (($#)); then
    names=("$@")
else
    for source in tests/fuzz/fuzz_*.cpp; do
        name=$(basename "$source" .cpp)
        names+=("${name#fuzz_}")
    done
fi

mkdir -p "$build"
echo "== fuzz: configure and build in $build"
if ! cmake -S . -B "$build" -G Ninja -DFLUX_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ >"$build/configure.log" 2>&1 ||
    ! cmake --build "$build"; then
    [[ -s $build/configure.log ]] && tail -n 40 "$build/configure.log"
    echo "fuzz: build failed"
    echo "fuzz: 0 passed, ${#names[@]} failed"
    exit 1
fi

# Leaks count as failures; UBSan findings stop the run (the code is built without recovery).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# fuzz_one NAME: runs one target for its time; prints its verdict, and leaves "passed" or
# "failed" in $build/verdict_NAME.
fuzz_one() {
    local name=$1
    local binary=$build/tests/fuzz/fuzz_$name
    local seeds=tests/fuzz/corpus/$name
    local work=$build/corpus/$name
    local artifacts=$build/artifacts/$name
    local log=$build/fuzz_$name.log
    local verdict=$build/verdict_$name
    mkdir -p "$work" "$artifacts"
    if [[ ! -x $binary || ! -d $seeds ]]; then
        echo "fuzz $name: FAILED (no target $binary or no seeds in $seeds)"
        echo failed >"$verdict"
        return
    fi
    local options=(-max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -detect_leaks=1
        -print_final_stats=1 -artifact_prefix="$artifacts/")
    [[ -f tests/fuzz/dict/$name.dict ]] && options+=(-dict="tests/fuzz/dict/$name.dict")
    if "$binary" "${options[@]}" "$work" "$seeds" >"$log" 2>&1; then
        local runs corpus
        runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || true)
        corpus=$(find "$work" -type f | wc -l)
        echo "fuzz $name: passed, ${runs:-?} executions in ${seconds} s, $corpus inputs in $work"
        echo passed >"$verdict"
    else
        # Printed in one write, so that two targets failing at once do not interleave.
        local report
        report=$(
            echo "fuzz $name: FAILED, see $log; the input is in $artifacts/"
            grep -E 'ERROR|SUMMARY|Test unit written|==[0-9]+==' "$log" | head -n 20 || true
            tail -n 30 "$log"
        )
        printf '%s\n' "$report"
        echo failed >"$verdict"
    fi
}

# As many targets at once as there are cores (FLUX_FUZZ_JOBS), each on one.
jobs=${FLUX_FUZZ_JOBS:-$(nproc)}
for name in "${names[@]}"; do
    rm -f "$build/verdict_$name"
    while (($(jobs -rp | wc -l) >= jobs)); do
        wait -n || true
    done
    fuzz_one "$name" &
done
wait

passed=0
failed=0
for name in "${names[@]}"; do
    if [[ $(cat "$build/verdict_$name" 2>/dev/null) == passed ]]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done

echo "fuzz: $passed passed, $failed failed"
((failed == 0))
