#include "api/WebhooksResource.h"

#include "api/ValidationError.h"
#include "base/LogCategories.h"
#include "calls/CallService.h"
#include "calls/CallStore.h"
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
    // Unknown calls are adopted, so 404 is left for one that could not be. A store failure is
    // 500 and shutting down 503: nothing was written, so a retry by Twilio is safe.
    switch (error.kind) {
    case CallError::Kind::UnknownCall:
        return HttpResponse::detail(HttpStatus::NotFound, error.message);
    case CallError::Kind::Unavailable:
        return HttpResponse::detail(HttpStatus::ServiceUnavailable, error.message);
    default:
        return HttpResponse::detail(HttpStatus::InternalServerError, error.message);
    }
}

// What the webhook says of its call: the request_id our own URLs carry (see
// CallService::placeCall), the task our TwiML and gather URLs carry, and Twilio's To and From.
CallService::WebhookCall webhookCall(const HttpRequest &request)
{
    CallService::WebhookCall call;
    call.requestId = FormEncoding::value(request.queryForm, WebhookPaths::RequestIdParam);
    call.taskTitle = FormEncoding::value(request.queryForm, QStringLiteral("task_title"));
    call.taskId = FormEncoding::value(request.queryForm, QStringLiteral("task_id"));
    call.to = FormEncoding::value(request.form, QStringLiteral("To"));
    call.from = FormEncoding::value(request.form, QStringLiteral("From"));
    return call;
}

// The callee's language the URL carries on, when the desk speaks it; else empty.
QString languageParam(const FormParams &query)
{
    const QString language = FormEncoding::value(query, WebhookPaths::LanguageParam);
    return VoicePrompts::isSupported(language) ? language : QString();
}

// The speech for this call: the desk's, in the callee's language when the URL names one.
VoicePrompts::Speech speechFor(const FormParams &query, VoicePrompts::Speech speech)
{
    if (const QString language = languageParam(query); !language.isEmpty())
        speech.language = language;
    return speech;
}

bool passOnOffered(const FormParams &query)
{
    return FormEncoding::value(query, WebhookPaths::PassOnParam) == QLatin1String("1");
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
    // With machine detection on, Twilio says who answered: a machine hears no menu.
    const QString sid = FormEncoding::value(request.form, QStringLiteral("CallSid"));
    const QString answeredBy = FormEncoding::value(request.form, QStringLiteral("AnsweredBy"));
    const VoicePrompts::Speech speech = speechFor(query, m_speech);
    const bool passOn = passOnOffered(query);
    QByteArray answer;
    if (AnsweredBy::isFax(answeredBy) || answeredBy == AnsweredBy::MachineStart)
        answer = VoicePrompts::hangUp(); // a fax, or a greeting still playing: no message
    else if (AnsweredBy::isMachine(answeredBy))
        answer = VoicePrompts::voicemailMessage(title, speech); // after the beep
    else if (const QByteArray closed = closedNotice(requestId, sid, speech); !closed.isEmpty())
        answer = closed; // someone else acknowledged it first, or it was canceled
    else
        answer = VoicePrompts::taskPrompt(
            title, m_calls->gatherUrl(title, taskId, requestId, 1, 1, languageParam(query), passOn),
            speech, passOn);
    if (sid.isEmpty() || answeredBy.isEmpty())
        return responder.send(HttpResponse::twiml(answer));
    m_calls->recordAnsweredBy(
        sid, answeredBy, webhookCall(request), [responder, sid, answer](const auto &result) {
            // Whoever answered hears what is right for them even if the store failed: the
            // outcome is the store's, and a machine is never given a <Gather>.
            if (!result) {
                qCWarning(lcApi).noquote()
                    << "call" << sid << "AnsweredBy not stored:" << result.error().message;
            }
            responder.send(HttpResponse::twiml(answer));
        });
}

