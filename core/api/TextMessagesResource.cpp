#include "api/TextMessagesResource.h"

#include "api/ValidationError.h"
#include "calls/TextMessageService.h"
#include "calls/WebhookPaths.h"

namespace flux {

QList<Route> TextMessagesResource::routes() const
{
    return {{HttpMethod::Post, WebhookPaths::SmsStatus, Route::Access::TwilioWebhook,
             QStringLiteral("post_notifications_sms_status"),
             QStringLiteral("Twilio's message status callbacks"),
             [this](const HttpRequest &r, const Responder &s) { status(r, s); }}};
}

void TextMessagesResource::status(const HttpRequest &request, const Responder &responder) const
{
    const QString sid = FormEncoding::value(request.form, QStringLiteral("MessageSid"));
    // Twilio sends both; MessageStatus is the one its docs name for status callbacks.
    QString status = FormEncoding::value(request.form, QStringLiteral("MessageStatus"));
    if (status.isEmpty())
        status = FormEncoding::value(request.form, QStringLiteral("SmsStatus"));
    const QString missing = sid.isEmpty()      ? QStringLiteral("MessageSid")
                            : status.isEmpty() ? QStringLiteral("MessageStatus")
                                               : QString();
    if (!missing.isEmpty())
        return responder.send(ValidationError::response({{{QStringLiteral("body"), missing},
                                                          QStringLiteral("Field required"),
                                                          QStringLiteral("missing")}}));
    const qint64 id =
        FormEncoding::value(request.queryForm, WebhookPaths::MessageIdParam).toLongLong();
    const QString errorCode = FormEncoding::value(request.form, QStringLiteral("ErrorCode"));
    const auto result = m_texts->recordStatus(sid, id, status, errorCode);
    if (!result)
        return responder.send(
            HttpResponse::detail(HttpStatus::InternalServerError, result.error().message));
    responder.send(HttpResponse::jsonStrings(
        HttpStatus::Ok,
        {{QLatin1String("message_sid"), sid},
         {QLatin1String("result"), TextMessageService::resultName(result.value())}}));
}

} // namespace flux
