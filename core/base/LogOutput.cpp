#include "base/LogOutput.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <atomic>
#include <cstdio>

namespace flux {

namespace {
const QString TextPattern = QStringLiteral(
    "%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-warning}warning %{endif}%{if-critical}error "
    "%{endif}%{category}: %{message}");
std::atomic<LogOutput::Format> installedFormat{LogOutput::Format::Text};
} // namespace

std::optional<LogOutput::Level> LogOutput::parseLevel(const QString &text)
{
    const QString name = text.trimmed().toLower();
    if (name == QLatin1String("debug"))
        return Level::Debug;
    if (name == QLatin1String("info"))
        return Level::Info;
    if (name == QLatin1String("warning") || name == QLatin1String("warn"))
        return Level::Warning;
    if (name == QLatin1String("error"))
        return Level::Error;
    return std::nullopt;
}

std::optional<LogOutput::Format> LogOutput::parseFormat(const QString &text)
{
    const QString name = text.trimmed().toLower();
    if (name == QLatin1String("text"))
        return Format::Text;
    if (name == QLatin1String("json"))
        return Format::Json;
    return std::nullopt;
}

QString LogOutput::filterRules(Level level)
{
    const bool debug = level <= Level::Debug;
    const bool info = level <= Level::Info;
    const bool warning = level <= Level::Warning;
    auto rule = [](const char *type, bool on) {
        return QStringLiteral("flux.*.%1=%2\n")
            .arg(QLatin1String(type), on ? QStringLiteral("true") : QStringLiteral("false"));
    };
    return rule("debug", debug) + rule("info", info) + rule("warning", warning) +
           rule("critical", true);
}

QString LogOutput::levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return QStringLiteral("debug");
    case QtInfoMsg:
        return QStringLiteral("info");
    case QtWarningMsg:
        return QStringLiteral("warning");
    case QtCriticalMsg:
        return QStringLiteral("error");
    case QtFatalMsg:
        return QStringLiteral("fatal");
    }
    return QStringLiteral("info");
}

QByteArray LogOutput::jsonLine(QtMsgType type, const char *category, const QString &message,
                               const QDateTime &time, qint64 pid)
{
    const QJsonObject line{
        {QStringLiteral("ts"), time.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("level"), levelName(type)},
        {QStringLiteral("category"), QString::fromUtf8(category ? category : "default")},
        {QStringLiteral("msg"), message},
        {QStringLiteral("pid"), pid},
    };
    // Compact JSON escapes newlines inside msg, so one message is always one line.
    return QJsonDocument(line).toJson(QJsonDocument::Compact);
}

void LogOutput::writeJson(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray line =
        jsonLine(type, context.category, message, QDateTime::currentDateTimeUtc(),
                 QCoreApplication::applicationPid()) +
        '\n';
    // One fwrite per line: stdio locks the stream, so lines from threads do not interleave.
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

void LogOutput::install(Level level, Format format)
{
    QLoggingCategory::setFilterRules(filterRules(level));
    qSetMessagePattern(TextPattern);
    qInstallMessageHandler(format == Format::Json ? &LogOutput::writeJson : nullptr);
    installedFormat = format;
}

LogOutput::Format LogOutput::format()
{
    return installedFormat;
}

} // namespace flux
