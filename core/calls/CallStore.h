// CallStore: calls and their events in a SQLite file; a write is durable when it returns, or, for
// a grouped one, when whenDurable() says so (its sync runs on a thread of its own meanwhile).
#pragma once

#include "base/Result.h"
#include "calls/CallRecord.h"
#include "calls/Contact.h"
#include "calls/IdempotencyKey.h"
#include "calls/Notification.h"
#include "calls/OutcomeEvent.h"
#include "calls/PendingCall.h"
#include "calls/StoredChange.h"
#include "calls/TextMessage.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace flux {

struct StoreError
{
    QString message; // names the file and what SQLite said
};

class CallStore
{
public:
    enum class StatusResult
    {
        Applied,   // the call now shows this status
        Stale,     // kept in the history, but a newer SequenceNumber already applied
        Duplicate, // seen before: nothing changed
        UnknownCall,
    };
    enum class OutcomeResult
    {
        Recorded,           // the call now holds this answer
        Duplicate,          // the answer the call holds already: nothing changed
        AcknowledgedBefore, // an acknowledgment stands, whatever this answer was: nothing changed
        MachineAnswered,    // a machine answered the call: nothing it sends acknowledges
        UnknownCall
    };
    // What a keypress (or its absence) does to the call's answer.
    enum class Answer
    {
        Acknowledge, // 1: acknowledged, for good
        Continue,    // the message is read again: the outcome stays as it is
        GiveUp,      // the menu is over without a 1: not acknowledged (declined or no input)
        PassOn,      // 2 where a notification offered it: not acknowledged, passed on
    };
    // Whether `digits` is a key that declines: pressed, and neither 1 nor "*" (repeat).
    static bool declines(const QString &digits);
    // Why a call that ended with `status` was not acknowledged, from what is known of it: the
    // status for an unanswered call, else a machine, else the answer's reason, else its keys.
    static QString finalReason(const QString &status, const QString &answeredBy,
                               const QString &reason, const QString &digits);
    // Whether the call holds an acknowledgment once an answer that was one (`acknowledged`) or
    // not came to `result`: what the callee is told, without reading the call again.
    static bool leavesAcknowledged(OutcomeResult result, bool acknowledged);
    // How a write reaches the disk. Now: committed and synced before the call returns. Grouped:
    // the grouped writes of one event-loop turn share one transaction, committed with a single
    // sync after the turn ends (a burst of webhooks costs one sync, not one each), and that sync
    // runs on the syncer thread while this one serves the next turn; until whenDurable()
    // reports, its effect must not be announced to anyone.
    enum class Commit
    {
        Now,
        Grouped
    };
    using DurableCallback = std::function<void(const Result<void, StoreError> &durable)>;
    // "applied", "stale", "duplicate", "unknown": for logs and the status webhook's answer.
    static QString resultName(StatusResult result);

    ~CallStore();
    CallStore(const CallStore &) = delete;
    CallStore &operator=(const CallStore &) = delete;

    // Makes the file's data durable; false, with errno set, when the disk says no. Tests pass
    // one to hold or fail the sync; by default it is fdatasync().
    using SyncStep = std::function<bool(int fd)>;
    // Opens or creates the file (and its folder), in WAL mode. Commits are synced by a thread of
    // the store's own (see WalSyncer); once a sync has failed, every later write fails too.
    static Result<std::unique_ptr<CallStore>, StoreError> open(const QString &filePath,
                                                               SyncStep syncStep = {});

    // Inserts the call and its "created" event in one transaction (the event says so when the
    // call was adopted: not placedHere).
    Result<bool, StoreError> insertCall(const CallRecord &call);

