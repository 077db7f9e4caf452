#include "api/WebhooksResource.h"

#include "api/ValidationError.h"
#include "calls/CallService.h"
#include "calls/WebhookPaths.h"
#include "twilio/VoicePrompts.h"

namespace flux {

namespace {

HttpResponse missingField(const QString &where, const QString &field)
{
    return ValidationError::response(
        {{{where, field}, QStringLiteral("Field required"), QStringLiteral("missing")}});
}

HttpResponse failure(const CallError &error)
{
    // Unknown calls are 404. A store failure is 500 and shutting down 503: nothing was written,
    // so a retry by Twilio (or whoever sent it) is safe.
    switch (error.kind) {
    case CallError::Kind::UnknownCall:
        return HttpResponse::detail(HttpStatus::NotFound, error.message);
    case CallError::Kind::Unavailable:
        return HttpResponse::detail(HttpStatus::ServiceUnavailable, error.message);
    default:
        return HttpResponse::detail(HttpStatus::InternalServerError, error.message);
    }
}

// The request_id our own webhook URLs carry (see CallService::placeCall).
QString requestIdOf(const HttpRequest &request)
{
    return FormEncoding::value(request.queryForm, WebhookPaths::RequestIdParam);
}

int intOr(const QString &text, int fallback)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok ? value : fallback;
}

} // namespace

QList<Route> WebhooksResource::routes() const
{
    Route twimlRoute{HttpMethod::Post,
                     WebhookPaths::Twiml,
                     Route::Access::TwilioWebhook,
                     QStringLiteral("post_notifications_call_twiml"),
                     QStringLiteral("TwiML that reads the task out and waits for a key"),
                     [this](const HttpRequest &r, const Responder &s) { twiml(r, s); }};
    // Written by the same code that answers Twilio, so the examples are what Twilio gets.
    twimlRoute.docValues = {
        {QStringLiteral("twiml_example"),
         QString::fromUtf8(VoicePrompts::taskPrompt(
             QStringLiteral("Database backup failed"),
             QStringLiteral("https://example.com/notifications/call/gather")))}};
    Route gatherRoute{HttpMethod::Post,
                      WebhookPaths::Gather,
                      Route::Access::TwilioWebhook,
                      QStringLiteral("post_notifications_call_gather"),
                      QStringLiteral("The key the callee pressed, or none"),
                      [this](const HttpRequest &r, const Responder &s) { gather(r, s); }};
    gatherRoute.docValues = {
        {QStringLiteral("gather_example"), QString::fromUtf8(VoicePrompts::gatherAnswer(true))}};
    Route statusRoute{HttpMethod::Post,
                      WebhookPaths::Status,
                      Route::Access::TwilioWebhook,
                      QStringLiteral("post_notifications_call_status"),
                      QStringLiteral("Twilio's call status callbacks"),
                      [this](const HttpRequest &r, const Responder &s) { status(r, s); }};
    return {twimlRoute, gatherRoute, statusRoute};
}

void WebhooksResource::twiml(const HttpRequest &request, const Responder &responder) const
{
    // Read as a form so '+' is a space, the way the URL was written.
    const FormParams &query = request.queryForm;
    const QString title = FormEncoding::value(query, QStringLiteral("task_title"));
    if (title.isEmpty())
        return responder.send(missingField(QStringLiteral("query"), QStringLiteral("task_title")));
    const QString taskId = FormEncoding::value(query, QStringLiteral("task_id"));
    const QString requestId = FormEncoding::value(query, WebhookPaths::RequestIdParam);
    responder.send(HttpResponse::twiml(
        VoicePrompts::taskPrompt(title, m_calls->gatherUrl(taskId, requestId), m_language)));
}

void WebhooksResource::gather(const HttpRequest &request, const Responder &responder) const
{
    const QString sid = FormEncoding::value(request.form, QStringLiteral("CallSid"));
    if (sid.isEmpty())
        return responder.send(missingField(QStringLiteral("body"), QStringLiteral("CallSid")));
    const QString digits = FormEncoding::value(request.form, QStringLiteral("Digits"));
    const bool pressedAcknowledge = VoicePrompts::acknowledges(digits);
    m_calls->recordGather(
        sid, digits, requestIdOf(request),
        [responder, pressedAcknowledge, language = m_language](const auto &result) {
            if (!result)
                return responder.send(failure(result.error()));
            // Answer with what the call holds once this answer is on disk: an earlier "1" still
            // counts after a repeat or another key. The write's result says so; reading the
            // call again (a read transaction of its own) was a tenth of a keypress's time.
            const bool acknowledged =
                CallStore::leavesAcknowledged(result.value(), pressedAcknowledge);
            responder.send(HttpResponse::twiml(VoicePrompts::gatherAnswer(acknowledged, language)));
        });
}

void WebhooksResource::status(const HttpRequest &request, const Responder &responder) const
{
    CallEvent event;
    event.kind = CallEvent::Kind::Status;
    event.callSid = FormEncoding::value(request.form, QStringLiteral("CallSid"));
    event.status = FormEncoding::value(request.form, QStringLiteral("CallStatus"));
    if (event.callSid.isEmpty())
        return responder.send(missingField(QStringLiteral("body"), QStringLiteral("CallSid")));
    if (event.status.isEmpty())
        return responder.send(missingField(QStringLiteral("body"), QStringLiteral("CallStatus")));
    event.sequence = intOr(FormEncoding::value(request.form, QStringLiteral("SequenceNumber")), -1);
    event.timestamp = FormEncoding::value(request.form, QStringLiteral("Timestamp"));
    event.durationSeconds =
        intOr(FormEncoding::value(request.form, QStringLiteral("CallDuration")), -1);
    const QString errorCode = FormEncoding::value(request.form, QStringLiteral("ErrorCode"));
    const QString errorMessage = FormEncoding::value(request.form, QStringLiteral("ErrorMessage"));
    if (!errorCode.isEmpty() || !errorMessage.isEmpty())
        event.detail = QStringLiteral("Twilio error %1: %2").arg(errorCode, errorMessage).trimmed();
    event.receivedAt = QDateTime::currentDateTimeUtc();

    const QString sid = event.callSid;
    m_calls->recordStatus(event, requestIdOf(request), [sid, responder](const auto &result) {
        if (!result)
            return responder.send(failure(result.error()));
        responder.send(HttpResponse::jsonStrings(
            HttpStatus::Ok, {{QLatin1String("call_sid"), sid},
                             {QLatin1String("result"), CallStore::resultName(result.value())}}));
    });
}

} // namespace flux
