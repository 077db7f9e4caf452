#include "calls/OutcomeEvent.h"

#include "calls/CallService.h"
#include "calls/CallStatus.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flux {

namespace {

QJsonValue text(const QString &value)
{
    return value.isEmpty() ? QJsonValue() : QJsonValue(value);
}

QJsonValue time(const QDateTime &value)
{
    return value.isValid() ? QJsonValue(value.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

// The attempt as GET /notifications/{id} shows it, so a receiver reads one shape.
QJsonObject callOf(const NotificationAttempt &a)
{
    QString outcome = a.outcome;
    if (!a.error.isEmpty())
        outcome = QStringLiteral("not_placed");
    else if (a.callSid.isEmpty())
        outcome = CallOutcome::Pending;
    return {
        {QStringLiteral("attempt"), a.index + 1},
        {QStringLiteral("number"), a.number},
        {QStringLiteral("call_sid"), text(a.callSid)},
        {QStringLiteral("status"), text(a.status)},
        {QStringLiteral("outcome"), outcome},
        {QStringLiteral("reason"), text(a.reason)},
        {QStringLiteral("answered_by"), text(a.answeredBy)},
        {QStringLiteral("placed_at"), time(a.placedAt)},
        {QStringLiteral("error"), text(a.error)},
    };
}

} // namespace

QString OutcomeEvent::typeOf(const QString &outcome)
{
    if (outcome == NotificationOutcome::Acknowledged)
        return OutcomeEventType::Acknowledged;
    if (outcome == NotificationOutcome::NotAcknowledged)
        return OutcomeEventType::NotAcknowledged;
    if (outcome == NotificationOutcome::Canceled)
        return OutcomeEventType::Canceled;
    return {};
}

OutcomeEvent OutcomeEvent::of(const Notification &n)
{
    OutcomeEvent event;
    event.id = QStringLiteral("EV") + CallService::newRequestId();
    event.notificationId = n.id;
    event.type = typeOf(n.outcome);
    event.createdAt = QDateTime::currentDateTimeUtc();
    QJsonArray calls;
    for (const NotificationAttempt &a : n.attempts)
        calls.append(callOf(a));
    const QJsonObject notification{
        {QStringLiteral("notification_id"), n.id},
        {QStringLiteral("task_title"), n.taskTitle},
        {QStringLiteral("task_id"), text(n.taskId)},
        {QStringLiteral("outcome"), n.outcome},
        {QStringLiteral("numbers"), QJsonArray::fromStringList(n.numbers)},
        {QStringLiteral("escalation_list"), text(n.listName)},
        {QStringLiteral("acknowledged_by"), text(n.acknowledgedBy)},
        {QStringLiteral("acknowledged_call_sid"), text(n.acknowledgedCallSid)},
        {QStringLiteral("acknowledged_at"), time(n.acknowledgedAt)},
        {QStringLiteral("created_at"), time(n.createdAt)},
        {QStringLiteral("closed_at"), time(n.closedAt)},
        {QStringLiteral("calls"), calls},
    };
    event.body = QJsonDocument(QJsonObject{
                                   {QStringLiteral("id"), event.id},
                                   {QStringLiteral("type"), event.type},
                                   {QStringLiteral("created_at"), time(event.createdAt)},
                                   {QStringLiteral("notification"), notification},
                               })
                     .toJson(QJsonDocument::Compact);
    return event;
}

} // namespace flux
