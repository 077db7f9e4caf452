#include "api/NotificationJson.h"

#include "api/CallJson.h"
#include "calls/CallStatus.h"

#include <QJsonArray>

namespace flux::NotificationJson {

namespace {
using CallJson::optionalString;

QJsonValue optionalTime(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(CallJson::isoUtc(time)) : QJsonValue();
}
} // namespace

QString state(const Notification &notification)
{
    return notification.isOpen() ? QStringLiteral("open") : QStringLiteral("closed");
}

QJsonObject attempt(const NotificationAttempt &attempt)
{
    // An attempt Twilio refused has no call: its outcome says so, and `error` why.
    QString outcome = attempt.outcome;
    if (!attempt.error.isEmpty())
        outcome = QStringLiteral("not_placed");
    else if (attempt.callSid.isEmpty())
        outcome = CallOutcome::Pending;
    return {
        {QStringLiteral("attempt"), attempt.index + 1},
        {QStringLiteral("number"), attempt.number},
        {QStringLiteral("call_sid"), optionalString(attempt.callSid)},
        {QStringLiteral("status"), optionalString(attempt.status)},
        {QStringLiteral("outcome"), outcome},
        {QStringLiteral("reason"), optionalString(attempt.reason)},
        {QStringLiteral("answered_by"), optionalString(attempt.answeredBy)},
        {QStringLiteral("placed_at"), optionalTime(attempt.placedAt)},
        {QStringLiteral("error"), optionalString(attempt.error)},
    };
}

QJsonArray deliveries(const QList<OutcomeDelivery> &deliveries)
{
    QJsonArray list;
    for (const OutcomeDelivery &d : deliveries) {
        QJsonArray attempts;
        for (const DeliveryAttempt &a : d.attempts)
            attempts.append(QJsonObject{
                {QStringLiteral("at"), optionalTime(a.at)},
                {QStringLiteral("status"), a.status > 0 ? QJsonValue(a.status) : QJsonValue()},
                {QStringLiteral("error"), optionalString(a.error)},
            });
        const bool pending = d.state == DeliveryState::Pending;
        list.append(QJsonObject{
            {QStringLiteral("event_id"), d.eventId},
            {QStringLiteral("url"), d.url},
            {QStringLiteral("state"), d.state},
            {QStringLiteral("next_attempt_at"),
             pending ? optionalTime(d.nextAttemptAt) : QJsonValue()},
            {QStringLiteral("attempts"), attempts},
        });
    }
    return list;
}

QJsonObject textMessage(const TextMessage &text)
{
    return {
        {QStringLiteral("sid"), optionalString(text.sid)},
        {QStringLiteral("to"), text.to},
        {QStringLiteral("reason"), text.reason},
        {QStringLiteral("status"), text.status},
        {QStringLiteral("error"), optionalString(text.error)},
        {QStringLiteral("sent_at"), optionalTime(text.createdAt)},
        {QStringLiteral("updated_at"), optionalTime(text.updatedAt)},
    };
}

QJsonObject notification(const Notification &n)
{
    QJsonArray attempts;
    for (const NotificationAttempt &a : n.attempts)
        attempts.append(attempt(a));
    QJsonArray messages;
    for (const TextMessage &t : n.texts)
        messages.append(textMessage(t));
    const bool scheduled = n.isOpen() && n.dueAt.isValid();
    return {
        {QStringLiteral("notification_id"), n.id},
        {QStringLiteral("task_title"), n.taskTitle},
        {QStringLiteral("task_id"), optionalString(n.taskId)},
        {QStringLiteral("state"), state(n)},
        {QStringLiteral("outcome"), n.outcome},
        {QStringLiteral("numbers"), QJsonArray::fromStringList(n.numbers)},
        {QStringLiteral("attempts_per_number"), n.attemptsPerNumber},
        {QStringLiteral("retry_after_seconds"), n.retryAfterSeconds},
        {QStringLiteral("escalation_list"), optionalString(n.listName)},
        {QStringLiteral("acknowledged_by"), optionalString(n.acknowledgedBy)},
        {QStringLiteral("acknowledged_call_sid"), optionalString(n.acknowledgedCallSid)},
        {QStringLiteral("acknowledged_at"), optionalTime(n.acknowledgedAt)},
        {QStringLiteral("next_attempt_at"), scheduled ? optionalTime(n.dueAt) : QJsonValue()},
        {QStringLiteral("next_number"),
         scheduled ? optionalString(n.numberOf(n.nextAttempt)) : QJsonValue()},
        {QStringLiteral("created_at"), optionalTime(n.createdAt)},
        {QStringLiteral("closed_at"), optionalTime(n.closedAt)},
        {QStringLiteral("attempts"), attempts},
        {QStringLiteral("sms"), n.sms},
        {QStringLiteral("messages"), messages},
    };
}

} // namespace flux::NotificationJson