void WebhooksResource::gather(const HttpRequest &request, const Responder &responder) const
{
    const QString sid = FormEncoding::value(request.form, QStringLiteral("CallSid"));
    if (sid.isEmpty())
        return responder.send(missingField(QStringLiteral("body"), QStringLiteral("CallSid")));
    const QString digits = FormEncoding::value(request.form, QStringLiteral("Digits"));
    const FormParams &query = request.queryForm;
    const QString title = FormEncoding::value(query, QStringLiteral("task_title"));
    const QString taskId = FormEncoding::value(query, QStringLiteral("task_id"));
    const QString requestId = FormEncoding::value(query, WebhookPaths::RequestIdParam);
    const CalleeMenu::Turn turn{intOr(FormEncoding::value(query, WebhookPaths::RoundParam), 1),
                                intOr(FormEncoding::value(query, WebhookPaths::HeardParam), 1)};
    const VoicePrompts::Speech speech = speechFor(query, m_speech);
    const bool passOn = passOnOffered(query);
    // 2 passes the task on where the call offered it: someone is called next, at once.
    const bool passesOn = passOn && digits == VoicePrompts::PassOnDigit;
    CalleeMenu::Decision decision = m_menu.answer(digits, turn);
    if (passesOn)
        decision = CalleeMenu::Decision{CalleeMenu::Step::GiveUp, turn, QString()};
    // A gather URL without the title (one written before the menu) cannot read it again.
    if (decision.step == CalleeMenu::Step::Repeat && title.isEmpty())
        decision.step = CalleeMenu::Step::GiveUp;
    CallStore::Answer answer = CallStore::Answer::GiveUp;
    if (passesOn)
        answer = CallStore::Answer::PassOn;
    else if (decision.step == CalleeMenu::Step::Acknowledge)
        answer = CallStore::Answer::Acknowledge;
    else if (decision.step == CalleeMenu::Step::Repeat)
        answer = CallStore::Answer::Continue;
    const QString next = decision.step == CalleeMenu::Step::Repeat
                             ? m_calls->gatherUrl(title, taskId, requestId, decision.next.counted,
                                                  decision.next.heard, languageParam(query), passOn)
                             : QString();
    m_calls->recordGather(
        sid, digits, answer, webhookCall(request),
        [responder, decision, title, next, speech, passOn, passesOn](const auto &result) {
            if (!result)
                return responder.send(failure(result.error()));
            // Answer with what the call holds once this answer is on disk: an earlier "1" still
            // counts after a repeat or another key, and a machine's keys never do. The write's
            // result says so, without reading the call again.
            const CallStore::OutcomeResult stored = result.value();
            const bool acknowledged = CallStore::leavesAcknowledged(
                stored, decision.step == CalleeMenu::Step::Acknowledge);
            QByteArray twiml;
            if (passesOn && !acknowledged && stored == CallStore::OutcomeResult::Recorded)
                twiml = VoicePrompts::passedOn(speech);
            else if (decision.step == CalleeMenu::Step::Repeat && !acknowledged &&
                     stored != CallStore::OutcomeResult::MachineAnswered)
                twiml = VoicePrompts::repeatPrompt(title, next, speech, decision.heardKey, passOn);
            else
                twiml = VoicePrompts::goodbye(acknowledged, speech,
                                              acknowledged ? QString() : decision.heardKey);
            responder.send(HttpResponse::twiml(twiml));
        });
}

QByteArray WebhooksResource::closedNotice(const QString &requestId, const QString &callSid,
                                          const VoicePrompts::Speech &speech) const
{
    if (requestId.isEmpty())
        return {};
    // Its own fields only: this runs for every TwiML request a notification's call makes.
    const auto found = m_calls->store()->notificationOfRequest(requestId, false);
    if (!found || !found.value())
        return {};
    const Notification &n = *found.value();
    if (n.outcome == NotificationOutcome::Canceled)
        return VoicePrompts::canceled(speech);
    if (n.outcome != NotificationOutcome::Acknowledged || n.acknowledgedCallSid == callSid)
        return {};
    QString who = n.acknowledgedBy;
    if (const auto contact = m_calls->store()->contactByNumber(who); contact && contact.value())
        who = contact.value()->name;
    qCInfo(lcApi).noquote() << "call" << callSid << "told notification" << n.id
                            << "was acknowledged already";
    return VoicePrompts::alreadyAcknowledged(who, n.acknowledgedAt, speech);
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
    event.error = event.detail;
    event.answeredBy = FormEncoding::value(request.form, QStringLiteral("AnsweredBy"));
    event.receivedAt = QDateTime::currentDateTimeUtc();

    const QString sid = event.callSid;
    m_calls->recordStatus(event, webhookCall(request), [sid, responder](const auto &result) {
        if (!result)
            return responder.send(failure(result.error()));
        responder.send(HttpResponse::jsonStrings(
            HttpStatus::Ok, {{QLatin1String("call_sid"), sid},
                             {QLatin1String("result"), CallStore::resultName(result.value())}}));
    });
}

} // namespace flux
