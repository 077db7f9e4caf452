// CallStore::Private: the store's connection and prepared statements, shared by the files that
// implement CallStore.
#pragma once

#include "calls/CallStore.h"
#include "calls/SqliteConnection.h"

#include <QObject>

namespace flux {

// Prepared once and reused: applyStatus and recordOutcome are hit by webhook storms.
struct CallStoreStatements
{
    explicit CallStoreStatements(const SqliteConnection &c)
        : insertCall(c.query()), insertEvent(c.query()), callState(c.query()),
          updateStatus(c.query()), updateOutcome(c.query()), selectCall(c.query()),
          recentCalls(c.query()), selectEvents(c.query()), insertPending(c.query()),
          selectPending(c.query()), deletePending(c.query()), allPending(c.query())
    {}
    QSqlQuery insertCall, insertEvent, callState, updateStatus, updateOutcome;
    QSqlQuery selectCall, recentCalls, selectEvents;
    QSqlQuery insertPending, selectPending, deletePending, allPending;
};

struct CallStore::Private
{
    // The statements come after the connection, so they are destroyed first, as QtSql requires.
    std::unique_ptr<SqliteConnection> db;
    std::unique_ptr<CallStoreStatements> st;

    // Group commit (CallStoreGroupCommit.cpp). `turnEnd` lives on the store's thread: the
    // flush queued on it runs once the event loop has handled every request ready now.
    std::unique_ptr<QObject> turnEnd;
    bool flushQueued = false;
    QList<DurableCallback> waiting; // for the open group's commit
    // Callbacks whose group was committed early (by a Now write): run at the turn's end, never
    // from inside that write.
    QList<std::pair<DurableCallback, Result<bool, StoreError>>> settled;

    // Runs body() as a write: in a transaction of its own, or in a savepoint of the turn's group.
    template <typename Body> auto write(Commit commit, Body body) -> decltype(body())
    {
        if (commit == Commit::Now && !db->groupOpen())
            return db->transaction(body);
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
        }
        return result;
    }
    // Commits the open group and hands its outcome to the callbacks waiting for it.
    Result<bool, StoreError> settleGroup();
    void queueFlush();
    // The turn's end: commits the group and runs every callback that has its answer.
    void flush();

    Result<bool, StoreError> prepareStatements();
    Result<bool, StoreError> insertEvent(const CallEvent &event) const;
    // The call row and its "created" event; the caller holds the transaction.
    Result<bool, StoreError> insertCallRows(const CallRecord &call) const;
    Result<bool, StoreError> callExists(const QString &sid) const;
    Result<std::optional<PendingCall>, StoreError> pending(const QString &requestId) const;
    Result<bool, StoreError> removePending(const QString &requestId) const;
};

} // namespace flux
