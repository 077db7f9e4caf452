#include "cli/CallCommand.h"

#include "cli/CliExitStatus.h"
#include "cli/NotificationWaiter.h"
#include "cli/ReadableText.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QJsonArray>

namespace flux {

namespace {

QString describeSpan(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    if (seconds % 3600 == 0)
        return QStringLiteral("%1h").arg(seconds / 3600);
    if (seconds % 60 == 0)
        return QStringLiteral("%1m").arg(seconds / 60);
    return QStringLiteral("%1s").arg(seconds);
}

} // namespace

CallCommand::CallCommand(DeskApiClient &client, ConsoleOutput &output)
    : m_client(client), m_output(output)
{}

int CallCommand::run(const CliArguments &arguments)
{
    QJsonObject request{{QStringLiteral("phone_number"), arguments.to},
                        {QStringLiteral("task_title"), arguments.title}};
    if (!arguments.taskId.isEmpty())
        request.insert(QStringLiteral("task_id"), arguments.taskId);
    if (!arguments.escalation.isEmpty())
        request.insert(QStringLiteral("escalation"),
                       QJsonArray::fromStringList(arguments.escalation));

    const ApiReply placed = m_client.postJson(QStringLiteral("/notifications/call"), request);
    if (!placed.succeeded())
        return m_output.fail(CliExitStatus::Error, placed.describeError());
    const QString notificationId =
        placed.json().value(QStringLiteral("notification_id")).toString();
    if (arguments.json)
        m_output.printRaw(placed.body);
    else
        m_output.print(ReadableText::placed(placed.json()));
    if (!arguments.wait)
        return CliExitStatus::Done;
    if (notificationId.isEmpty())
        return m_output.fail(CliExitStatus::Error,
                             QStringLiteral("the desk's answer names no notification_id to "
                                            "wait for"));
    return wait(arguments, notificationId);
}

int CallCommand::wait(const CliArguments &arguments, const QString &notificationId)
{
    const QDeadlineTimer deadline = arguments.timeoutMs ? QDeadlineTimer(*arguments.timeoutMs)
                                                        : QDeadlineTimer(QDeadlineTimer::Forever);
    // Without --json, a line whenever an attempt moves on, so a log tells the story as it goes.
    QHash<int, QString> shown;
    const auto progress = [&](const QJsonObject &notification) {
        if (arguments.json)
            return;
        for (const QJsonValue &value : notification.value(QStringLiteral("attempts")).toArray()) {
            const QJsonObject attempt = value.toObject();
            const QString line = ReadableText::attempt(attempt);
            const int index = attempt.value(QStringLiteral("attempt")).toInt();
            if (shown.value(index) != line) {
                shown.insert(index, line);
                m_output.print(line);
            }
        }
    };

    NotificationWaiter waiter(m_client, notificationId);
    const NotificationWaiter::Ending ending = waiter.wait(deadline, progress);
    switch (ending.end) {
    case NotificationWaiter::End::Failed:
        return m_output.fail(CliExitStatus::Error, ending.error);
    case NotificationWaiter::End::TimedOut: {
        if (arguments.json && !ending.body.isEmpty())
            m_output.printRaw(ending.body);
        QString message = QStringLiteral("timed out after %1: %2 is still open")
                              .arg(describeSpan(*arguments.timeoutMs), notificationId);
        if (!ending.error.isEmpty())
            message += QStringLiteral(" (last read: %1)").arg(ending.error);
        return m_output.fail(CliExitStatus::TimedOut, message);
    }
    case NotificationWaiter::End::Closed:
        break;
    }
    const QString outcome = ending.notification.value(QStringLiteral("outcome")).toString();
    if (arguments.json) {
        m_output.printRaw(ending.body);
    } else {
        const QJsonObject &n = ending.notification;
        if (outcome == QLatin1String("acknowledged"))
            m_output.print(QStringLiteral("acknowledged by %1 at %2")
                               .arg(n.value(QStringLiteral("acknowledged_by")).toString(),
                                    n.value(QStringLiteral("acknowledged_at")).toString()));
        else
            m_output.print(QString(outcome).replace(QLatin1Char('_'), QLatin1Char(' ')));
    }
    return outcome == QLatin1String("acknowledged") ? CliExitStatus::Acknowledged
                                                    : CliExitStatus::NotAcknowledged;
}

} // namespace flux
