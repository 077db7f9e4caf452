#include "api/CallRequestParser.h"

#include "calls/PhoneNumber.h"
#include "twilio/VoicePrompts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace flux::CallRequestParser {

namespace {

const QString Body = QStringLiteral("body");

ValidationError fieldError(const QString &field, const QString &msg, const QString &type)
{
    return {{Body, field}, msg, type};
}

// XML 1.0 cannot carry most control characters, so TwiML could not speak them.
bool hasControlCharacters(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 && c != QLatin1Char('\t') && c != QLatin1Char('\n') &&
            c != QLatin1Char('\r'))
            return true;
        if (c.unicode() == 0xFFFE || c.unicode() == 0xFFFF)
            return true;
    }
    return false;
}

// Reads an optional or required string field; records what is wrong with it.
std::optional<QString> stringField(const QJsonObject &body, const QString &field, bool required,
                                   QList<ValidationError> &errors)
{
    const QJsonValue value = body.value(field);
    if (value.isUndefined() || (!required && value.isNull())) {
        if (required)
            errors.append(
                fieldError(field, QStringLiteral("Field required"), QStringLiteral("missing")));
        return std::nullopt;
    }
    if (!value.isString()) {
        errors.append(fieldError(field, QStringLiteral("Input should be a valid string"),
                                 QStringLiteral("string_type")));
        return std::nullopt;
    }
    return value.toString();
}

} // namespace

Result<CallRequest, QList<ValidationError>> parse(const HttpRequest &request)
{
    const QByteArray contentType = request.header("Content-Type").toLower();
    if (!contentType.startsWith("application/json")) {
        return QList<ValidationError>{{{Body},
                                       QStringLiteral("Content-Type must be application/json"),
                                       QStringLiteral("model_attributes_type")}};
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    // Qt reads only arrays and objects at the top level; a bare scalar is still valid JSON,
    // just not an object, and must be told apart from a syntax error.
    const bool scalar = parseError.error != QJsonParseError::NoError &&
                        QJsonDocument::fromJson("[" + request.body + "]").array().size() == 1;
    if (parseError.error != QJsonParseError::NoError && !scalar) {
        return QList<ValidationError>{
            {{Body, parseError.offset},
             QStringLiteral("JSON decode error: %1").arg(parseError.errorString()),
             QStringLiteral("json_invalid")}};
    }
    if (scalar || !document.isObject()) {
        return QList<ValidationError>{
            {{Body},
             QStringLiteral("Input should be a valid dictionary or object to extract fields from"),
             QStringLiteral("model_attributes_type")}};
    }
    const QJsonObject body = document.object();
    QList<ValidationError> errors;
    CallRequest call;

    if (const auto phone = stringField(body, QStringLiteral("phone_number"), true, errors)) {
        call.to = phone->trimmed();
        if (!PhoneNumber::isE164(call.to))
            errors.append(fieldError(
                QStringLiteral("phone_number"),
                QStringLiteral("Value error, invalid phone number: %1").arg(PhoneNumber::Hint),
                QStringLiteral("value_error")));
    }
    if (const auto title = stringField(body, QStringLiteral("task_title"), true, errors)) {
        call.taskTitle = title->trimmed();
        if (call.taskTitle.isEmpty())
            errors.append(fieldError(QStringLiteral("task_title"),
                                     QStringLiteral("Value error, task_title must not be blank"),
                                     QStringLiteral("value_error")));
        else if (call.taskTitle.size() > CallRequest::maxTitleLength())
            errors.append(fieldError(
                QStringLiteral("task_title"),
                QStringLiteral("String should have at most %1 characters: the spoken sentence "
                               "must fit Twilio's %2-character <Say> limit")
                    .arg(CallRequest::maxTitleLength())
                    .arg(VoicePrompts::MaxSayLength),
                QStringLiteral("string_too_long")));
        else if (hasControlCharacters(call.taskTitle))
            errors.append(fieldError(QStringLiteral("task_title"),
                                     QStringLiteral("Value error, task_title must not contain "
                                                    "control characters"),
                                     QStringLiteral("value_error")));
    }
    if (const auto taskId = stringField(body, QStringLiteral("task_id"), false, errors)) {
        call.taskId = *taskId;
        if (call.taskId.size() > CallRequest::MaxTaskIdLength)
            errors.append(fieldError(QStringLiteral("task_id"),
                                     QStringLiteral("String should have at most %1 characters")
                                         .arg(CallRequest::MaxTaskIdLength),
                                     QStringLiteral("string_too_long")));
        else if (hasControlCharacters(call.taskId))
            errors.append(fieldError(QStringLiteral("task_id"),
                                     QStringLiteral("Value error, task_id must not contain "
                                                    "control characters"),
                                     QStringLiteral("value_error")));
    }
    if (!errors.isEmpty())
        return errors;
    return call;
}

} // namespace flux::CallRequestParser
