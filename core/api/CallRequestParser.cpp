#include "api/CallRequestParser.h"

#include "calls/Contact.h"
#include "calls/PhoneNumber.h"
#include "twilio/VoicePrompts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QUrl>

namespace flux::CallRequestParser {

namespace {

const QString Body = QStringLiteral("body");
constexpr int MaxCallbackUrlLength = 2048;

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

// A whole number in [min, max], or an error naming the field in pydantic's words.
std::optional<int> intField(const QJsonObject &body, const QString &field, int min, int max,
                            QList<ValidationError> &errors)
{
    const QJsonValue value = body.value(field);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    const double number = value.toDouble();
    if (!value.isDouble() || number != double(qint64(number))) {
        errors.append(fieldError(field, QStringLiteral("Input should be a valid integer"),
                                 QStringLiteral("int_type")));
        return std::nullopt;
    }
    if (number < min) {
        errors.append(fieldError(
            field, QStringLiteral("Input should be greater than or equal to %1").arg(min),
            QStringLiteral("greater_than_equal")));
        return std::nullopt;
    }
    if (number > max) {
        errors.append(
            fieldError(field, QStringLiteral("Input should be less than or equal to %1").arg(max),
                       QStringLiteral("less_than_equal")));
        return std::nullopt;
    }
    return int(number);
}

// escalation, attempts, retry_after_seconds, escalation_list: all optional.
void escalationFields(const QJsonObject &body, NotificationRequest &request,
                      QList<ValidationError> &errors)
{
    const QString escalation = QStringLiteral("escalation");
    const QJsonValue numbers = body.value(escalation);
    if (!numbers.isUndefined() && !numbers.isNull()) {
        if (!numbers.isArray()) {
            errors.append(fieldError(escalation, QStringLiteral("Input should be a valid list"),
                                     QStringLiteral("list_type")));
        } else if (numbers.toArray().size() > EscalationList::MaxEscalation) {
            errors.append(fieldError(escalation,
                                     QStringLiteral("List should have at most %1 items")
                                         .arg(EscalationList::MaxEscalation),
                                     QStringLiteral("too_long")));
        } else {
            const QJsonArray list = numbers.toArray();
            for (qsizetype i = 0; i < list.size(); ++i) {
                const QString number = list.at(i).toString().trimmed();
                if (!list.at(i).isString()) {
                    errors.append({{Body, escalation, int(i)},
                                   QStringLiteral("Input should be a valid string"),
                                   QStringLiteral("string_type")});
                } else if (!PhoneNumber::isE164(number)) {
                    errors.append({{Body, escalation, int(i)},
                                   QStringLiteral("Value error, invalid phone number: %1")
                                       .arg(PhoneNumber::Hint),
                                   QStringLiteral("value_error")});
                } else {
                    request.escalation.append(number);
                }
            }
        }
    }
    if (const auto attempts =
            intField(body, QStringLiteral("attempts"), 1, EscalationList::MaxAttempts, errors))
        request.attempts = *attempts;
    if (const auto wait = intField(body, QStringLiteral("retry_after_seconds"),
                                   EscalationList::MinRetryAfterSeconds,
                                   EscalationList::MaxRetryAfterSeconds, errors))
        request.retryAfterSeconds = *wait;
    if (const auto list = stringField(body, QStringLiteral("escalation_list"), false, errors)) {
        request.listName = list->trimmed();
        if (request.listName.isEmpty())
            errors.append(fieldError(QStringLiteral("escalation_list"),
                                     QStringLiteral("Value error, escalation_list must not be "
                                                    "blank"),
                                     QStringLiteral("value_error")));
        else if (body.contains(escalation))
            errors.append(fieldError(QStringLiteral("escalation_list"),
                                     QStringLiteral("Value error, give escalation or "
                                                    "escalation_list, not both"),
                                     QStringLiteral("value_error")));
    }
}

} // namespace

Result<NotificationRequest, QList<ValidationError>> parse(const HttpRequest &request)
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
    NotificationRequest notification;
    escalationFields(body, notification, errors);
    if (const auto callback = stringField(body, QStringLiteral("callback_url"), false, errors)) {
        // No redirect is followed and no other scheme is spoken: where the outcome goes is
        // exactly what the request names.
        const QUrl url(*callback, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || url.isRelative() || url.host().isEmpty() ||
            (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
            errors.append(fieldError(QStringLiteral("callback_url"),
                                     QStringLiteral("Value error, callback_url must be an "
                                                    "absolute http or https URL"),
                                     QStringLiteral("url_scheme")));
        else if (!url.userInfo().isEmpty() || callback->size() > MaxCallbackUrlLength)
            errors.append(fieldError(QStringLiteral("callback_url"),
                                     QStringLiteral("Value error, callback_url must carry no user "
                                                    "info and have at most %1 characters")
                                         .arg(MaxCallbackUrlLength),
                                     QStringLiteral("value_error")));
        else
            notification.callbackUrl = *callback;
    }
    if (const QJsonValue sms = body.value(QStringLiteral("sms"));
        !sms.isUndefined() && !sms.isNull()) {
        if (sms.isBool())
            notification.sms = sms.toBool();
        else
            errors.append(fieldError(QStringLiteral("sms"),
                                     QStringLiteral("Input should be a valid boolean"),
                                     QStringLiteral("bool_type")));
    }
    if (!errors.isEmpty())
        return errors;
    notification.call = call;
    return notification;
}

} // namespace flux::CallRequestParser
