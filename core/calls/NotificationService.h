// NotificationService: makes sure someone hears a task. A notification calls its numbers in
// order, each up to its attempts with a wait between them, until one call is acknowledged, the
// list is exhausted, or it is canceled. Its timers are due times in the store: a restart runs
// the overdue attempts at once and keeps the others' times, and each attempt is placed once.
#pragma once

#include "base/Result.h"
#include "calls/CallRecord.h"
#include "calls/CallRequest.h"
#include "calls/CallStore.h"
#include "calls/Notification.h"
#include "calls/OutcomeEvent.h"
#include "calls/PendingCall.h"

#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <optional>

namespace flux {

class CallService;

// What a person or script asks for: the task, who to call first, and after them whom, how often.
struct NotificationRequest
{
    CallRequest call;           // the task, and the first number (call.to)
    QStringList escalation;     // numbers called after the first, in order
    int attempts = 0;           // calls per number; 0: the desk's default
    int retryAfterSeconds = 0;  // the wait between a number's attempts; 0: the desk's default
    QString listName;           // an escalation list whose contacts and settings follow call.to
    QString callbackUrl;        // an http(s) URL its outcome is POSTed to; empty: none
    IdempotencyKey idempotency; // stored with the notification when the request had one
    bool sms = false;           // text the numbers if it ends not acknowledged (TextMessageService)
};

class NotificationService : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int defaultAttempts = 1;            // FLUX_ATTEMPTS
        int defaultRetryAfterSeconds = 120; // FLUX_RETRY_AFTER_SECONDS
        int ratePerNumber = 10;             // FLUX_RATE_PER_NUMBER: calls an hour; 0: no limit
        // Waits are divided by this (the simulator's FLUX_SIM_SPEED); 1 against Twilio.
        double waitDivisor = 1.0;
        QString outcomeWebhookUrl;        // FLUX_OUTCOME_WEBHOOK_URL: every outcome goes here
        QStringList callbackAllowedHosts; // FLUX_CALLBACK_ALLOWED_HOSTS; empty: any host
    };
    // The first call placed for a new notification.
    struct Created
    {
        Notification notification;
        CallRecord call;
    };
    using CreateCallback = std::function<void(const Result<Created, CallError> &)>;
    using NotificationCallback = std::function<void(const Result<Notification, CallError> &)>;
    using DeliveriesCallback =
        std::function<void(const Result<QList<OutcomeDelivery>, CallError> &)>;

    NotificationService(CallStore *store, CallService *calls, Options options,
                        QObject *parent = nullptr);

    // Resumes after a start: attempts overdue are placed now, later ones at their time, and a
    // notification whose call ended while no desk listened moves on.
    void start();
    // Places nothing more (shutdown); what is stored resumes at the next start().
    void stop();

    // Stores the notification with its first attempt and places that call; `done` hears the
    // first call once Twilio has it. A first number over its hourly limit is refused
    // (RateLimited) and nothing is stored; an unknown escalation list is Invalid.
    void create(const NotificationRequest &request, CreateCallback done);
    // Cancels the attempts to come and hangs up a call in progress. Conflict when closed.
    void cancel(const QString &id, NotificationCallback done);

    // Delivers its outcome event again, now, to every receiver (404 unknown, 409 still open).
    void deliverAgain(const QString &id, DeliveriesCallback done);

    Result<std::optional<Notification>, CallError> notification(const QString &id) const;
    // Where its outcome event goes and how each try went.
    Result<QList<OutcomeDelivery>, CallError> deliveries(const QString &id) const;
    Result<int, CallError> openCount() const;
    // Newest first, with their attempts.
    Result<QList<Notification>, CallError> notifications(CallStore::NotificationState state,
                                                         int limit) const;
    // When `number` may be called again under the hourly limit: now (invalid) when it may.
    Result<QDateTime, CallError> nextAllowedCall(const QString &number) const;
    const Options &options() const { return m_options; }
    // What a close owes in texts, stored in the closing write (TextMessageService sets it).
    void setTextsOwed(CallStore::TextsOwed textsOwed) { m_textsOwed = std::move(textsOwed); }

    // The notification's id for a new one: "NO" and 32 random hex digits.
    static QString newId();

Q_SIGNALS:
    // Stored and durable: created, an attempt placed or ended, scheduled, closed. With attempts.
    void notificationChanged(const flux::Notification &notification);
    // Closed as acknowledged: by whom (the number, and the contact's name when the book has it).
    void notificationAcknowledged(const flux::Notification &notification, const QString &byName);
    // Its outcome event has deliveries due now (it closed, or is to be delivered again).
    void outcomeQueued(const QString &notificationId);

private:
    // A call ended or changed: its notification (if any) closes when it is acknowledged, and
    // moves on once its latest call is over.
    void onCallChanged(const CallRecord &call);
    // Decides what follows the notification's latest attempt, from the store, and stores it:
    // the next attempt's due time, or the end of the list.
    void advance(const Notification &notification);
    void advanceStored(const QString &id);
    void scheduleAt(const Notification &notification, int next, const QDateTime &due);
    // Places the due attempts (a slice per turn) and arms the timer for the next due time.
    void runDue();
    void armTimer();
    void placeAttempt(const Notification &notification);
    // Sends the stored attempt's call to Twilio; a create Twilio refused marks the attempt
    // failed and moves on (or, for the first, closes the notification the request hears of).
    // `done` (may be empty) hears the call and the notification as then announced.
    using AttemptCallback = std::function<void(const Result<CallRecord, CallError> &placed,
                                               const std::optional<Notification> &now)>;
    void sendAttempt(const QString &id, int index, const CallRequest &request,
                     const PendingCall &pending, AttemptCallback done);
    // Closes it, logging a store failure; whether it was open and is closed now.
    bool close(const QString &id, const QString &outcome, const CallRecord &acknowledgedBy = {});
    // Closes it in the store, its outcome event queued with it (outcomeQueued when it was).
    Result<bool, StoreError> storeOutcome(const QString &id, const QString &outcome,
                                          const CallRecord &acknowledgedBy = {});
    // The stored notification, or UnknownCall.
    Result<Notification, CallError> existing(const QString &id) const;
    QStringList outcomeWebhookUrls() const;
    // Notifications with a call out: those whose call ended unheard move on, and an attempt
    // whose pending row went without a call (Twilio never had it) is placed again.
    void resumeCallsOut();
    void recoverLost(const Notification &notification, const NotificationAttempt &lost);
    void hangUp(const QString &callSid);
    // Reads it (with its attempts) and says notificationChanged; what it read.
    std::optional<Notification> announce(const QString &id);
    CallRequest requestFor(const Notification &notification, int attempt) const;
    qint64 scaledMs(int seconds) const;

    CallStore *m_store;
    CallService *m_calls;
    Options m_options;
    CallStore::TextsOwed m_textsOwed;
    QTimer m_timer;     // the earliest due time
    QTimer m_lostSweep; // resumeCallsOut, now and then
    bool m_running = false;
    QSet<QString> m_placing;   // notifications whose attempt is being sent to Twilio
    QSet<QString> m_hangingUp; // calls of canceled notifications being hung up
};

} // namespace flux
