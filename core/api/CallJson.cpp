#include "api/CallJson.h"

namespace flux::CallJson {

namespace {
QJsonValue optionalInt(int value)
{
    return value < 0 ? QJsonValue() : QJsonValue(value);
}
} // namespace

QJsonValue optionalString(const QString &value)
{
    return value.isEmpty() ? QJsonValue() : QJsonValue(value);
}

QString isoUtc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs); // ends in 'Z' for UTC
}

QJsonObject call(const CallRecord &call)
{
    return {
        {QStringLiteral("call_sid"), call.sid},
        {QStringLiteral("to"), call.to},
        {QStringLiteral("from"), call.from},
        {QStringLiteral("task_title"), call.taskTitle},
        {QStringLiteral("task_id"), optionalString(call.taskId)},
        {QStringLiteral("status"), call.status},
        {QStringLiteral("outcome"), call.outcome},
        {QStringLiteral("reason"), optionalString(call.reason)},
        {QStringLiteral("answered_by"), optionalString(call.answeredBy)},
        {QStringLiteral("origin"),
         call.placedHere ? QStringLiteral("placed") : QStringLiteral("adopted")},
        {QStringLiteral("acknowledged"), call.outcome == CallOutcome::Acknowledged},
        {QStringLiteral("digits"), optionalString(call.digits)},
        {QStringLiteral("duration_seconds"), optionalInt(call.durationSeconds)},
        {QStringLiteral("error"), optionalString(call.errorMessage)},
        {QStringLiteral("initiated_at"), isoUtc(call.initiatedAt)},
        {QStringLiteral("updated_at"), isoUtc(call.updatedAt)},
    };
}

QJsonObject event(const CallEvent &event)
{
    return {
        {QStringLiteral("type"), CallEvent::kindName(event.kind)},
        {QStringLiteral("status"), event.status},
        {QStringLiteral("sequence_number"), optionalInt(event.sequence)},
        {QStringLiteral("timestamp"), optionalString(event.timestamp)},
        {QStringLiteral("digits"), optionalString(event.digits)},
        {QStringLiteral("duration_seconds"), optionalInt(event.durationSeconds)},
        {QStringLiteral("detail"), optionalString(event.detail)},
        {QStringLiteral("answered_by"), optionalString(event.answeredBy)},
        {QStringLiteral("received_at"), isoUtc(event.receivedAt)},
    };
}

} // namespace flux::CallJson
