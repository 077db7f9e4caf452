// VoiceSession: runs the TwiML of one answered call as Twilio does: fetches documents, speaks
// <Say>, waits out <Pause>, listens for keys in <Gather>, follows <Redirect>, ends on <Hangup>.
#pragma once

#include "net/FormEncoding.h"
#include "simulator/SimulatorClock.h"
#include "twilio/TwimlNode.h"

#include <QObject>

#include <functional>
#include <optional>
namespace flux {

class WebhookDispatcher;
class WebhookSender;

class VoiceSession : public QObject
{
    Q_OBJECT
public:
    enum class PressResult
    {
        Accepted,
        NotListening,
        InvalidDigits
    };

    // `callParams` are the voice webhook parameters every request carries (CallSid, From, ...).
    // Its pauses and time limits wait on `clock`, which must outlive it.
    VoiceSession(WebhookDispatcher *webhooks, const QByteArray &authToken, SimulatorClock *clock,
                 FormParams callParams, QObject *parent = nullptr);
    ~VoiceSession() override;

    // `extra`: what only the first request carries (AnsweredBy after machine detection).
    void startWithUrl(const QString &url, const QString &method, const FormParams &extra = {});
    void startWithTwiml(const QByteArray &twiml);
    // The call ended from outside (hung up through the REST API): nothing more is requested
    // and no more signals come.
    void stop();

    bool isListening() const;
    // Keys from the phone, in order: 0-9, * and #. Only a listening <Gather> takes them.
    PressResult press(const QString &digits);
    // Whether `digits` is one or more keys a phone's keypad has.
    static bool areKeys(const QString &digits);

Q_SIGNALS:
    // `language`: the <Say>'s language attribute, or Twilio's default en-US without one. Its
    // voice attribute (a Polly voice) changes nothing the simulator models.
    void said(const QString &text, const QString &language);
    void listeningChanged(bool listening);
    void keyPressed(const QString &key);
    // The document ended or hung up (`error` empty), or the app's TwiML could not be run.
    void ended(const QString &error);

private:
    struct Gather
    {
        QString action;
        QString method;
        int numDigits = 0; // 0: until finishOnKey or the timeout
        QString finishOnKey;
        int timeoutMs = 0;
        bool actionOnEmptyResult = false;
        bool dtmf = true;
        QList<TwimlNode> prompt; // nested <Say>/<Pause>, played while keys are taken
        qsizetype promptIndex = 0;
        bool prompting = true;
        QString digits;
    };

    void fetch(const QString &url, const QString &method, const FormParams &extra);
    void run(const QByteArray &xml, const QString &documentUrl);
    void next();
    void startGather(const TwimlNode &verb);
    void playPrompt();
    void finishGather(const QString &finishedOnKey);
    void wait(int simulatedMs, std::function<void()> then);
    void finish(const QString &error);
    int sayMs(const QString &text) const;
    static QString languageOf(const TwimlNode &say);
    int seconds(const TwimlNode &verb, const QString &attribute, int fallback) const;
    std::optional<QString> resolve(const QString &reference) const;

    WebhookSender *m_sender;
    SimulatorClock *m_clock;
    FormParams m_callParams;
    QString m_documentUrl; // where the running document came from; empty for inline TwiML
    QList<TwimlNode> m_verbs;
    qsizetype m_index = 0;
    std::optional<Gather> m_gather;
    SimulatorClock::Ticket m_wait; // what happens when the <Say>, <Pause> or time limit is over
    bool m_stopped = false;
};

} // namespace flux
