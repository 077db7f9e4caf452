// SimulatedCall: one outbound call on the simulated network: it dials, rings, is answered (or
// not), runs the app's TwiML and reports each step to the app's status callback.
#pragma once

#include "simulator/MachineDetection.h"
#include "simulator/ScriptedNumbers.h"
#include "simulator/SimulatedCallRecord.h"
#include "simulator/SimulatedTime.h"
#include "simulator/SimulatorClock.h"
#include "simulator/VoiceSession.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace flux {

class FaultPlan;
class WebhookDispatcher;
class WebhookSender;

// What a create request asked for, already validated.
struct SimulatedCallOrder
{
    QString to;
    QString from;
    QString url; // empty when twiml is given
    QString method = QStringLiteral("POST");
    QByteArray twiml;
    QString statusCallback;
    QString statusCallbackMethod = QStringLiteral("POST");
    QStringList statusCallbackEvents; // initiated, ringing, answered, completed
    int timeoutSeconds = 60;          // how long the phone may ring
    MachineDetection::Mode machineDetection = MachineDetection::Mode::Off;
    // "unknown" when detection takes longer.
    int machineDetectionTimeoutSeconds = SimulatedTime::DefaultMachineDetectionTimeoutSeconds;
    // Calls the simulator placed to `to` before this one (set by the simulator, not Twilio's
    // API): some scripted phones behave differently the second time.
    int callsBefore = 0;
};

// The simulated account a call belongs to and the means to reach the app.
struct SimulatorAccount
{
    QString accountSid;
    QByteArray authToken;
    QString phoneNumberSid;
    SimulatorClock *clock = nullptr; // every step waits on it; it knows the speed
    // A non-scripted phone rings until a person answers or declines it (or the ring Timeout
    // passes) instead of answering by itself.
    bool manualAnswer = false;
    WebhookDispatcher *webhooks = nullptr;
    FaultPlan *faults = nullptr; // what to do to status callbacks; may be null
};

class SimulatedCall : public QObject
{
    Q_OBJECT
public:
    // `number`: the nth call placed since the simulator started.
    SimulatedCall(QString sid, qint64 number, SimulatedCallOrder order, SimulatorAccount account,
                  QObject *parent = nullptr);
    // Drops the steps still waiting on the clock; aborts the webhooks still out.
    ~SimulatedCall() override;

    void start();
    // Status=canceled ends a queued or ringing call; false when it is past that.
    bool cancel();
    // Status=completed ends any call that has not ended; false when it already has.
    bool complete();
    VoiceSession::PressResult press(const QString &digits);
    // The phone's own buttons. Answer and decline are for a person at a non-scripted number
    // while it rings (a scripted phone plays its part by itself); declining ends the call
    // "busy", as Twilio reports a rejected call. Hang up ends an answered call "completed".
    // Each is false when the call is not in the state its button is for.
    bool personAnswers();
    bool personDeclines();
    bool personHangsUp();
    // The person lets a ringing non-scripted call go to voicemail: a voicemail answers it at
    // once and from then on the call is what the voicemail number's would be.
    bool voicemailAnswers();

    const QString &sid() const { return m_record.sid; }
    const QString &status() const { return m_record.status; }
    bool isListening() const;
    bool isScripted() const { return m_record.scripted; }
    // What the simulator tells about the call; all it keeps once the call has settled.
    const SimulatedCallRecord &record() const { return m_record; }
    SimulatedCallView view() const { return m_record.view(isListening()); }
    // The call has ended and every status callback it sent has been answered or has failed,
    // so nothing about it can change any more.
    bool isSettled() const;

Q_SIGNALS:
    void changed();
    // isSettled() has become true. Emitted from inside the call: act on it queued.
    void settled();

private:
    void dial();
    void ring();
    void answer();
    // Detection has decided (or is off): the app hears "answered" and its TwiML runs.
    void runTwiml(const FormParams &detected);
    void onSaid(const QString &text, const QString &language);
    void end(const QString &finalStatus, const QString &error = {});
    void setStatus(const QString &status);
    void sendStatusCallback(const QString &event, const QString &callStatus);
    FormParams callParams(const QString &callStatus) const;
    void onListeningChanged(bool listening);
    void schedule(SimulatorClock::Ticket &ticket, qint64 simulatedMs, std::function<void()> step);
    // A status callback has been answered (or has failed) or a delayed one has gone out.
    void webhookDone();

    SimulatedCallOrder m_order;
    SimulatorAccount m_account;
    ScriptedNumbers::Behaviour m_behaviour;
    SimulatedCallRecord m_record;
    QDateTime m_answered; // invalid until answered
    int m_nextSequence = 0;
    // Status callbacks not yet answered, counting those a fault delays: the call settles at 0.
    int m_webhooksPending = 0;
    WebhookSender *m_callbacks;
    std::function<void()> m_heldCallback; // a reordered callback, sent after the next one
    QPointer<VoiceSession> m_session;
    SimulatorClock::Ticket m_progress;      // the next step of dialling, ringing, answering
    SimulatorClock::Ticket m_ringTimeout;   // no-answer once the order's Timeout has passed
    SimulatorClock::Ticket m_scriptedPress; // a scripted phone's key, once a <Gather> listens
    SimulatorClock::Ticket m_beep;          // a voicemail's beep, after which it records
    int m_gathersHeard = 0;                 // <Gather>s that have listened so far
    bool m_recording = false;               // a voicemail has beeped and records what is said
    QList<SimulatorClock::Ticket> m_delayedCallbacks; // status callbacks a fault holds back
};

} // namespace flux
