// TwilioSimulator: a stand-in for Twilio on its own loopback port, reached only over HTTP: the
// app's TwilioClient calls its REST API as it would api.twilio.com, and it calls the app's
// webhooks, signed, as Twilio would.
#pragma once

#include "base/Result.h"
#include "net/Responder.h"
#include "simulator/EndedCallArchive.h"
#include "simulator/FaultPlan.h"
#include "simulator/SimulatedCall.h"
#include "simulator/SimulatedMessage.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QList>
#include <QObject>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace flux {

class ApiServer;
class SimulatorCallsResource;
class SimulatorControlResource;
class SimulatorMessagesResource;
class WebhookSender;
class DocsResource;
class SimulatorClock;
class WebhookDispatcher;

class TwilioSimulator : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QHostAddress address = QHostAddress::LocalHost;
        quint16 port = 0;   // 0: any free port
        double speed = 1.0; // simulated time runs this many times faster than real time
        // A non-scripted number rings until answer() or decline() (or its ring Timeout) instead
        // of answering by itself: someone plays the callee on a virtual phone.
        bool manualAnswer = false;
        // The account's auth token; empty: a random one. Set when a script (the benchmark)
        // must sign webhooks the way the simulator does.
        QByteArray authToken = {};
        // How many ended calls stay readable (REST fetch, GET /sim/calls, the virtual phone);
        // beyond it the call that ended longest ago is forgotten (404, as an unknown sid).
        int endedCallsKept = EndedCallArchive::DefaultCapacity;
    };

    explicit TwilioSimulator(Options options, QObject *parent = nullptr);
    // Ends every call without calling the app again and aborts requests in flight.
    ~TwilioSimulator() override;

    // Listens and makes up this run's account credentials; the error says why it could not.
    Result<quint16, QString> start();
    QString baseUrl() const;      // "http://127.0.0.1:<port>"
    QString accountSid() const;   // "AC" + 32 lowercase hex, new on each start
    QByteArray authToken() const; // 32 hex characters; a secret, never logged
    QString phoneNumber() const;  // the only From number calls may use
    QString phoneNumberSid() const { return m_phoneNumberSid; }
    double speed() const { return m_options.speed; }

    // The virtual phone's keypad: false when the call is unknown, no <Gather> listens, or
    // `digits` has a key a keypad lacks.
    bool pressDigits(const QString &callSid, const QString &digits);
    // The virtual phone's buttons: answer or decline (ends "busy") a ringing non-scripted call,
    // hang up an answered one (ends "completed"). False when the call is unknown or not in the
    // state the button is for.
    bool answer(const QString &callSid);
    bool decline(const QString &callSid);
    bool hangUp(const QString &callSid);
    // Lets a ringing non-scripted call go to voicemail: a voicemail answers it, greets, beeps
    // and records (SimulatedCallView::recorded). False when the call is unknown, scripted or
    // not ringing.
    bool sendToVoicemail(const QString &callSid);
    // What GET /sim/calls answers: every call since start that is still kept (every live one,
    // the latest Options::endedCallsKept ended ones), oldest placed first.
    QJsonArray callsJson() const;
    // The same calls as values, for views; and one call, or nullopt when the sid is unknown.
    QList<SimulatedCallView> calls() const;
    std::optional<SimulatedCallView> callView(const QString &callSid) const;
    bool manualAnswer() const { return m_options.manualAnswer; }

    // The texts (SMS) taken through the Messages resource, oldest first: what GET /sim/messages
    // and the virtual phone show.
    const QList<SimulatedMessage> &messages() const { return m_messages; }
    QList<SimulatedMessage> messagesTo(const QString &number) const;
    // For the Messages resource: keeps a new text, and moves one on (says messageChanged);
    // the text as it is now, or nullopt for an unknown sid.
    const SimulatedMessage &addMessage(const SimulatedMessage &message);
    std::optional<SimulatedMessage> setMessageStatus(const QString &sid, const QString &status,
                                                     const QString &errorCode = {});

    // The faults to inject (POST /sim/faults sets the same plan).
    FaultPlan &faults() { return m_faults; }

    // Calls kept whole, as SimulatedCall objects with their voice session and webhooks: those not
    // yet ended, and those whose status callbacks are still on their way. An ended call becomes
    // a small record once its callbacks are done.
    int liveCallCount() const { return int(m_live.size()); }
    // Ended calls kept as records, at most Options::endedCallsKept.
    int endedCallCount() const { return int(m_ended.size()); }

    // For the simulator's own resources. A call not yet settled, or null.
    SimulatedCall *liveCall(const QString &callSid) const;
    // Any call still kept, live or ended, or null when the sid is unknown or forgotten.
    const SimulatedCallRecord *record(const QString &callSid) const;
    // Every call still kept, live or ended, newest placed first: what Twilio's list answers.
    // Valid until the simulator next changes a call.
    std::vector<const SimulatedCallRecord *> records() const;
    SimulatedCall *placeCall(const SimulatedCallOrder &order);
    // Keeps a request unanswered (a "hang" fault) until the simulator stops.
    void holdUnanswered(const Responder &responder) { m_unanswered.append(responder); }

Q_SIGNALS:
    // A create placed a call; emitted before the create's answer is written.
    void callPlaced(const QString &callSid);
    void callChanged(const QString &callSid); // any state or transcript change
    // A text arrived at a virtual phone, or its status changed.
    void messageChanged(const QString &messageSid);

private:
    // A settled call gives up its object for its record.
    void retire(const QString &callSid);
    // Every call kept, oldest placed first, each with its live call (null once ended).
    std::vector<std::pair<const SimulatedCallRecord *, const SimulatedCall *>> kept() const;

    Options m_options;
    QString m_accountSid;
    QByteArray m_authToken;
    QString m_phoneNumberSid;
    ApiServer *m_server = nullptr;
    SimulatorClock *m_clock;
    WebhookDispatcher *m_webhooks;
    std::unique_ptr<SimulatorCallsResource> m_callsResource;
    std::unique_ptr<SimulatorControlResource> m_controlResource;
    WebhookSender *m_messageCallbacks = nullptr;
    std::unique_ptr<SimulatorMessagesResource> m_messagesResource;
    QList<SimulatedMessage> m_messages;
    std::unique_ptr<DocsResource> m_docsResource;
    QHash<QString, SimulatedCall *> m_live;
    EndedCallArchive m_ended;
    qint64 m_placed = 0;
    QHash<QString, int> m_callsTo; // calls placed to each number, for the scripted phones
    FaultPlan m_faults;
    QList<Responder> m_unanswered;
};

} // namespace flux
