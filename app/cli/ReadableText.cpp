#include "cli/ReadableText.h"

#include <QJsonArray>
#include <QStringList>

namespace flux::ReadableText {

namespace {

QString text(const QJsonObject &object, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    return value.isDouble() ? QString::number(value.toInt()) : value.toString();
}

// "not_acknowledged" as "not acknowledged".
QString words(const QString &value)
{
    QString result = value;
    return result.replace(QLatin1Char('_'), QLatin1Char(' '));
}

QString task(const QJsonObject &object)
{
    const QString id = text(object, "task_id");
    return QStringLiteral("task: ") + text(object, "task_title") +
           (id.isEmpty() ? QString() : QStringLiteral(" [") + id + QLatin1Char(']'));
}

} // namespace

QString placed(const QJsonObject &answer)
{
    return QStringLiteral("%1 placed: calling %2 (call %3, %4)")
        .arg(text(answer, "notification_id"), text(answer, "to"), text(answer, "call_sid"),
             text(answer, "status"));
}

QString attempt(const QJsonObject &attempt)
{
    const QString status = text(attempt, "status");
    QString line = QStringLiteral("attempt %1: %2 %3")
                       .arg(text(attempt, "attempt"), text(attempt, "number"),
                            status.isEmpty() ? QStringLiteral("not placed yet") : status);
    const QString outcome = text(attempt, "outcome");
    if (!outcome.isEmpty() && outcome != QLatin1String("pending"))
        line += QStringLiteral(", ") + words(outcome);
    if (const QString reason = text(attempt, "reason"); !reason.isEmpty())
        line += QStringLiteral(" (") + words(reason) + QLatin1Char(')');
    if (const QString error = text(attempt, "error"); !error.isEmpty())
        line += QStringLiteral(": ") + error;
    return line;
}

QString notification(const QJsonObject &notification)
{
    QStringList lines;
    lines.append(QStringLiteral("%1 %2 (%3)")
                     .arg(text(notification, "notification_id"),
                          words(text(notification, "outcome")), text(notification, "state")));
    lines.append(task(notification));
    for (const QJsonValue &value : notification.value(QStringLiteral("attempts")).toArray())
        lines.append(attempt(value.toObject()));
    if (const QString by = text(notification, "acknowledged_by"); !by.isEmpty())
        lines.append(QStringLiteral("acknowledged by %1 at %2")
                         .arg(by, text(notification, "acknowledged_at")));
    if (const QString next = text(notification, "next_attempt_at"); !next.isEmpty())
        lines.append(QStringLiteral("next: %1 at %2").arg(text(notification, "next_number"), next));
    return lines.join(QLatin1Char('\n'));
}

QString call(const QJsonObject &call)
{
    QStringList lines;
    QString first = QStringLiteral("%1 %2 %3, %4")
                        .arg(text(call, "call_sid"), text(call, "to"), text(call, "status"),
                             words(text(call, "outcome")));
    if (const QString reason = text(call, "reason"); !reason.isEmpty())
        first += QStringLiteral(" (") + words(reason) + QLatin1Char(')');
    lines.append(first);
    lines.append(task(call));
    lines.append(QStringLiteral("initiated %1, updated %2")
                     .arg(text(call, "initiated_at"), text(call, "updated_at")));
    if (const QString digits = text(call, "digits"); !digits.isEmpty())
        lines.append(QStringLiteral("keys pressed: ") + digits);
    if (const QString error = text(call, "error"); !error.isEmpty())
        lines.append(QStringLiteral("error: ") + error);
    return lines.join(QLatin1Char('\n'));
}

QString callRow(const QJsonObject &call)
{
    return QStringLiteral("%1  %2  %3  %4  %5  %6")
        .arg(text(call, "call_sid"), text(call, "initiated_at"))
        .arg(text(call, "to"), -16)
        .arg(text(call, "status"), -11)
        .arg(words(text(call, "outcome")), -16)
        .arg(text(call, "task_title"));
}

} // namespace flux::ReadableText