    // Placing a call: the pending row is stored before Twilio is asked, so the call survives a
    // crash or a lost answer. Then exactly one of: completePending (Twilio answered with the
    // call: stored, pending row gone, true unless a webhook had stored it already), dropPending
    // (Twilio provably placed nothing), adoptPending (a webhook for an unknown sid names the
    // request: the call is stored from the pending row and returned; nullopt when no such row).
    Result<void, StoreError> insertPending(const PendingCall &pending, Commit commit = Commit::Now);
    Result<bool, StoreError> completePending(const QString &requestId, const CallRecord &call,
                                             Commit commit = Commit::Now);
    Result<bool, StoreError> dropPending(const QString &requestId);
    Result<std::optional<CallRecord>, StoreError> adoptPending(const QString &requestId,
                                                               const QString &sid);
    // Oldest first: requests whose call was never confirmed.
    Result<QList<PendingCall>, StoreError> pendingCalls() const;
    // Calls not in a final status that heard nothing since `quietSince` (their updated_at is
    // older), the longest quiet first, at most `limit`: those whose final callback may be lost.
    Result<QList<CallRecord>, StoreError> unsettledCalls(const QDateTime &quietSince,
                                                         int limit) const;
    Result<std::optional<CallRecord>, StoreError> call(const QString &sid) const;
    // Newest first.
    Result<QList<CallRecord>, StoreError> recentCalls(int limit) const;
    // The same calls, each handed to `visit` as it is read: a long history never has to be held
    // as records all at once (the window keeps only what it shows of each).
    Result<int, StoreError>
    visitRecentCalls(int limit, const std::function<void(const CallRecord &)> &visit) const;
    // Oldest first.
    Result<QList<CallEvent>, StoreError> events(const QString &sid) const;

    // A status callback: stored as an event (unless a duplicate of one stored: same status and
    // SequenceNumber), and applied to the call unless an equal or newer SequenceNumber was.
    // UnknownCall writes nothing, so the caller can wait for the call and try again.
    Result<StatusResult, StoreError> applyStatus(const CallEvent &event,
                                                 Commit commit = Commit::Now);
    // The callee's answer to the prompt. An acknowledgment is never replaced by a later
    // non-acknowledgment; a repeated identical answer changes nothing. UnknownCall writes nothing.
    Result<OutcomeResult, StoreError> recordOutcome(const QString &sid, bool acknowledged,
                                                    const QString &digits,
                                                    Commit commit = Commit::Now);
    // The same with the menu's rounds: Continue stores the keypress as an event and keeps the
    // outcome; GiveUp makes it not acknowledged, declined when a declining key was pressed.
    // A call a machine answered takes no answer (MachineAnswered, nothing written).
    Result<OutcomeResult, StoreError> recordAnswer(const QString &sid, Answer answer,
                                                   const QString &digits,
                                                   Commit commit = Commit::Now);
    // AnsweredBy from machine detection: stored with an "answered" event; a machine or a fax
    // makes the call not acknowledged (voicemail, fax) unless it already was acknowledged.
    // Applied, Duplicate (already stored) or UnknownCall (nothing written).
    Result<StatusResult, StoreError> recordAnsweredBy(const QString &sid, const QString &answeredBy,
                                                      Commit commit = Commit::Now);

    // Notifications (CallStoreNotifications.cpp). Every write below that names a notification
    // changes it only while it is open, and says whether it did.
    //
    // The notification, its first attempt and that attempt's pending call, in one write; with
    // the request's idempotency key when it had one (keys older than a day are dropped first).
    Result<void, StoreError> insertNotification(const Notification &notification,
                                                const NotificationAttempt &first,
                                                const PendingCall &pending,
                                                Commit commit = Commit::Now,
                                                const IdempotencyKey &key = {});

