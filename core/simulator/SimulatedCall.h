// SimulatedCall: one outbound call on the simulated network: it dials, rings, is answered (or
// not), runs the app's TwiML and reports each step to the app's status callback.
#pragma once

#include "simulator/ScriptedNumbers.h"
#include "simulator/SimulatedCallView.h"
#include "simulator/VoiceSession.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

class QTimer;

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
};

// The simulated account a call belongs to and the means to reach the app.
struct SimulatorAccount
{
    QString accountSid;
    QByteArray authToken;
    QString phoneNumberSid;
    double speed = 1.0;
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
    SimulatedCall(QString sid, SimulatedCallOrder order, SimulatorAccount account,
                  QObject *parent = nullptr);

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

    const QString &sid() const { return m_sid; }
    const QString &status() const { return m_status; }
    bool isListening() const;
    bool isScripted() const { return m_behaviour != ScriptedNumbers::Behaviour::Person; }
    SimulatedCallView view() const;
    // The Call resource as Twilio's REST API answers it.
    QJsonObject resourceJson() const;
    // What the control API shows: the call as the simulated phone experiences it.
    QJsonObject controlJson() const;

Q_SIGNALS:
    void changed();

private:
    void dial();
    void ring();
    void answer();
    void end(const QString &finalStatus, const QString &error = {});
    void setStatus(const QString &status);
    void sendStatusCallback(const QString &event, const QString &callStatus);
    FormParams callParams(const QString &callStatus) const;
    void onListeningChanged(bool listening);
    void schedule(QTimer *timer, int simulatedMs, std::function<void()> step);

    QString m_sid;
    SimulatedCallOrder m_order;
    SimulatorAccount m_account;
    ScriptedNumbers::Behaviour m_behaviour;
    QString m_status;
    QDateTime m_created;
    QDateTime m_updated;
    QDateTime m_started;  // dialling began
    QDateTime m_answered; // invalid until answered
    QDateTime m_ended;
    int m_durationSeconds = -1;
    QStringList m_transcript;
    QStringList m_transcriptLanguages; // the language of each line of m_transcript
    QString m_digits;
    QString m_error;
    int m_nextSequence = 0;
    WebhookSender *m_callbacks;
    std::function<void()> m_heldCallback; // a reordered callback, sent after the next one
    QPointer<VoiceSession> m_session;
    QTimer *m_progress;      // the next step of dialling, ringing, answering
    QTimer *m_ringTimeout;   // no-answer once the order's Timeout has passed
    QTimer *m_scriptedPress; // a scripted phone's key, once a <Gather> listens
};

} // namespace flux
