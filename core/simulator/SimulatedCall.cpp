#include "simulator/SimulatedCall.h"

#include "base/LogCategories.h"
#include "calls/CallStatus.h"
#include "simulator/FaultPlan.h"
#include "simulator/SimulatedTime.h"
#include "simulator/WebhookSender.h"

#include <QJsonArray>
#include <QLocale>
#include <QTimer>

#include <cmath>

namespace flux {

namespace {
const QString ApiVersion = QStringLiteral("2010-04-01");
const QString OutboundApi = QStringLiteral("outbound-api");

// Twilio's dates: "Wed, 25 Nov 2026 19:31:44 +0000". Qt's RFC2822Date leaves out the weekday.
QString rfc2822(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss")) +
           QStringLiteral(" +0000");
}

QJsonValue rfc2822OrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(rfc2822(time)) : QJsonValue(QJsonValue::Null);
}

// "(415) 867-5309" for North American numbers, as Twilio's *_formatted fields show them.
QString formatted(const QString &number)
{
    if (number.size() == 12 && number.startsWith(QLatin1String("+1")))
        return QStringLiteral("(%1) %2-%3").arg(number.mid(2, 3), number.mid(5, 3), number.mid(8));
    return number;
}
} // namespace

SimulatedCall::SimulatedCall(QString sid, SimulatedCallOrder order, SimulatorAccount account,
                             QObject *parent)
    : QObject(parent), m_sid(std::move(sid)), m_order(std::move(order)),
      m_account(std::move(account)), m_behaviour(ScriptedNumbers::behaviourOf(m_order.to)),
      m_status(CallStatus::Queued), m_created(QDateTime::currentDateTimeUtc()),
      m_updated(m_created),
      m_callbacks(new WebhookSender(m_account.webhooks, m_account.authToken,
                                    SimulatedTime::webhookTimeoutMs(m_account.speed), this)),
      m_progress(new QTimer(this)), m_ringTimeout(new QTimer(this)),
      m_scriptedPress(new QTimer(this))
{
    for (QTimer *timer : {m_progress, m_ringTimeout, m_scriptedPress})
        timer->setSingleShot(true);
    if (m_order.statusCallbackEvents.isEmpty() && !m_order.statusCallback.isEmpty())
        m_order.statusCallbackEvents = {QStringLiteral("completed")};
}

void SimulatedCall::start()
{
    qCInfo(lcSim).noquote() << m_sid << "queued to" << m_order.to;
    schedule(m_progress, SimulatedTime::DialMs, [this] { dial(); });
}

bool SimulatedCall::cancel()
{
    if (m_status != CallStatus::Queued && m_status != CallStatus::Ringing)
        return false;
    end(CallStatus::Canceled);
    return true;
}

bool SimulatedCall::complete()
{
    if (CallStatus::isFinal(m_status))
        return false;
    end(CallStatus::Completed);
    return true;
}

VoiceSession::PressResult SimulatedCall::press(const QString &digits)
{
    if (!VoiceSession::areKeys(digits))
        return VoiceSession::PressResult::InvalidDigits;
    if (!m_session)
        return VoiceSession::PressResult::NotListening;
    return m_session->press(digits);
}

bool SimulatedCall::personAnswers()
{
    if (m_status != CallStatus::Ringing || isScripted())
        return false;
    qCInfo(lcSim).noquote() << m_sid << "answered at the phone";
    m_progress->stop(); // the answer a phone without manualAnswer was about to give itself
    answer();
    return true;
}

bool SimulatedCall::personDeclines()
{
    if (m_status != CallStatus::Ringing || isScripted())
        return false;
    qCInfo(lcSim).noquote() << m_sid << "declined at the phone";
    end(CallStatus::Busy);
    return true;
}

bool SimulatedCall::personHangsUp()
{
    if (m_status != CallStatus::InProgress)
        return false;
    qCInfo(lcSim).noquote() << m_sid << "hung up at the phone";
    end(CallStatus::Completed);
    return true;
}

