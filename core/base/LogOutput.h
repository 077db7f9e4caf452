// LogOutput: how this process logs: the threshold for the flux.* categories (QT_LOGGING_RULES
// still has the last word) and the line format on stderr, text for people or JSON for servers.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace flux {

class LogOutput
{
public:
    enum class Level
    {
        Debug,
        Info,
        Warning,
        Error,
    };
    enum class Format
    {
        Text,
        Json,
    };

    // "debug", "info", "warning" (or "warn"), "error", any case; nullopt for anything else.
    static std::optional<Level> parseLevel(const QString &text);
    // "text" or "json", any case.
    static std::optional<Format> parseFormat(const QString &text);

    // Filter rules that show flux.* messages at `level` and above. They go in through
    // QLoggingCategory::setFilterRules, which Qt evaluates before QT_LOGGING_CONF and
    // QT_LOGGING_RULES: so those still override single categories.
    static QString filterRules(Level level);

    // Sets the threshold and installs the message handler for `format`, for the whole process.
    static void install(Level level, Format format);
    // What install() last set: Text until then.
    static Format format();

    // One JSON object on one line, without the newline:
    // {"ts":"2026-01-05T09:30:00.123Z","level":"info","category":"flux.app","msg":"...","pid":42}
    static QByteArray jsonLine(QtMsgType type, const char *category, const QString &message,
                               const QDateTime &time, qint64 pid);
    static QString levelName(QtMsgType type);

private:
    static void writeJson(QtMsgType type, const QMessageLogContext &context,
                          const QString &message);
};

} // namespace flux