    // Idempotency keys (CallStoreIdempotency.cpp). The first request stored with `key` since
    // `since`, if any.
    Result<std::optional<IdempotentRequest>, StoreError>
    idempotentRequest(const QString &key, const QDateTime &since) const;
    // The answer the first request with `key` was given, replayed to any repeat of it.
    Result<void, StoreError> saveIdempotentAnswer(const QString &key, int status,
                                                  const QByteArray &body);
    // Forgets a key whose request failed, so that sending it again tries again.
    Result<void, StoreError> releaseIdempotencyKey(const QString &key);
    // Attempt `attempt.index` and its pending call, in one write, if it is the notification's
    // next: the notification then has a call out (no due time) and the attempt after it next.
    Result<bool, StoreError> startAttempt(const QString &notificationId,
                                          const NotificationAttempt &attempt,
                                          const PendingCall &pending, Commit commit = Commit::Now);
    // Twilio refused the attempt's create: nothing was placed (its pending row is gone).
    Result<void, StoreError> failAttempt(const QString &notificationId, int attempt,
                                         const QString &error);
    // An attempt whose pending row went without a call (Twilio never had it): it is asked for
    // again under a new request id, so it is neither skipped nor placed twice.
    Result<bool, StoreError> retryAttempt(const QString &notificationId, int attempt,
                                          const PendingCall &pending);
    // The next attempt is `nextAttempt`, placed at `dueAt`.
    Result<bool, StoreError> scheduleAttempt(const QString &notificationId, int nextAttempt,
                                             const QDateTime &dueAt);
    // Closes it: acknowledged (by `call`), not acknowledged, or canceled; in the same write,
    // its outcome event for its own callback URL and `outcomeWebhookUrls` (when there is any),
    // and the texts `textsOwed` gives for the closed notification, as Pending.
    using TextsOwed = std::function<QList<TextMessage>(const Notification &closed)>;
    Result<bool, StoreError> closeNotification(const QString &notificationId,
                                               const QString &outcome,
                                               const CallRecord &acknowledgedBy = {},
                                               const QStringList &outcomeWebhookUrls = {},
                                               const TextsOwed &textsOwed = {});
    // With its attempts (and their calls as stored).
    Result<std::optional<Notification>, StoreError> notification(const QString &id) const;
    // The notification one of whose attempts is the pending request `requestId`; without its
    // attempts when the caller needs only the notification's own fields.
    Result<std::optional<Notification>, StoreError>
    notificationOfRequest(const QString &requestId, bool withAttempts = true) const;
    // Newest first, with their attempts; open ones only, closed ones only, or all.
    enum class NotificationState
    {
        Any,
        Open,
        Closed
    };
    Result<QList<Notification>, StoreError> notifications(NotificationState state, int limit) const;
    // Open notifications whose next attempt is due by `until`, earliest first, without their
    // attempts; and the earliest due time of all (invalid when none is scheduled).
    Result<QList<Notification>, StoreError> dueNotifications(const QDateTime &until,
                                                             int limit) const;
    Result<QDateTime, StoreError> nextDueAt() const;
    // Open notifications with a call out (no due time), with their attempts: after a restart,
    // those whose call ended meanwhile move on.
    Result<QList<Notification>, StoreError> notificationsWithCallOut() const;
    Result<int, StoreError> openNotificationCount() const;
    // Calls to `number` since `since`, placed or pending, and when the oldest of them was.
    struct NumberUse
    {
        int calls = 0;
        QDateTime oldest;
    };
    Result<NumberUse, StoreError> callsTo(const QString &number, const QDateTime &since) const;

    // Outcome webhooks (CallStoreOutcomeEvents.cpp): the outbox of closed notifications'
    // events, one delivery per receiver.
    //
    // The notification's deliveries with their tries, oldest first.
    Result<QList<OutcomeDelivery>, StoreError> deliveriesOf(const QString &notificationId) const;
    // Pending deliveries due by `until`, earliest first, with their event's body (not tries);
    // and the earliest due time of all (invalid when none is pending).
    Result<QList<OutcomeDelivery>, StoreError> dueDeliveries(const QDateTime &until,
                                                             int limit) const;
    Result<QDateTime, StoreError> nextDeliveryAt() const;
    // One try and what follows it: `state`, and for a pending one the next try's time.
    Result<void, StoreError> recordDeliveryAttempt(qint64 deliveryId,
                                                   const DeliveryAttempt &attempt,
                                                   const QString &state,
                                                   const QDateTime &nextAttemptAt);
    // Delivers the closed notification's event again, now, to every receiver it had and each of
    // `outcomeWebhookUrls` it had not, with a new retry window and backoff; a notification closed
    // without one gets its event now, for its own callback URL and `outcomeWebhookUrls`. How
    // many deliveries it has now.
    Result<int, StoreError> redeliver(const QString &notificationId,
                                      const QStringList &outcomeWebhookUrls);