bool SimulatedCall::isListening() const
{
    return m_session && m_session->isListening();
}

void SimulatedCall::dial()
{
    m_started = QDateTime::currentDateTimeUtc();
    // The resource stays "queued" while dialling: "initiated" exists only in callbacks.
    sendStatusCallback(QStringLiteral("initiated"), CallStatus::Initiated);
    setStatus(m_status);
    schedule(m_progress, SimulatedTime::RingMs, [this] {
        if (m_behaviour == ScriptedNumbers::Behaviour::Fails)
            end(CallStatus::Failed);
        else if (m_behaviour == ScriptedNumbers::Behaviour::Busy)
            end(CallStatus::Busy);
        else
            ring();
    });
}

void SimulatedCall::ring()
{
    setStatus(CallStatus::Ringing);
    sendStatusCallback(QStringLiteral("ringing"), CallStatus::Ringing);
    schedule(m_ringTimeout, qint64(m_order.timeoutSeconds) * 1000,
             [this] { end(CallStatus::NoAnswer); });
    const bool waitsForPerson = m_account.manualAnswer && !isScripted();
    if (m_behaviour != ScriptedNumbers::Behaviour::NeverAnswers && !waitsForPerson)
        schedule(m_progress, SimulatedTime::AnswerAfterRingingMs, [this] { answer(); });
}

void SimulatedCall::answer()
{
    m_ringTimeout->stop();
    m_answered = QDateTime::currentDateTimeUtc();
    setStatus(CallStatus::InProgress);
    sendStatusCallback(QStringLiteral("answered"), CallStatus::InProgress);

    m_session = new VoiceSession(m_account.webhooks, m_account.authToken, m_account.speed,
                                 callParams(CallStatus::InProgress), this);
    connect(m_session, &VoiceSession::said, this,
            [this](const QString &text, const QString &language) {
                m_transcript.append(text);
                m_transcriptLanguages.append(language);
                qCDebug(lcSim).noquote() << m_sid << "says, in" << language << text;
                Q_EMIT changed();
            });
    connect(m_session, &VoiceSession::keyPressed, this, [this](const QString &key) {
        m_digits += key;
        Q_EMIT changed();
    });
    connect(m_session, &VoiceSession::listeningChanged, this, &SimulatedCall::onListeningChanged);
    connect(m_session, &VoiceSession::ended, this,
            [this](const QString &error) { end(CallStatus::Completed, error); });
    if (m_order.url.isEmpty())
        m_session->startWithTwiml(m_order.twiml);
    else
        m_session->startWithUrl(m_order.url, m_order.method);
}

void SimulatedCall::onListeningChanged(bool listening)
{
    m_scriptedPress->stop();
    const QString key = ScriptedNumbers::scriptedKey(m_behaviour);
    if (listening && !key.isEmpty()) {
        schedule(m_scriptedPress, SimulatedTime::ScriptedPressMs, [this, key] {
            if (m_session)
                m_session->press(key);
        });
    }
    Q_EMIT changed();
}

void SimulatedCall::end(const QString &finalStatus, const QString &error)
{
    if (CallStatus::isFinal(m_status))
        return;
    for (QTimer *timer : {m_progress, m_ringTimeout, m_scriptedPress})
        timer->stop();
    if (m_session) {
        // May be running its own signal: let it return before it goes.
        m_session->stop();
        m_session->deleteLater();
        m_session = nullptr;
    }
    m_ended = QDateTime::currentDateTimeUtc();
    m_durationSeconds =
        m_answered.isValid() ? int(std::llround(m_answered.msecsTo(m_ended) / 1000.0)) : 0;
    if (!error.isEmpty())
        m_error = error;
    qCInfo(lcSim).noquote() << m_sid << "ended" << finalStatus << "after" << m_durationSeconds
                            << "s";
    setStatus(finalStatus);
    sendStatusCallback(QStringLiteral("completed"), finalStatus);
    // A reordered callback still waiting goes now: nothing else will follow it.
    if (auto held = std::exchange(m_heldCallback, {}))
        held();
}

