#!/usr/bin/env bash
# check-include.sh refused|allowed HEADER BUILD-COMMAND...: builds a one-line probe that includes
# HEADER. "refused" passes only when the build fails because HEADER cannot be found, so a probe
# that breaks for another reason does not count as proof; "allowed" passes when it builds.
set -uo pipefail
expect=$1 header=$2
shift 2
output=$("$@" 2>&1)
status=$?
if [[ $expect == allowed ]]; then
    if ((status == 0)); then
        echo "layering: $header is reachable, as it should be"
        exit 0
    fi
    printf '%s\n' "$output"
    echo "layering: FAILED: a probe including $header did not build"
    exit 1
fi
if ((status != 0)) && grep -qF "$header: No such file or directory" <<<"$output"; then
    echo "layering: $header is out of reach, as it should be"
    exit 0
fi
printf '%s\n' "$output"
echo "layering: FAILED: expected the include of $header to be refused for want of the header"
exit 1
