#include "simulator/SimulatedCall.h"

#include "base/LogCategories.h"
#include "calls/CallStatus.h"
#include "simulator/FaultPlan.h"
#include "simulator/SimulatedTime.h"
#include "simulator/WebhookSender.h"

#include <cmath>

namespace flux {

SimulatedCall::SimulatedCall(QString sid, qint64 number, SimulatedCallOrder order,
                             SimulatorAccount account, QObject *parent)
    : QObject(parent), m_order(std::move(order)), m_account(std::move(account)),
      m_behaviour(ScriptedNumbers::behaviourOf(m_order.to, m_order.callsBefore)),
      m_callbacks(new WebhookSender(m_account.webhooks, m_account.authToken,
                                    SimulatedTime::webhookTimeoutMs(m_account.clock->speed()),
                                    this))
{
    m_record.number = number;
    m_record.sid = std::move(sid);
    m_record.to = m_order.to;
    m_record.from = m_order.from;
    m_record.status = CallStatus::Queued;
    m_record.created = QDateTime::currentDateTimeUtc();
    m_record.updated = m_record.created;
    m_record.scripted = m_behaviour != ScriptedNumbers::Behaviour::Person;
    if (m_order.statusCallbackEvents.isEmpty() && !m_order.statusCallback.isEmpty())
        m_order.statusCallbackEvents = {QStringLiteral("completed")};
}

SimulatedCall::~SimulatedCall()
{
    for (SimulatorClock::Ticket *ticket : {&m_progress, &m_ringTimeout, &m_scriptedPress, &m_beep})
        m_account.clock->cancel(*ticket);
    for (SimulatorClock::Ticket &ticket : m_delayedCallbacks)
        m_account.clock->cancel(ticket);
}

void SimulatedCall::start()
{
    qCInfo(lcSim).noquote() << sid() << "queued to" << m_order.to;
    schedule(m_progress, SimulatedTime::DialMs, [this] { dial(); });
}

bool SimulatedCall::cancel()
{
    if (status() != CallStatus::Queued && status() != CallStatus::Ringing)
        return false;
    end(CallStatus::Canceled);
    return true;
}

bool SimulatedCall::complete()
{
    if (CallStatus::isFinal(status()))
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
    if (status() != CallStatus::Ringing || isScripted())
        return false;
    qCInfo(lcSim).noquote() << sid() << "answered at the phone";
    // The answer a phone without manualAnswer was about to give itself.
    m_account.clock->cancel(m_progress);
    answer();
    return true;
}

bool SimulatedCall::personDeclines()
{
    if (status() != CallStatus::Ringing || isScripted())
        return false;
    qCInfo(lcSim).noquote() << sid() << "declined at the phone";
    end(CallStatus::Busy);
    return true;
}

bool SimulatedCall::voicemailAnswers()
{
    if (status() != CallStatus::Ringing || isScripted())
        return false;
    qCInfo(lcSim).noquote() << sid() << "goes to voicemail at the phone";
    m_account.clock->cancel(m_progress);
    m_behaviour = ScriptedNumbers::Behaviour::Voicemail;
    answer();
    return true;
}

bool SimulatedCall::personHangsUp()
{
    if (status() != CallStatus::InProgress)
        return false;
    qCInfo(lcSim).noquote() << sid() << "hung up at the phone";
    end(CallStatus::Completed);
    return true;
}

bool SimulatedCall::isListening() const
{
    return m_session && m_session->isListening();
}

void SimulatedCall::dial()
{
    m_record.started = QDateTime::currentDateTimeUtc();
    // The resource stays "queued" while dialling: "initiated" exists only in callbacks.
    sendStatusCallback(QStringLiteral("initiated"), CallStatus::Initiated);
    setStatus(m_record.status);
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
    m_account.clock->cancel(m_ringTimeout);
    m_answered = QDateTime::currentDateTimeUtc();
    if (m_behaviour == ScriptedNumbers::Behaviour::Voicemail) {
        m_record.machine = SimulatedCallView::Voicemail;
        schedule(m_beep, SimulatedTime::VoicemailGreetingMs + SimulatedTime::VoicemailBeepMs,
                 [this] {
                     qCInfo(lcSim).noquote() << sid() << "voicemail beeps and records";
                     m_recording = true;
                 });
    } else if (m_behaviour == ScriptedNumbers::Behaviour::Fax) {
        m_record.machine = SimulatedCallView::Fax;
    }
    setStatus(CallStatus::InProgress);
    if (m_order.machineDetection == MachineDetection::Mode::Off) {
        runTwiml({});
        return;
    }
    // Twilio listens first: the app hears of the answer, and its TwiML runs, only once
    // detection has decided.
    const MachineDetection::Verdict verdict = MachineDetection::verdict(
        m_order.machineDetection, m_behaviour, m_order.machineDetectionTimeoutSeconds);
    schedule(m_progress, verdict.afterMs, [this, verdict] {
        qCInfo(lcSim).noquote() << sid() << "answered by" << verdict.answeredBy;
        m_record.answeredBy = verdict.answeredBy;
        Q_EMIT changed();
        runTwiml({{QStringLiteral("AnsweredBy"), verdict.answeredBy},
                  {QStringLiteral("MachineDetectionDuration"), QString::number(verdict.afterMs)}});
    });
}

void SimulatedCall::runTwiml(const FormParams &detected)
{
    sendStatusCallback(QStringLiteral("answered"), CallStatus::InProgress);

    m_session = new VoiceSession(m_account.webhooks, m_account.authToken, m_account.clock,
                                 callParams(CallStatus::InProgress), this);
    connect(m_session, &VoiceSession::said, this, &SimulatedCall::onSaid);
    connect(m_session, &VoiceSession::keyPressed, this, [this](const QString &key) {
        m_record.digits += key;
        Q_EMIT changed();
    });
    connect(m_session, &VoiceSession::listeningChanged, this, &SimulatedCall::onListeningChanged);
    connect(m_session, &VoiceSession::ended, this,
            [this](const QString &error) { end(CallStatus::Completed, error); });
    if (m_order.url.isEmpty())
        m_session->startWithTwiml(m_order.twiml);
    else
        m_session->startWithUrl(m_order.url, m_order.method, detected);
}

void SimulatedCall::onSaid(const QString &text, const QString &language)
{
    m_record.transcript.append(text);
    m_record.transcriptLanguages.append(language);
    qCDebug(lcSim).noquote() << sid() << "says, in" << language << text;
    // A sentence begun during the greeting is lost to the voicemail, as on a real one.
    if (m_recording) {
        m_record.recorded.append(text);
        qCInfo(lcSim).noquote() << sid() << "voicemail records" << text;
    }
    Q_EMIT changed();
}

void SimulatedCall::onListeningChanged(bool listening)
{
    m_account.clock->cancel(m_scriptedPress);
    if (!listening) {
        Q_EMIT changed();
        return;
    }
    const QString key = ScriptedNumbers::scriptedKey(m_behaviour, m_gathersHeard++);
    if (!key.isEmpty()) {
        schedule(m_scriptedPress, SimulatedTime::ScriptedPressMs, [this, key] {
            if (m_session)
                m_session->press(key);
        });
    }
    Q_EMIT changed();
}

void SimulatedCall::end(const QString &finalStatus, const QString &error)
{
    if (CallStatus::isFinal(status()))
        return;
    for (SimulatorClock::Ticket *ticket : {&m_progress, &m_ringTimeout, &m_scriptedPress, &m_beep})
        m_account.clock->cancel(*ticket);
    if (m_session) {
        // May be running its own signal: let it return before it goes.
        m_session->stop();
        m_session->deleteLater();
        m_session = nullptr;
    }
    m_record.ended = QDateTime::currentDateTimeUtc();
    m_record.durationSeconds =
        m_answered.isValid() ? int(std::llround(m_answered.msecsTo(m_record.ended) / 1000.0)) : 0;
    if (!error.isEmpty())
        m_record.error = error;
    qCInfo(lcSim).noquote() << sid() << "ended" << finalStatus << "after"
                            << m_record.durationSeconds << "s";
    setStatus(finalStatus);
    sendStatusCallback(QStringLiteral("completed"), finalStatus);
    // A reordered callback still waiting goes now: nothing else will follow it.
    if (auto held = std::exchange(m_heldCallback, {}))
        held();
    if (isSettled())
        Q_EMIT settled();
}

bool SimulatedCall::isSettled() const
{
    return CallStatus::isFinal(status()) && m_webhooksPending == 0;
}

void SimulatedCall::webhookDone()
{
    --m_webhooksPending;
    if (isSettled())
        Q_EMIT settled();
}

void SimulatedCall::setStatus(const QString &status)
{
    m_record.status = status;
    m_record.updated = QDateTime::currentDateTimeUtc();
    Q_EMIT changed();
}

FormParams SimulatedCall::callParams(const QString &callStatus) const
{
    return {{QStringLiteral("AccountSid"), m_account.accountSid},
            {QStringLiteral("ApiVersion"), SimulatedCallRecord::ApiVersion},
            {QStringLiteral("CallSid"), sid()},
            {QStringLiteral("CallStatus"), callStatus},
            {QStringLiteral("Called"), m_order.to},
            {QStringLiteral("Caller"), m_order.from},
            {QStringLiteral("Direction"), SimulatedCallRecord::OutboundApi},
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
    params.append({QStringLiteral("Timestamp"),
                   SimulatedCallRecord::twilioDate(QDateTime::currentDateTimeUtc())});
    // Twilio tells every status callback after detection decided who answered.
    if (!m_record.answeredBy.isEmpty())
        params.append({QStringLiteral("AnsweredBy"), m_record.answeredBy});
    if (event == QLatin1String("completed")) {
        const int seconds = m_record.durationSeconds;
        params.append({QStringLiteral("CallDuration"), QString::number(seconds)});
        // Duration is in minutes, rounded up, as Twilio bills.
        params.append({QStringLiteral("Duration"), QString::number((seconds + 59) / 60)});
    }
    // `after` runs once the app has answered (or failed to): a reordered callback waits for it.
    // The sender calls back only while it (and so this call) lives.
    const auto post = [this, params, callStatus](std::function<void()> after) {
        ++m_webhooksPending;
        m_callbacks->send(m_order.statusCallbackMethod, m_order.statusCallback, params,
                          [this, callStatus, after](const WebhookSender::Answer &answer) {
                              if (!answer.error.isEmpty())
                                  qCWarning(lcSim).noquote()
                                      << sid() << "status callback" << callStatus
                                      << "failed:" << answer.error;
                              if (after)
                                  after();
                              webhookDone();
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
    qCInfo(lcSim).noquote() << sid() << "status callback" << callStatus
                            << "disturbed:" << (fault.duplicate ? "duplicate" : "")
                            << (fault.reorder ? "reorder" : "") << fault.delayMs << "ms";
    const auto send = [post, duplicate = fault.duplicate](const std::function<void()> &after) {
        post(after);
        if (duplicate)
            post({}); // side by side, as when Twilio retries one it thinks was lost
    };
    const auto later = [this, send, delayMs = fault.delayMs](std::function<void()> after) {
        if (delayMs <= 0) {
            send(after);
            return;
        }
        ++m_webhooksPending; // on its way, so the call does not settle before it goes
        m_delayedCallbacks.append(m_account.clock->afterRealMs(delayMs, [this, send, after] {
            send(after);
            webhookDone();
        }));
    };
    // The final callback has no successor to wait for, so it is never held back.
    if (fault.reorder && !CallStatus::isFinal(callStatus) && !held)
        m_heldCallback = [later] { later({}); };
    else
        later(held);
}

void SimulatedCall::schedule(SimulatorClock::Ticket &ticket, qint64 simulatedMs,
                             std::function<void()> step)
{
    m_account.clock->cancel(ticket);
    ticket = m_account.clock->after(simulatedMs, std::move(step));
}

} // namespace flux