void SimulatedCall::setStatus(const QString &status)
{
    m_status = status;
    m_updated = QDateTime::currentDateTimeUtc();
    Q_EMIT changed();
}

FormParams SimulatedCall::callParams(const QString &callStatus) const
{
    return {{QStringLiteral("AccountSid"), m_account.accountSid},
            {QStringLiteral("ApiVersion"), ApiVersion},
            {QStringLiteral("CallSid"), m_sid},
            {QStringLiteral("CallStatus"), callStatus},
            {QStringLiteral("Called"), m_order.to},
            {QStringLiteral("Caller"), m_order.from},
            {QStringLiteral("Direction"), OutboundApi},
            {QStringLiteral("From"), m_order.from},
            {QStringLiteral("To"), m_order.to}};
}

void SimulatedCall::sendStatusCallback(const QString &event, const QString &callStatus)
{
    if (m_order.statusCallback.isEmpty() || !m_order.statusCallbackEvents.contains(event))
        return;
    FormParams params = callParams(callStatus);
    params.append({QStringLiteral("CallbackSource"), QStringLiteral("call-progress-events")});
    params.append({QStringLiteral("SequenceNumber"), QString::number(m_nextSequence++)});
    params.append({QStringLiteral("Timestamp"), rfc2822(QDateTime::currentDateTimeUtc())});
    if (event == QLatin1String("completed")) {
        params.append({QStringLiteral("CallDuration"), QString::number(m_durationSeconds)});
        // Duration is in minutes, rounded up, as Twilio bills.
        params.append({QStringLiteral("Duration"), QString::number((m_durationSeconds + 59) / 60)});
    }
    // `after` runs once the app has answered (or failed to): a reordered callback waits for it.
    const QString sid = m_sid;
    const auto post = [this, sid, params, callStatus](std::function<void()> after) {
        m_callbacks->send(m_order.statusCallbackMethod, m_order.statusCallback, params,
                          [sid, callStatus, after](const WebhookSender::Answer &answer) {
                              if (!answer.error.isEmpty())
                                  qCWarning(lcSim).noquote()
                                      << sid << "status callback" << callStatus
                                      << "failed:" << answer.error;
                              if (after)
                                  after();
                          });
    };
    auto held = std::exchange(m_heldCallback, {});
    const std::optional<FaultPlan::CallbackFault> planned =
        m_account.faults ? m_account.faults->nextCallback() : std::nullopt;
    if (!planned.has_value()) {
        post(held);
        return;
    }
    const FaultPlan::CallbackFault fault = planned.value();
    qCInfo(lcSim).noquote() << m_sid << "status callback" << callStatus
                            << "disturbed:" << (fault.duplicate ? "duplicate" : "")
                            << (fault.reorder ? "reorder" : "") << fault.delayMs << "ms";
    const auto send = [post, duplicate = fault.duplicate](const std::function<void()> &after) {
        post(after);
        if (duplicate)
            post({}); // side by side, as when Twilio retries one it thinks was lost
    };
    const auto later = [this, send, delayMs = fault.delayMs](std::function<void()> after) {
        if (delayMs > 0)
            QTimer::singleShot(delayMs, this, [send, after] { send(after); });
        else
            send(after);
    };
    // The final callback has no successor to wait for, so it is never held back.
    if (fault.reorder && !CallStatus::isFinal(callStatus) && !held)
        m_heldCallback = [later] { later({}); };
    else
        later(held);
}

void SimulatedCall::schedule(QTimer *timer, int simulatedMs, std::function<void()> step)
{
    timer->disconnect(this);
    connect(timer, &QTimer::timeout, this, std::move(step));
    timer->start(SimulatedTime::scaled(simulatedMs, m_account.speed));
}

