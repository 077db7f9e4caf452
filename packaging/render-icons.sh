#!/usr/bin/env bash
# Renders the PNG app icons from the scalable SVG into resources/icons/hicolor/<size>/apps/.
# The PNGs are committed (the build needs no SVG renderer); run this again after editing the SVG.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

id=io.github.fluxcalldesk.FluxCallDesk
icons=resources/icons/hicolor
command -v rsvg-convert >/dev/null || {
    echo "render-icons.sh: rsvg-convert not found (apt-get install librsvg2-bin)" >&2
    exit 1
}
for size in 16 32 48 64 128 256; do
    mkdir -p "$icons/${size}x${size}/apps"
    rsvg-convert --width "$size" --height "$size" --output "$icons/${size}x${size}/apps/$id.png" \
        "$icons/scalable/apps/$id.svg"
    echo "render-icons.sh: $icons/${size}x${size}/apps/$id.png"
done
