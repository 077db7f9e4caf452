// CallStore::Private: the store's connection and prepared statements, shared by the files that
// implement CallStore.
#pragma once

#include "calls/CallStore.h"
#include "calls/SqliteConnection.h"

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

    Result<bool, StoreError> prepareStatements();
    Result<bool, StoreError> insertEvent(const CallEvent &event) const;
    // The call row and its "created" event; the caller holds the transaction.
    Result<bool, StoreError> insertCallRows(const CallRecord &call) const;
    Result<bool, StoreError> callExists(const QString &sid) const;
    Result<std::optional<PendingCall>, StoreError> pending(const QString &requestId) const;
    Result<bool, StoreError> removePending(const QString &requestId) const;
};

} // namespace flux
