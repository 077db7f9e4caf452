// EngineClient: the window's one door to the engine: typed queries and commands answered on the
// asker's thread, and the engine's signals, followed across restarts.
#pragma once

#include "base/Result.h"
#include "calls/CallRecord.h"
#include "calls/CallRequest.h"
#include "calls/CallStore.h"
#include "calls/Contact.h"
#include "calls/ContactCsv.h"
#include "calls/Notification.h"
#include "calls/NotificationService.h"
#include "calls/OutcomeEvent.h"
#include "config/Config.h"
#include "simulator/SimulatedCallView.h"
#include "simulator/SimulatedMessage.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace flux {

class CallService;
class Engine;
class EngineThread;

// Lives on the GUI thread and runs the engine on a thread of its own (EngineThread). Every query
// takes a `context` and a callback, as KeePassXC's AsyncTask::runThenCallback does: the work runs
// on the engine thread, the callback on the context's thread, and only if the context still
// exists by then. While no engine runs, queries are dropped unanswered; placeCall() and hangUp()
// answer CallError::Unavailable instead, so a form waiting on them is released.
class EngineClient : public QObject
{
    Q_OBJECT
public:
    // What a running engine is; fixed from its start to its stop.
    struct Facts
    {
        Config::Mode mode = Config::Mode::Simulator;
        QString language;      // the spoken prompts' language: "en", "de", ...
        QString listenUrl;     // the scripted API's address
        QString publicBaseUrl; // where Twilio (or the simulator) sends webhooks
        // A REST client to Twilio or the simulator exists; without one (live mode without
        // credentials) every call is refused.
        bool twilioConfigured = false;
        bool simulator = false; // the virtual phone has calls to show
        // Non-scripted simulated phones ring until a person answers or declines them.
        bool manualAnswer = false;
        // A new notification's pace unless it asks for another: FLUX_ATTEMPTS calls per number,
        // FLUX_RETRY_AFTER_SECONDS between them.
        int attempts = 1;
        int retryAfterSeconds = 120;
    };

    // One call as the store has it: nullopt when the sid is unknown.
    struct CallDetails
    {
        std::optional<CallRecord> call;
        QList<CallEvent> events;
    };

    enum class PhoneButton
    {
        Answer,
        Decline,
        HangUp,
        Voicemail, // lets a ringing call go to voicemail
    };

    template <typename R> using Callback = std::function<void(const R &)>;
    using CallCallback = Callback<Result<CallRecord, CallError>>;

    explicit EngineClient(QObject *parent = nullptr);
    ~EngineClient() override; // stops the engine

    // Builds and starts an engine for `config`, stopping the running one first; waits for the
    // result (a few ms: the store opens and the ports bind). engineStarted() follows a success.
    Result<void, ConfigError> start(const Config &config);
    // Stops the engine and waits for it; engineStopping() comes first.
    void stop();
    bool isRunning() const;
    // The running engine's facts; default values while none runs.
    const Facts &facts() const { return m_facts; }

    // The newest `limit` calls, newest first, appended one by one to a `Rows` on the engine
    // thread (anything with reserve(int) and append(const CallRecord &), e.g.
    // QList<CallRecord>), so a long history crosses threads once, already in the shape the
    // caller keeps. With the facts of the engine that read it.
    template <typename Rows>
    void recentCalls(int limit, QObject *context,
                     std::function<void(const Facts &, const Rows &)> done) const;
    // One call and everything that happened to it.
    void callDetails(const QString &sid, QObject *context, Callback<CallDetails> done) const;
    // Places a call as the API would; the answer comes once Twilio has answered the create.
    void placeCall(const CallRequest &request, QObject *context, CallCallback done) const;
    // Ends a call early: canceled while queued or ringing, completed once answered.
    void hangUp(const QString &sid, QObject *context, CallCallback done) const;

    // Notifications: what the Call button starts (one number or an escalation), and the
    // history of them, newest first, with their attempts.
    using NotificationResult = Result<Notification, CallError>;
    void placeNotification(const NotificationRequest &request, QObject *context,
                           Callback<NotificationResult> done) const;
    void cancelNotification(const QString &id, QObject *context,
                            Callback<NotificationResult> done) const;
    void notifications(CallStore::NotificationState state, int limit, QObject *context,
                       Callback<QList<Notification>> done) const;
    void notificationDetails(const QString &id, QObject *context,
                             Callback<std::optional<Notification>> done) const;
    // Where a closed notification's outcome webhook goes and how each try went.
    void outcomeDeliveries(const QString &notificationId, QObject *context,
                           Callback<QList<OutcomeDelivery>> done) const;
    // Sends its outcome event again, now, to every receiver.
    using DeliveriesResult = Result<QList<OutcomeDelivery>, CallError>;
    void deliverOutcomeAgain(const QString &notificationId, QObject *context,
                             Callback<DeliveriesResult> done) const;
    // Open notifications: asked before a restart or quit, which pauses them.
    void openNotificationCount(QObject *context, Callback<int> done) const;

