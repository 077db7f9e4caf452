// Duration: the spans the command line takes, such as "90s", "10m", "1h" or "1h30m".
#pragma once

#include <QString>

#include <optional>

namespace flux::Duration {

// The longest span accepted: a week, far beyond any escalation.
constexpr qint64 MaxMs = 7LL * 24 * 3600 * 1000;

// Milliseconds; nullopt for anything else: a bare number (seconds or minutes?), another unit,
// zero, or more than MaxMs.
std::optional<qint64> parseMs(const QString &text);

} // namespace flux::Duration
