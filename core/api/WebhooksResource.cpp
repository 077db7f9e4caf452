#include "api/WebhooksResource.h"

#include "api/ValidationError.h"
#include "calls/CallService.h"
#include "calls/WebhookPaths.h"
#include "twilio/VoicePrompts.h"

#include <QJsonArray>
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

namespace {

const QByteArray Form = "application/x-www-form-urlencoded";

// A form body of Twilio's: the fields named, strings all, the required ones first.
RouteBody twilioForm(const QStringList &required, const QStringList &optional,
                     const QJsonObject &example)
{
    QJsonObject properties;
    for (const QString &name : required + optional)
        properties.insert(name, QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}});
    RouteBody body;
    body.contentType = Form;
    body.schema.schema =
        QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                    {QStringLiteral("required"), QJsonArray::fromStringList(required)},
                    {QStringLiteral("properties"), properties}};
    body.example = example;
    return body;
}

RouteResponse twimlAnswer(const QString &description, const QString &example)
{
    RouteResponse response;
    response.description = description;
    response.contentType = "text/xml";
    response.schema.schema = QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}};
    response.example = example;
    return response;
}

RouteResponse missing(const QString &where, const QString &field)
{
    return RouteResponse::validation(
        QStringLiteral("%1 is missing").arg(field),
        QJsonObject{
            {QStringLiteral("detail"),
             QJsonArray{QJsonObject{{QStringLiteral("loc"), QJsonArray{where, field}},
                                    {QStringLiteral("msg"), QStringLiteral("Field required")},
                                    {QStringLiteral("type"), QStringLiteral("missing")}}}}});
}

RouteParam requestIdParam()
{
    return {WebhookPaths::RequestIdParam, QStringLiteral("query"),
            QStringLiteral("Put in the URL by this app, to match a call to its request")};
}

} // namespace