    // The contact book and its escalation lists (CallStore's rules). A change that succeeds is
    // followed by contactsChanged(); while no engine runs, every one of these answers an error.
    template <typename R> using StoreCallback = Callback<Result<R, StoreError>>;
    void contacts(QObject *context, StoreCallback<QList<Contact>> done) const;
    void saveContact(const Contact &contact, QObject *context, StoreCallback<Contact> done);
    void removeContact(qint64 id, QObject *context, StoreCallback<bool> done);
    void escalationLists(QObject *context, StoreCallback<QList<EscalationList>> done) const;
    // `previousName` renames a list; empty: adds it, or replaces the one of that name.
    void saveEscalationList(const EscalationList &list, const QString &previousName,
                            QObject *context, StoreCallback<bool> done);
    void removeEscalationList(const QString &name, QObject *context, StoreCallback<bool> done);
    // A CSV file (ContactCsv) into the book, matched by number; its bad rows are reported, the
    // good ones stored in one write.
    struct ContactImport
    {
        int imported = 0;
        QList<ContactCsv::LineError> errors;
    };
    void importContacts(const QByteArray &csv, QObject *context, StoreCallback<ContactImport> done);
    void exportContacts(QObject *context, StoreCallback<QByteArray> done) const;

    // The virtual phone (simulator mode; in live mode the answers are empty or false). Every call
    // the simulator still keeps, oldest placed first; or only those of `sids` it still knows.
    void simulatedCalls(QObject *context, Callback<QList<SimulatedCallView>> done) const;
    void simulatedCalls(const QStringList &sids, QObject *context,
                        Callback<QList<SimulatedCallView>> done) const;
    // The texts the simulator took, newest first, at most `limit` (in live mode: none).
    void simulatedMessages(int limit, QObject *context,
                           Callback<QList<SimulatedMessage>> done) const;
    // False when the call is unknown or not in the state the button or the keys are for.
    void pressPhoneButton(const QString &sid, PhoneButton button, QObject *context,
                          Callback<bool> done) const;
    void pressPhoneKeys(const QString &sid, const QString &keys, QObject *context,
                        Callback<bool> done) const;

    // For app/ and tests that must reach what a window never does (the headless run, a
    // simulator's signing key); widgets use the queries above.
    EngineThread *engineThread() const { return m_thread; }

Q_SIGNALS:
    // After every successful start(), restarts included: facts() is the new engine's.
    void engineStarted();
    // Before the engine goes; nothing queried after this is answered by it.
    void engineStopping();

    // The engine's own signals, queued over from its thread. Some an engine emitted just before
    // it stopped may still arrive after engineStopping().
    void callPlaced(const flux::CallRecord &call);
    void callUpdated(const flux::CallRecord &call);
    void taskAcknowledged(const flux::CallRecord &call);
    // A notification was stored changed (created, an attempt placed or ended, closed).
    void notificationChanged(const flux::Notification &notification);
    // One was acknowledged, by the number in it and, when the contact book has them, `byName`.
    void notificationAcknowledged(const flux::Notification &notification, const QString &byName);
    // A try of a notification's outcome webhook was recorded.
    void outcomeDeliveryAttempted(const QString &notificationId);
    // A text about the notification was stored, answered by Twilio, or its status changed.
    void textMessageChanged(const QString &notificationId);
    void webhookAccepted(const QString &path);
    void webhookRejected(const QString &path, const QString &reason);
    void twilioReachabilityChanged(bool reachable);
    // A simulated call changed state or transcript (simulator mode only).
    void simulatedCallChanged(const QString &sid);
    // The simulator took a text or moved one on (simulator mode only).
    void simulatedMessageChanged(const QString &sid);
    // The contact book or an escalation list was changed through this client.
    void contactsChanged();

private:
    void follow(Engine *engine);
    // Runs a command of the engine (its call or notification service) on the engine thread,
    // answering `done` on `context`'s thread; answers CallError::Unavailable at once while no
    // engine runs.
    template <typename R>
    void engineCommand(QObject *context, Callback<Result<R, CallError>> done,
                       std::function<void(Engine &, Callback<Result<R, CallError>>)> command) const;
    // Runs `work` on the store on the engine thread, answering `done` on `context`'s thread;
    // answers an error at once while no engine runs.
    template <typename R>
    void storeRequest(QObject *context, std::function<Result<R, StoreError>(CallStore &)> work,
                      StoreCallback<R> done) const;
    // The same for a change: contactsChanged() follows a success, before `done` hears of it.
    template <typename R>
    void storeChange(QObject *context, std::function<Result<R, StoreError>(CallStore &)> work,
                     StoreCallback<R> done);
    void readRecentCalls(int limit, QObject *context, std::function<void(const CallRecord &)> add,
                         Callback<Facts> done) const;

    EngineThread *m_thread;
    Facts m_facts;
};

template <typename Rows>
void EngineClient::recentCalls(int limit, QObject *context,
                               std::function<void(const Facts &, const Rows &)> done) const
{
    // Filled on the engine thread and read on the context's after a queued hand-over, which
    // orders the two; never touched by both at once.
    auto rows = std::make_shared<Rows>();
    // A long history: about one call in 16 of the limit is a good first guess.
    rows->reserve(limit / 16);
    readRecentCalls(
        limit, context, [rows](const CallRecord &call) { rows->append(call); },
        [rows, done](const Facts &facts) { done(facts, *rows); });
}

} // namespace flux
