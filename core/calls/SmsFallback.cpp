#include "calls/SmsFallback.h"

namespace flux::SmsFallback {

QString name(Mode mode)
{
    switch (mode) {
    case Mode::Off:
        return QStringLiteral("off");
    case Mode::Unacknowledged:
        return QStringLiteral("unacknowledged");
    case Mode::EachAttempt:
        return QStringLiteral("each_attempt");
    }
    return {};
}

std::optional<Mode> parse(const QString &text)
{
    for (const Mode mode : {Mode::Off, Mode::Unacknowledged, Mode::EachAttempt}) {
        if (name(mode) == text.trimmed().toLower())
            return mode;
    }
    return std::nullopt;
}

} // namespace flux::SmsFallback
