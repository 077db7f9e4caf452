// CallStore::Private: the store's connection and prepared statements, shared by the files that
// implement CallStore.
#pragma once

#include "calls/CallStore.h"
#include "calls/SqliteConnection.h"
#include "calls/WalCheckpointer.h"
#include "calls/WalSyncer.h"

#include <QObject>

namespace flux {

// Prepared once and reused, through SQLite's C API (SqliteStatement): bound by position, text
// converted once, none of QtSql's per-run bookkeeping. applyStatus and recordOutcome are hit by
// webhook storms; the reads behind them take only the columns their write needs.
struct CallStoreStatements
{
    SqliteStatement insertEvent, eventSeen, statusState, outcomeState, updateStatus, updateOutcome;
    SqliteStatement updateAnsweredBy;
    SqliteStatement insertCall, selectCall, recentCalls, selectEvents;
    SqliteStatement insertPending, selectPending, deletePending, allPending;
};

struct CallStore::Private
{
    // The statements come after the connection, so they are finalized before it closes.
    std::unique_ptr<SqliteConnection> db;
    std::unique_ptr<CallStoreStatements> st;
    // After the connection, so it is gone (its hook off, its thread stopped) before that closes.
    std::unique_ptr<WalCheckpointer> checkpointer;

    // Group commit (CallStoreGroupCommit.cpp). `turnEnd` lives on the store's thread: the
    // flush queued on it runs once the event loop has handled every request ready now, and the
    // syncer's reports arrive on it.
    std::unique_ptr<QObject> turnEnd;
    bool flushQueued = false;
    QList<DurableCallback> waiting; // for the open group's commit
    // Callbacks whose answer is known without a sync (their group was rolled back): run at the
    // turn's end, never from inside a write.
    QList<std::pair<DurableCallback, Result<void, StoreError>>> settled;

    // The sync pipeline: a commit returns once SQLite has written the WAL (synchronous =
    // NORMAL); the syncer thread makes it durable while this thread handles the next requests.
    std::unique_ptr<WalSyncer> syncer;
    struct Syncing
    {
        quint64 ticket;
        DurableCallback durable;
    };
    QList<Syncing> syncing;   // committed, waiting for the sync of their ticket; oldest first
    quint64 lastTicket = 0;   // the latest commit's
    quint64 reportedUpTo = 0; // the syncer's last report covers every ticket up to here
    quint64 durableUpTo = 0;  // ... and these were synced
    std::optional<StoreError> syncFailure; // set once: see WalSyncer::run
    bool closing = false;

    // Runs body() as a write: in a transaction of its own, or in a savepoint of the turn's group.
    template <typename Body> auto write(Commit commit, Body body) -> decltype(body())
    {
        if (auto usable = writable(); !usable)
            return usable.error();
        if (commit == Commit::Now && !db->groupOpen()) {
            auto result = db->transaction(body);
            if (!result)
                return result;
            // Durable when it returns, as a Now write promises.
            if (auto synced = syncNow(); !synced)
                return synced.error();
            return result;
        }
        if (!db->groupOpen()) {
            if (auto begun = db->beginGroup(); !begun)
                return begun.error();
            queueFlush();
        }
        auto result = db->savepoint(body);
        // Durable when it returns, as a Now write promises: the group's other writes go along.
        if (commit == Commit::Now) {
            if (auto committed = settleGroup(); !committed)
                return committed.error();
            if (auto synced = syncNow(); !synced)
                return synced.error();
        }
        return result;
    }
    // An error once a sync has failed or the store is closing.
    Result<void, StoreError> writable() const;
    // Commits the open group and hands its callbacks a ticket to wait for (or the error).
    Result<void, StoreError> settleGroup();
    // Syncs everything committed so far, blocking this thread until it is on disk.
    Result<void, StoreError> syncNow();
    // Hands the callbacks waiting with no group open their answer, or the last ticket's.
    void settleWaiting();
    void queueFlush();
    // The turn's end: commits the group and runs every callback that has its answer.
    void flush();
    // From the syncer: every ticket up to `upTo` is on disk, or never will be.
    void reported(quint64 upTo, const std::optional<QString> &error);
    // Closing: commits and waits for the last sync; then answers everyone still waiting, or
    // (from the destructor, when they may be gone) drops them.
    void close(bool answer);

    Result<void, StoreError> prepareStatements();
    // `receivedAt` is the event's receivedAt as stored (CallStoreSchema::toText), which the
    // caller has in hand already.
    // `knownNew`: the caller has proved no such event is stored, so the look-up is skipped.
    Result<bool, StoreError> insertEvent(const CallEvent &event, const QString &receivedAt,
                                         bool knownNew = false) const;
    // The call row and its "created" event; the caller holds the transaction.
    Result<bool, StoreError> insertCallRows(const CallRecord &call) const;
    Result<bool, StoreError> callExists(const QString &sid) const;
    Result<std::optional<PendingCall>, StoreError> pending(const QString &requestId) const;
    Result<bool, StoreError> removePending(const QString &requestId) const;
    // The pending_calls row; the caller holds the transaction.
    Result<void, StoreError> insertPendingRow(const PendingCall &pending) const;
    // The closed notification's outcome event and a delivery to its callback URL and each of
    // `urls`; nothing when there is no receiver. The caller holds the transaction.
    Result<void, StoreError> insertOutcomeEvent(const Notification &closed,
                                                const QStringList &urls) const;
    // `texts` in the status each has, but for one with the same notification, number and reason
    // stored before; the new ones, with their ids. The caller holds the transaction.
    Result<QList<TextMessage>, StoreError> insertTexts(const QList<TextMessage> &texts) const;
};

// A notification's texts, oldest first (CallStoreMessages.cpp).
Result<QList<TextMessage>, StoreError> readTextMessages(SqliteConnection &db,
                                                        const QString &notificationId);

} // namespace flux
