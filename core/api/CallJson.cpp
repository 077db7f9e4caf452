#include "api/CallJson.h"

#include <QJsonArray>

namespace flux::CallJson {

namespace {
QJsonValue optionalInt(int value)
{
    return value < 0 ? QJsonValue() : QJsonValue(value);
}
QJsonValue optionalString(const QString &value)
{
    return value.isEmpty() ? QJsonValue() : QJsonValue(value);
}

QJsonObject field(const char *type, bool nullable = false, const char *format = nullptr)
{
    QJsonObject schema{{QStringLiteral("type"), QString::fromLatin1(type)}};
    if (nullable)
        schema.insert(QStringLiteral("nullable"), true);
    if (format)
        schema.insert(QStringLiteral("format"), QString::fromLatin1(format));
    return schema;
}

QJsonObject object(const QJsonObject &properties)
{
    return {{QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("required"), QJsonArray::fromStringList(properties.keys())},
            {QStringLiteral("properties"), properties}};
}
} // namespace

QJsonObject callSchema()
{
    QJsonObject outcome = field("string");
    outcome.insert(
        QStringLiteral("enum"),
        QJsonArray{CallOutcome::Pending, CallOutcome::Acknowledged, CallOutcome::NotAcknowledged});
    return object({
        {QStringLiteral("call_sid"), field("string")},
        {QStringLiteral("to"), field("string")},
        {QStringLiteral("from"), field("string")},
        {QStringLiteral("task_title"), field("string")},
        {QStringLiteral("task_id"), field("string", true)},
        {QStringLiteral("status"), field("string")},
        {QStringLiteral("outcome"), outcome},
        {QStringLiteral("acknowledged"), field("boolean")},
        {QStringLiteral("digits"), field("string", true)},
        {QStringLiteral("duration_seconds"), field("integer", true)},
        {QStringLiteral("error"), field("string", true)},
        {QStringLiteral("initiated_at"), field("string", false, "date-time")},
        {QStringLiteral("updated_at"), field("string", false, "date-time")},
    });
}

QJsonObject eventSchema()
{
    QJsonObject type = field("string");
    type.insert(QStringLiteral("enum"), QJsonArray{CallEvent::kindName(CallEvent::Kind::Created),
                                                   CallEvent::kindName(CallEvent::Kind::Status),
                                                   CallEvent::kindName(CallEvent::Kind::Gather)});
    return object({
        {QStringLiteral("type"), type},
        {QStringLiteral("status"), field("string")},
        {QStringLiteral("sequence_number"), field("integer", true)},
        {QStringLiteral("timestamp"), field("string", true)},
        {QStringLiteral("digits"), field("string", true)},
        {QStringLiteral("duration_seconds"), field("integer", true)},
        {QStringLiteral("detail"), field("string", true)},
        {QStringLiteral("received_at"), field("string", false, "date-time")},
    });
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
        {QStringLiteral("received_at"), isoUtc(event.receivedAt)},
    };
}

} // namespace flux::CallJson
