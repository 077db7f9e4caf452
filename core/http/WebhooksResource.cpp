#include "http/WebhooksResource.h"

#include "calls/CallService.h"
#include "http/ApiPaths.h"
#include "http/ValidationError.h"
#include "twilio/VoicePrompts.h"

#include <QJsonObject>

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
        return HttpResponse::detail(404, error.message);
    case CallError::Kind::Unavailable:
        return HttpResponse::detail(503, error.message);
    default:
        return HttpResponse::detail(500, error.message);
    }
}

// The request_id our own webhook URLs carry (see CallService::placeCall).
QString requestIdOf(const HttpRequest &request)
{
    return FormEncoding::value(FormEncoding::parse(request.rawQuery.toUtf8()),
                               ApiPaths::RequestIdParam);
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
    return {
        {"POST", ApiPaths::Twiml, Route::Access::TwilioWebhook,
         QStringLiteral("TwiML that reads the task out and waits for a key"),
         [this](const HttpRequest &r, const Responder &s) { twiml(r, s); }},
        {"POST", ApiPaths::Gather, Route::Access::TwilioWebhook,
         QStringLiteral("The key the callee pressed, or none"),
         [this](const HttpRequest &r, const Responder &s) { gather(r, s); }},
        {"POST", ApiPaths::Status, Route::Access::TwilioWebhook,
         QStringLiteral("Twilio's call status callbacks"),
         [this](const HttpRequest &r, const Responder &s) { status(r, s); }},
    };
}

void WebhooksResource::twiml(const HttpRequest &request, const Responder &responder) const
{
    // Parsed as a form so '+' reads as a space, the way the URL was written.
    const FormParams query = FormEncoding::parse(request.rawQuery.toUtf8());
    const QString title = FormEncoding::value(query, QStringLiteral("task_title"));
    if (title.isEmpty())
        return responder.send(missingField(QStringLiteral("query"), QStringLiteral("task_title")));
    const QString taskId = FormEncoding::value(query, QStringLiteral("task_id"));
    const QString requestId = FormEncoding::value(query, ApiPaths::RequestIdParam);
    responder.send(HttpResponse::twiml(
        VoicePrompts::taskPrompt(title, m_calls->gatherUrl(taskId, requestId), m_language)));
}

void WebhooksResource::gather(const HttpRequest &request, const Responder &responder) const
{
    const QString sid = FormEncoding::value(request.form, QStringLiteral("CallSid"));
    if (sid.isEmpty())
        return responder.send(missingField(QStringLiteral("body"), QStringLiteral("CallSid")));
    const QString digits = FormEncoding::value(request.form, QStringLiteral("Digits"));
    CallService *calls = m_calls;
    calls->recordGather(
        sid, digits, requestIdOf(request),
        [calls, sid, responder, language = m_language](const auto &result) {
            if (!result)
                return responder.send(failure(result.error()));
            // Answer with what the store now holds: an earlier "1" still counts after a repeat.
            // If it cannot be read, a 500 makes Twilio ask again rather than hear a wrong answer.
            const auto stored = calls->store()->call(sid);
            if (!stored)
                return responder.send(HttpResponse::detail(500, stored.error().message));
            const bool acknowledged =
                stored.value() && stored.value()->outcome == CallOutcome::Acknowledged;
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
        responder.send(HttpResponse::json(
            200, QJsonObject{{QStringLiteral("call_sid"), sid},
                             {QStringLiteral("result"), CallStore::resultName(result.value())}}));
    });
}

} // namespace flux