QJsonObject SimulatedCall::resourceJson() const
{
    const QString uriBase =
        QStringLiteral("/2010-04-01/Accounts/%1/Calls/%2").arg(m_account.accountSid, m_sid);
    // Each name with its file spelled out, not derived (split, capitalise, join) on every create,
    // where that was a third of this function's cost; in key order, so each insert appends.
    static const std::pair<QLatin1String, QLatin1String> Subresources[] = {
        {QLatin1String("events"), QLatin1String("/Events.json")},
        {QLatin1String("notifications"), QLatin1String("/Notifications.json")},
        {QLatin1String("payments"), QLatin1String("/Payments.json")},
        {QLatin1String("recordings"), QLatin1String("/Recordings.json")},
        {QLatin1String("siprec"), QLatin1String("/Siprec.json")},
        {QLatin1String("streams"), QLatin1String("/Streams.json")},
        {QLatin1String("transcriptions"), QLatin1String("/Transcriptions.json")},
        {QLatin1String("user_defined_message_subscriptions"),
         QLatin1String("/UserDefinedMessageSubscriptions.json")},
        {QLatin1String("user_defined_messages"), QLatin1String("/UserDefinedMessages.json")}};
    QJsonObject subresources;
    for (const auto &[key, file] : Subresources)
        subresources.insert(key, uriBase + file);
    const QJsonValue null(QJsonValue::Null);
    const bool ended = CallStatus::isFinal(m_status);
    return QJsonObject{
        {QStringLiteral("account_sid"), m_account.accountSid},
        {QStringLiteral("annotation"), null},
        {QStringLiteral("answered_by"), null},
        {QStringLiteral("api_version"), ApiVersion},
        {QStringLiteral("caller_name"), null},
        {QStringLiteral("date_created"), rfc2822(m_created)},
        {QStringLiteral("date_updated"), rfc2822(m_updated)},
        {QStringLiteral("direction"), OutboundApi},
        {QStringLiteral("duration"), ended ? QJsonValue(QString::number(m_durationSeconds)) : null},
        {QStringLiteral("end_time"), rfc2822OrNull(m_ended)},
        {QStringLiteral("forwarded_from"), null},
        {QStringLiteral("from"), m_order.from},
        {QStringLiteral("from_formatted"), formatted(m_order.from)},
        {QStringLiteral("group_sid"), null},
        {QStringLiteral("parent_call_sid"), null},
        {QStringLiteral("phone_number_sid"), m_account.phoneNumberSid},
        {QStringLiteral("price"), null},
        {QStringLiteral("price_unit"), QStringLiteral("USD")},
        {QStringLiteral("queue_time"), QStringLiteral("0")},
        {QStringLiteral("sid"), m_sid},
        {QStringLiteral("start_time"), rfc2822OrNull(m_started)},
        {QStringLiteral("status"), m_status},
        {QStringLiteral("subresource_uris"), subresources},
        {QStringLiteral("to"), m_order.to},
        {QStringLiteral("to_formatted"), formatted(m_order.to)},
        {QStringLiteral("trunk_sid"), null},
        {QStringLiteral("uri"), uriBase + QStringLiteral(".json")},
    };
}

SimulatedCallView SimulatedCall::view() const
{
    SimulatedCallView view;
    view.sid = m_sid;
    view.from = m_order.from;
    view.to = m_order.to;
    view.status = m_status;
    view.transcript = m_transcript;
    view.transcriptLanguages = m_transcriptLanguages;
    view.digits = m_digits;
    view.ringing = m_status == CallStatus::Ringing;
    view.listening = isListening();
    view.scripted = isScripted();
    view.error = m_error;
    view.created = m_created;
    return view;
}

QJsonObject SimulatedCall::controlJson() const
{
    return QJsonObject{
        {QStringLiteral("sid"), m_sid},
        {QStringLiteral("to"), m_order.to},
        {QStringLiteral("from"), m_order.from},
        {QStringLiteral("status"), m_status},
        {QStringLiteral("transcript"), QJsonArray::fromStringList(m_transcript)},
        {QStringLiteral("transcript_languages"), QJsonArray::fromStringList(m_transcriptLanguages)},
        {QStringLiteral("digits"), m_digits},
        {QStringLiteral("listening"), isListening()},
        {QStringLiteral("error"),
         m_error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m_error)},
    };
}

} // namespace flux
