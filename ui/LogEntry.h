// LogEntry: one logged message, as the log view lists it.
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace flux {

struct LogEntry
{
    // Qt's message types, ordered by severity (QtMsgType's values are not).
    enum class Level
    {
        Debug,
        Info,
        Warning,
        Error // critical and fatal
    };

    QDateTime time;
    Level level = Level::Info;
    QString category; // e.g. flux.http
    QString message;

    static Level levelOf(QtMsgType type)
    {
        switch (type) {
        case QtDebugMsg:
            return Level::Debug;
        case QtInfoMsg:
            return Level::Info;
        case QtWarningMsg:
            return Level::Warning;
        case QtCriticalMsg:
        case QtFatalMsg:
            return Level::Error;
        }
        return Level::Error;
    }
    static QString levelName(Level level)
    {
        switch (level) {
        case Level::Debug:
            return QStringLiteral("debug");
        case Level::Info:
            return QStringLiteral("info");
        case Level::Warning:
            return QStringLiteral("warning");
        case Level::Error:
            return QStringLiteral("error");
        }
        return {};
    }
};

} // namespace flux

Q_DECLARE_METATYPE(flux::LogEntry)
