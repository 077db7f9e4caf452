#include "cli/Duration.h"

#include <QRegularExpression>

namespace flux::Duration {

std::optional<qint64> parseMs(const QString &text)
{
    static const QRegularExpression whole(QStringLiteral("^(?:\\d{1,7}[hms])+$"));
    static const QRegularExpression part(QStringLiteral("(\\d{1,7})([hms])"));
    const QString trimmed = text.trimmed();
    if (!whole.match(trimmed).hasMatch())
        return std::nullopt;
    qint64 total = 0;
    for (auto it = part.globalMatch(trimmed); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const qint64 count = match.captured(1).toLongLong();
        const QChar unit = match.captured(2).at(0);
        const qint64 unitMs = unit == QLatin1Char('h')   ? 3600 * 1000
                              : unit == QLatin1Char('m') ? 60 * 1000
                                                         : 1000;
        total += count * unitMs;
        if (total > MaxMs)
            return std::nullopt;
    }
    if (total == 0)
        return std::nullopt;
    return total;
}

} // namespace flux::Duration