QList<Route> WebhooksResource::routes() const
{
    const QString tag = QStringLiteral("Twilio webhooks");
    const QString sid = QStringLiteral("CA0123456789abcdef0123456789abcdef");
    const QString signedNote =
        QStringLiteral(" Twilio calls this; the app gives Twilio its URL under PUBLIC_BASE_URL.");

    Route twimlRoute{HttpMethod::Post, WebhookPaths::Twiml, Route::Access::TwilioWebhook,
                     QStringLiteral("TwiML that reads the task out and waits for a key"),
                     [this](const HttpRequest &r, const Responder &s) { twiml(r, s); }};
    twimlRoute.doc.tag = tag;
    twimlRoute.doc.description =
        QStringLiteral("Answers with <Say> of the task and a <Gather> of one key.") + signedNote;
    twimlRoute.doc.params = {
        {QStringLiteral("task_title"), QStringLiteral("query"), QStringLiteral("What to read out"),
         true, QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}},
         QStringLiteral("Database backup failed")},
        {QStringLiteral("task_id"), QStringLiteral("query"),
         QStringLiteral("The caller's reference")},
        requestIdParam(),
    };
    twimlRoute.doc.requestBodies = {
        twilioForm({QStringLiteral("CallSid")}, {QStringLiteral("CallStatus")},
                   QJsonObject{{QStringLiteral("CallSid"), sid},
                               {QStringLiteral("CallStatus"), QStringLiteral("in-progress")}})};
    twimlRoute.doc.responses = {
        // Written by the same code that answers Twilio, so the example is what Twilio gets.
        twimlAnswer(QStringLiteral("TwiML for the call"),
                    QString::fromUtf8(VoicePrompts::taskPrompt(
                        QStringLiteral("Database backup failed"),
                        QStringLiteral("https://example.com/notifications/call/gather")))),
        missing(QStringLiteral("query"), QStringLiteral("task_title")),
    };

    Route gatherRoute{HttpMethod::Post, WebhookPaths::Gather, Route::Access::TwilioWebhook,
                      QStringLiteral("The key the callee pressed, or none"),
                      [this](const HttpRequest &r, const Responder &s) { gather(r, s); }};
    gatherRoute.doc.tag = tag;
    gatherRoute.doc.description =
        QStringLiteral("Digits=1 acknowledges the task; the answer is TwiML thanking the callee "
                       "or saying it was not acknowledged.") +
        signedNote;
    gatherRoute.doc.params = {{QStringLiteral("task_id"), QStringLiteral("query"),
                               QStringLiteral("The caller's reference")},
                              requestIdParam()};
    gatherRoute.doc.requestBodies = {
        twilioForm({QStringLiteral("CallSid")}, {QStringLiteral("Digits")},
                   QJsonObject{{QStringLiteral("CallSid"), sid},
                               {QStringLiteral("Digits"), QStringLiteral("1")}})};
    gatherRoute.doc.responses = {
        twimlAnswer(QStringLiteral("TwiML: the acknowledgement, or that none came"),
                    QString::fromUtf8(VoicePrompts::gatherAnswer(true))),
        missing(QStringLiteral("body"), QStringLiteral("CallSid")),
        RouteResponse::detail(404, QStringLiteral("No call with this CallSid"),
                              QStringLiteral("Call not found")),
        RouteResponse::detail(503, QStringLiteral("The app is stopping; Twilio may retry"),
                              QStringLiteral("Shutting down: try again shortly")),
    };

    Route statusRoute{HttpMethod::Post, WebhookPaths::Status, Route::Access::TwilioWebhook,
                      QStringLiteral("Twilio's call status callbacks"),
                      [this](const HttpRequest &r, const Responder &s) { status(r, s); }};
    statusRoute.doc.tag = tag;
    statusRoute.doc.description =
        QStringLiteral("Each callback is stored as an event; repeats and callbacks older than "
                       "the stored status change nothing (result says which).") +
        signedNote;
    statusRoute.doc.params = {requestIdParam()};
    statusRoute.doc.requestBodies = {
        twilioForm({QStringLiteral("CallSid"), QStringLiteral("CallStatus")},
                   {QStringLiteral("SequenceNumber"), QStringLiteral("Timestamp"),
                    QStringLiteral("CallDuration"), QStringLiteral("ErrorCode"),
                    QStringLiteral("ErrorMessage")},
                   QJsonObject{{QStringLiteral("CallSid"), sid},
                               {QStringLiteral("CallStatus"), QStringLiteral("completed")},
                               {QStringLiteral("SequenceNumber"), QStringLiteral("3")},
                               {QStringLiteral("CallDuration"), QStringLiteral("14")}})};
    RouteResponse recorded;
    recorded.description = QStringLiteral("What the store made of the callback");
    QJsonObject result{{QStringLiteral("type"), QStringLiteral("string")}};
    result.insert(QStringLiteral("enum"),
                  QJsonArray{QStringLiteral("applied"), QStringLiteral("stale"),
                             QStringLiteral("duplicate"), QStringLiteral("unknown")});
    recorded.schema.schema =
        QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                    {QStringLiteral("required"),
                     QJsonArray{QStringLiteral("call_sid"), QStringLiteral("result")}},
                    {QStringLiteral("properties"),
                     QJsonObject{{QStringLiteral("call_sid"),
                                  QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
                                 {QStringLiteral("result"), result}}}};
    recorded.example = QJsonObject{{QStringLiteral("call_sid"), sid},
                                   {QStringLiteral("result"), QStringLiteral("applied")}};
    statusRoute.doc.responses = {
        recorded,
        missing(QStringLiteral("body"), QStringLiteral("CallStatus")),
        RouteResponse::detail(404, QStringLiteral("No call with this CallSid"),
                              QStringLiteral("Call not found")),
        RouteResponse::detail(503, QStringLiteral("The app is stopping; Twilio may retry"),
                              QStringLiteral("Shutting down: try again shortly")),
    };
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