    // Texts about notifications (CallStoreMessages.cpp). Each is stored (status Sending) before
    // Twilio is asked; a text with the same notification, number and reason is never stored
    // twice. The ones stored now, with their ids: those already there are left out.
    Result<QList<TextMessage>, StoreError> insertTextMessages(const QList<TextMessage> &texts);
    // The Pending texts (owed since a close, never handed to Twilio) of `notificationId`, or of
    // every notification when it is empty, moved to Sending: the caller asks Twilio for them.
    Result<QList<TextMessage>, StoreError> claimPendingTextMessages(const QString &notificationId);
    // Twilio answered the create (sid and status) or refused it (status Refused, the error).
    Result<void, StoreError> updateTextMessage(qint64 id, const QString &sid, const QString &status,
                                               const QString &error);
    // A status callback: applied unless the stored status is as far along already; the text as
    // stored then, or nullopt when neither the sid nor `id` (the callback URL's, 0: none) is
    // known. Whether it changed anything goes to `applied`.
    Result<std::optional<TextMessage>, StoreError>
    applyTextMessageStatus(const QString &sid, qint64 id, const QString &status,
                           const QString &error, bool *applied = nullptr);
    // Texts still Sending (from before a restart: Twilio's answer never came) become
    // Unconfirmed; how many.
    Result<int, StoreError> markUnconfirmedTextMessages();
    Result<QList<TextMessage>, StoreError> textMessages(const QString &notificationId) const;

    // The contact book (CallStoreContacts.cpp). Contacts by name; a number is in the book once.
    Result<QList<Contact>, StoreError> contacts() const;
    Result<std::optional<Contact>, StoreError> contactByNumber(const QString &number) const;
    // Inserts (id 0) or updates; returns it with its id. A number already another contact's is
    // an error naming that contact.
    Result<Contact, StoreError> saveContact(const Contact &contact);
    // Many at once, in one write, matched by number: a number in the book already has its
    // entry's name, language and note replaced. Nothing is stored when one is invalid. How many.
    Result<int, StoreError> importContacts(const QList<Contact> &contacts);
    // Also takes it out of every escalation list. False when there was no such contact.
    Result<bool, StoreError> removeContact(qint64 id);
    // Escalation lists by name, with their contacts in order.
    Result<QList<EscalationList>, StoreError> escalationLists() const;
    Result<std::optional<EscalationList>, StoreError> escalationList(const QString &name) const;
    // Inserts or replaces the list; `previousName` renames one.
    Result<void, StoreError> saveEscalationList(const EscalationList &list,
                                                const QString &previousName = {});
    Result<bool, StoreError> removeEscalationList(const QString &name);

    // The change log (CallStoreChanges.cpp): a row for every write to a call or a notification,
    // added in the write's own transaction. Oldest first, ids above `afterId` up to `upToId`, at
    // most `limit`.
    Result<QList<StoredChange>, StoreError> changes(qint64 afterId, qint64 upToId, int limit) const;
    Result<StoredChangeRange, StoreError> changeRange() const;
    // Drops the rows stored before `before`, and all but the newest `keep`. How many went.
    Result<int, StoreError> pruneChanges(const QDateTime &before, int keep);

    // Runs `durable` later on the store's thread (its event loop must run), once every write
    // made so far is on disk; or with the error that undid the group they were in, or that kept
    // it from the disk. A write made Now while a group is open commits the group too.
    void whenDurable(DurableCallback durable);

    // Commits what is open, waits for its sync and answers everyone still waiting; later writes
    // fail. Call it while they are alive (before the server and the service go). Destroying the
    // store does the same but drops the waiters unanswered (their requests are asked again).
    void close();

    QString filePath() const;

private:
    CallStore();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace flux
