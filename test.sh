#!/usr/bin/env bash
# Checks the formatting (one test), then builds and runs every test: a Release build (build/),
# which also builds the engine-only app (flux-calldesk-engine) and runs the tests that start the
# binary on it; a configure of the -DFLUX_GUI=OFF build (build-nox/, one test); ASan+UBSan
# (build-asan/); then each libFuzzer target for a bounded time (tests/fuzz/run.sh, build-fuzz/),
# each counting as one test. Ends with "N passed, M failed" over all; exits non-zero if anything
# failed.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

packaging/install-deps.sh

passed=0
failed=0
broken=()

# run_suite NAME DIR CMAKE_ARGS...: configure, build, ctest; adds to the counts.
run_suite() {
    local name=$1 dir=$2
    shift 2
    echo "== $name: configure and build in $dir"
    if ! cmake -S . -B "$dir" -G Ninja "$@" >"$dir/configure.log" 2>&1 ||
        ! cmake --build "$dir"; then
        [[ -s $dir/configure.log ]] && tail -n 40 "$dir/configure.log"
        broken+=("$name: build failed")
        return
    fi
    echo "== $name: ctest"
    local log
    log=$(mktemp)
    ctest --test-dir "$dir" --output-on-failure -j2 2>&1 | tee "$log" || broken+=("$name: tests failed")
    # "100% tests passed, 0 tests failed out of 7"
    local summary
    summary=$(grep -Eo '[0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1 || true)
    rm -f "$log"
    if [[ -z $summary ]]; then
        broken+=("$name: no ctest summary")
        return
    fi
    local suite_failed suite_total
    read -r suite_failed _ _ _ _ suite_total <<<"$summary"
    passed=$((passed + suite_total - suite_failed))
    failed=$((failed + suite_failed))
    echo "== $name: $((suite_total - suite_failed)) passed, $suite_failed failed"
}

# .clang-format over every C++ file the repository holds.
echo "== format: clang-format --dry-run --Werror"
mapfile -t sources < <(git ls-files '*.cpp' '*.h')
if clang-format --dry-run --Werror "${sources[@]}"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
    broken+=("format: clang-format -i the files above")
fi

mkdir -p build build-nox build-asan
run_suite release build -DCMAKE_BUILD_TYPE=Release
# The engine-only app is built and tested in the Release build; -DFLUX_GUI=OFF, which builds it as
# flux-calldesk without the window's packages, must still configure.
echo "== engine-only: configure with -DFLUX_GUI=OFF in build-nox"
if cmake -S . -B build-nox -G Ninja -DCMAKE_BUILD_TYPE=Release -DFLUX_GUI=OFF \
    >build-nox/configure.log 2>&1; then
    passed=$((passed + 1))
else
    tail -n 40 build-nox/configure.log
    failed=$((failed + 1))
    broken+=("engine-only: configure failed")
fi

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_suite asan build-asan -DFLUX_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo

# Each fuzz target is one test: it passes when it ran its time without a crash, leak or hang.
fuzz_log=$(mktemp)
tests/fuzz/run.sh 2>&1 | tee "$fuzz_log" || broken+=("fuzz: a target failed")
fuzz_summary=$(grep -Eo '^fuzz: [0-9]+ passed, [0-9]+ failed' "$fuzz_log" | tail -n 1 || true)
rm -f "$fuzz_log"
if [[ -z $fuzz_summary ]]; then
    broken+=("fuzz: no summary")
else
    read -r _ fuzz_passed _ fuzz_failed _ <<<"$fuzz_summary"
    passed=$((passed + fuzz_passed))
    failed=$((failed + fuzz_failed))
fi

for problem in "${broken[@]}"; do
    echo "FAILED: $problem"
done
echo "$passed passed, $failed failed"
((${#broken[@]} == 0 && failed == 0))
