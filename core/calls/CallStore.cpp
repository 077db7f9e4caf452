// CallStore: opening the store, reading calls, and the rules for status callbacks and answers.
#include "calls/CallStore.h"

#include "base/LogCategories.h"
#include "calls/CallStorePrivate.h"
#include "calls/CallStoreSchema.h"

namespace flux {

using namespace CallStoreSchema;

Result<void, StoreError> CallStore::Private::prepareStatements()
{
    st = std::make_unique<CallStoreStatements>();
    const std::pair<SqliteStatement *, QString> statements[] = {
        {&st->insertEvent,
         QStringLiteral("INSERT INTO call_events (call_sid, kind, status, sequence,"
                        " timestamp, digits, duration_seconds, detail, received_at, answered_by)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")},
        {&st->eventSeen,
         QStringLiteral("SELECT 1 FROM call_events WHERE call_sid = ?1 AND kind = ?2"
                        " AND status = ?3 AND sequence = ?4 LIMIT 1")},
        {&st->statusState,
         QStringLiteral("SELECT status, last_sequence, rowid, outcome, reason, answered_by,"
                        " digits FROM calls WHERE sid = ?1")},
        {&st->outcomeState,
         QStringLiteral("SELECT outcome, digits, rowid, answered_by, reason FROM calls"
                        " WHERE sid = ?1")},
        // The updates find the row by the rowid the read before them took: the sid would be a
        // second search of the sid index, in the same transaction, for the same row.
        {&st->updateStatus,
         // NULL keeps the stored duration or reason: read back in C++, they cost two columns
         // of the status read for every webhook.
         QStringLiteral("UPDATE calls SET status = ?1, last_sequence = ?2,"
                        " duration_seconds = coalesce(?3, duration_seconds),"
                        " error_message = coalesce(?4, error_message),"
                        " updated_at = ?5, outcome = coalesce(?7, outcome),"
                        " reason = coalesce(?8, reason), answered_by = coalesce(?9, answered_by)"
                        " WHERE rowid = ?6")},
        {&st->updateOutcome, QStringLiteral("UPDATE calls SET outcome = ?1, digits = ?2,"
                                            " reason = ?3, updated_at = ?4 WHERE rowid = ?5")},
        {&st->updateAnsweredBy,
         QStringLiteral("UPDATE calls SET answered_by = ?1, outcome = ?2, reason = ?3,"
                        " updated_at = ?4 WHERE rowid = ?5")},
        {&st->insertCall,
         QStringLiteral("INSERT INTO calls (%1) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                        " ?11, ?12, ?13, ?14, ?15, ?16, ?17)")
             .arg(CallColumns)},
        {&st->selectCall, QStringLiteral("SELECT %1 FROM calls WHERE sid = ?1").arg(CallColumns)},
        {&st->recentCalls,
         QStringLiteral("SELECT %1 FROM calls ORDER BY initiated_at DESC, rowid DESC LIMIT ?1")
             .arg(CallColumns)},
        {&st->selectEvents,
         QStringLiteral("SELECT id, call_sid, kind, status, sequence, timestamp, digits,"
                        " duration_seconds, detail, received_at, answered_by FROM call_events"
                        " WHERE call_sid = ?1 ORDER BY id")},
        {&st->insertPending,
         QStringLiteral("INSERT INTO pending_calls (%1) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
             .arg(PendingColumns)},
        {&st->selectPending,
         QStringLiteral("SELECT %1 FROM pending_calls WHERE request_id = ?1").arg(PendingColumns)},
        {&st->deletePending, QStringLiteral("DELETE FROM pending_calls WHERE request_id = ?1")},
        {&st->allPending,
         QStringLiteral("SELECT %1 FROM pending_calls ORDER BY requested_at").arg(PendingColumns)},
    };
    for (const auto &[statement, sql] : statements) {
        if (auto prepared = db->prepare(*statement, sql); !prepared)
            return prepared;
    }
    return {};
}

// True when stored, false when an identical event was already there.
Result<bool, StoreError> CallStore::Private::insertEvent(const CallEvent &event,
                                                         const QString &receivedAt,
                                                         bool knownNew) const
{
    // Twilio retries callbacks, so the same status and SequenceNumber can arrive twice: such
    // an event is stored once. Gathers are never repeats: pressing 2, then 3, then 2 again is
    // three real answers (and a Gather has no SequenceNumber); recordOutcome compares with the
    // current answer instead.
    const QString kind = CallEvent::kindName(event.kind);
    if (event.kind != CallEvent::Kind::Gather && !knownNew) {
        auto seen =
            db->first(st->eventSeen, {QStringLiteral("look up an event of call %1"), event.callSid},
                      event.callSid, kind, event.status, event.sequence);
        if (!seen)
            return seen.error();
        st->eventSeen.reset();
        if (seen.value())
            return false;
    }
    SqliteStatement &q = st->insertEvent;
    if (auto ran =
            db->run(q, {QStringLiteral("store an event of call %1"), event.callSid}, event.callSid,
                    kind, event.status, event.sequence, event.timestamp, event.digits,
                    event.durationSeconds, event.detail, receivedAt, event.answeredBy);
        !ran)
        return ran.error();
    return q.changes() > 0;
}

CallStore::CallStore() : d(std::make_unique<Private>()) {}

CallStore::~CallStore()
{
    // Whoever still waits may be gone already (the server, the service): they are not called.
    d->close(false);
    d->st.reset();
}

Result<std::unique_ptr<CallStore>, StoreError> CallStore::open(const QString &filePath,
                                                               SyncStep syncStep)
{
    auto connection = SqliteConnection::open(filePath, migrations());
    if (!connection)
        return connection.error();
    std::unique_ptr<CallStore> store(new CallStore);
    Private *d = store->d.get();
    d->db = std::move(connection.value());
    d->turnEnd = std::make_unique<QObject>();
    d->syncer = std::make_unique<WalSyncer>(
        d->db->filePath(), d->turnEnd.get(),
        [d](quint64 upTo, const std::optional<QString> &error) { d->reported(upTo, error); },
        std::move(syncStep));
    // The schema a first open created is durable before anything relies on it.
    if (auto synced = d->syncNow(); !synced)
        return synced.error();
    if (auto prepared = d->prepareStatements(); !prepared)
        return prepared.error();
    if (d->db->inWalMode()) {
        auto checkpointer = std::make_unique<WalCheckpointer>(d->db->filePath(), d->db->handle());
        if (checkpointer->isRunning())
            d->checkpointer = std::move(checkpointer);
        else
            qCWarning(lcStore).noquote() << checkpointer->lastError().value_or(QString());
    }
    return Result<std::unique_ptr<CallStore>, StoreError>(std::move(store));
}

QString CallStore::filePath() const
{
    return d->db->filePath();
}

Result<std::optional<CallRecord>, StoreError> CallStore::call(const QString &sid) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    SqliteStatement &q = d->st->selectCall;
    auto found = d->db->first(q, {QStringLiteral("read call %1"), sid}, sid);
    if (!found)
        return found.error();
    std::optional<CallRecord> call;
    if (found.value()) {
        call = readCall(q);
        q.reset();
    }
    return call;
}

Result<QList<CallRecord>, StoreError> CallStore::recentCalls(int limit) const
{
    QList<CallRecord> calls;
    if (const auto read =
            visitRecentCalls(limit, [&calls](const CallRecord &call) { calls.append(call); });
        !read)
        return read.error();
    return calls;
}

Result<int, StoreError>
CallStore::visitRecentCalls(int limit, const std::function<void(const CallRecord &)> &visit) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    if (limit <= 0)
        return 0;
    SqliteStatement &q = d->st->recentCalls;
    const SqliteConnection::What what(QStringLiteral("list recent calls"));
    int count = 0;
    auto row = d->db->first(q, what, limit);
    for (; row && row.value(); row = d->db->next(q, what)) {
        visit(readCall(q));
        ++count;
    }
    if (!row)
        return row.error();
    return count;
}

Result<QList<CallEvent>, StoreError> CallStore::events(const QString &sid) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    QList<CallEvent> events;
    SqliteStatement &q = d->st->selectEvents;
    const SqliteConnection::What what(QStringLiteral("read the events of call %1"), sid);
    auto row = d->db->first(q, what, sid);
    for (; row && row.value(); row = d->db->next(q, what))
        events.append(readEvent(q));
    if (!row)
        return row.error();
    return events;
}

Result<CallStore::StatusResult, StoreError> CallStore::applyStatus(const CallEvent &event,
                                                                   Commit commit)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    if (event.kind != CallEvent::Kind::Status) {
        return d->db->failure(QStringLiteral("applyStatus takes status events, not a %1 event")
                                  .arg(CallEvent::kindName(event.kind)));
    }
    const QString sid = event.callSid;
    return d->write(commit, [&]() -> Result<StatusResult, StoreError> {
        SqliteStatement &state = d->st->statusState;
        auto found = d->db->first(state, {QStringLiteral("read call %1"), sid}, sid);
        if (!found)
            return found.error();
        if (!found.value()) {
            qCDebug(lcStore) << "status" << event.status << "for unknown call" << sid;
            return StatusResult::UnknownCall;
        }
        const QString status = state.text(0);
        const int lastSequence = int(state.integer(1));
        const qint64 row = state.integer(2);
        const QString outcome = state.text(3);
        const QString reason = state.text(4);
        const QString storedAnsweredBy = state.text(5);
        const QString digits = state.text(6);
        state.reset();

        const QString receivedAt = stampOrNow(event.receivedAt);
        // last_sequence is the highest SequenceNumber of any status stored for the call (stale
        // ones are lower, applied ones raise it), so a higher one cannot be a repeat: the
        // look-up for one, an index search of its own, is skipped.
        const bool beyondStored = event.sequence >= 0 && event.sequence > lastSequence;
        auto stored = d->insertEvent(event, receivedAt, beyondStored);
        if (!stored)
            return stored.error();
        if (!stored.value()) {
            qCDebug(lcStore) << "call" << sid << "status" << event.status << "seq" << event.sequence
                             << "seen before";
            return StatusResult::Duplicate;
        }
        // Without a SequenceNumber arrival order is all there is, but nothing moves a call
        // out of a final status.
        const bool newer =
            event.sequence >= 0 ? event.sequence > lastSequence : !CallStatus::isFinal(status);
        if (!newer) {
            qCDebug(lcStore) << "call" << sid << "status" << event.status << "seq" << event.sequence
                             << "is stale (applied seq" << lastSequence << ")";
            return StatusResult::Stale;
        }
        const bool failedWithReason = event.status == CallStatus::Failed && !event.error.isEmpty();
        const auto duration =
            event.durationSeconds >= 0 ? std::optional<int>(event.durationSeconds) : std::nullopt;
        const auto failure =
            failedWithReason ? std::optional<QStringView>(event.error) : std::nullopt;
        // What machine detection said, when the callback is the first to say it.
        const QString answeredBy = storedAnsweredBy.isEmpty() ? event.answeredBy : storedAnsweredBy;
        const auto newAnsweredBy =
            answeredBy != storedAnsweredBy ? std::optional<QStringView>(answeredBy) : std::nullopt;
        // Once the call is final, so is its outcome: an acknowledgment stands, anything else is
        // "not acknowledged" for the reason the call's end and answers give.
        std::optional<QStringView> newOutcome;
        std::optional<QString> newReason;
        const bool machine = AnsweredBy::isMachine(answeredBy) || AnsweredBy::isFax(answeredBy);
        if (outcome != CallOutcome::Acknowledged &&
            (CallStatus::isFinal(event.status) || (newAnsweredBy && machine))) {
            // A machine's answer is final at once: nothing the call sends can acknowledge.
            newOutcome = CallOutcome::NotAcknowledged;
            newReason = finalReason(event.status, answeredBy, reason, digits);
        }
        if (auto ran = d->db->run(d->st->updateStatus,
                                  {QStringLiteral("update the status of call %1"), sid},
                                  event.status, qMax(event.sequence, lastSequence), duration,
                                  failure, receivedAt, row, newOutcome, newReason, newAnsweredBy);
            !ran)
            return ran.error();
        qCDebug(lcStore) << "call" << sid << "is now" << event.status << "seq" << event.sequence;
        return StatusResult::Applied;
    });
}

Result<CallStore::OutcomeResult, StoreError> CallStore::recordOutcome(const QString &sid,
                                                                      bool acknowledged,
                                                                      const QString &digits,
                                                                      Commit commit)
{
    return recordAnswer(sid, acknowledged ? Answer::Acknowledge : Answer::GiveUp, digits, commit);
}

Result<CallStore::OutcomeResult, StoreError>
CallStore::recordAnswer(const QString &sid, Answer answer, const QString &digits, Commit commit)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    return d->write(commit, [&]() -> Result<OutcomeResult, StoreError> {
        SqliteStatement &state = d->st->outcomeState;
        auto found = d->db->first(state, {QStringLiteral("read call %1"), sid}, sid);
        if (!found)
            return found.error();
        if (!found.value()) {
            qCDebug(lcStore) << "answer for unknown call" << sid;
            return OutcomeResult::UnknownCall;
        }
        const QString currentOutcome = state.text(0);
        const QString currentDigits = state.text(1);
        const qint64 row = state.integer(2);
        const QString answeredBy = state.text(3);
        const QString currentReason = state.text(4);
        state.reset();
        // Once the task is acknowledged, that is what the staff must see, whatever follows.
        if (currentOutcome == CallOutcome::Acknowledged) {
            qCDebug(lcStore) << "call" << sid << "answer" << digits << "after an acknowledgment";
            return OutcomeResult::AcknowledgedBefore;
        }
        // A machine answered: nothing the call sends can acknowledge the task.
        if (AnsweredBy::isMachine(answeredBy) || AnsweredBy::isFax(answeredBy)) {
            qCWarning(lcStore) << "call" << sid << "answer" << digits << "ignored:" << answeredBy
                               << "answered it";
            return OutcomeResult::MachineAnswered;
        }
        // `digits` keeps the last key that answered (1, or one that declined): "*" and silence
        // only ask for the message again.
        const QString keptDigits = declines(digits) ? digits : currentDigits;
        QString outcome = currentOutcome;
        QString reason = currentReason;
        QString newDigits = keptDigits;
        switch (answer) {
        case Answer::Acknowledge:
            outcome = CallOutcome::Acknowledged;
            reason.clear();
            newDigits = digits;
            break;
        case Answer::Continue:
            break;
        case Answer::GiveUp:
            outcome = CallOutcome::NotAcknowledged;
            reason = keptDigits.isEmpty() ? CallReason::NoInput : CallReason::Declined;
            break;
        case Answer::PassOn:
            outcome = CallOutcome::NotAcknowledged;
            reason = CallReason::PassedOn;
            newDigits = digits;
            break;
        }
        if (answer != Answer::Continue && currentOutcome == outcome && currentDigits == digits) {
            qCDebug(lcStore) << "call" << sid << "answer" << outcome << "changes nothing";
            return OutcomeResult::Duplicate;
        }
        const QString now = msecsToText(QDateTime::currentMSecsSinceEpoch());
        if (auto ran = d->db->run(d->st->updateOutcome,
                                  {QStringLiteral("record the answer of call %1"), sid}, outcome,
                                  newDigits, reason, now, row);
            !ran)
            return ran.error();

        CallEvent gather;
        gather.callSid = sid;
        gather.kind = CallEvent::Kind::Gather;
        gather.status = outcome;
        gather.digits = digits;
        if (auto stored = d->insertEvent(gather, now); !stored)
            return stored.error();
        qCDebug(lcStore) << "call" << sid << "answered" << digits << "->" << outcome;
        return OutcomeResult::Recorded;
    });
}

Result<CallStore::StatusResult, StoreError>
CallStore::recordAnsweredBy(const QString &sid, const QString &answeredBy, Commit commit)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    return d->write(commit, [&]() -> Result<StatusResult, StoreError> {
        SqliteStatement &state = d->st->outcomeState;
        auto found = d->db->first(state, {QStringLiteral("read call %1"), sid}, sid);
        if (!found)
            return found.error();
        if (!found.value())
            return StatusResult::UnknownCall;
        QString outcome = state.text(0);
        const qint64 row = state.integer(2);
        const QString stored = state.text(3);
        QString reason = state.text(4);
        state.reset();
        if (stored == answeredBy)
            return StatusResult::Duplicate;
        const bool machine = AnsweredBy::isMachine(answeredBy) || AnsweredBy::isFax(answeredBy);
        if (machine && outcome != CallOutcome::Acknowledged) {
            outcome = CallOutcome::NotAcknowledged;
            reason = AnsweredBy::isFax(answeredBy) ? CallReason::Fax : CallReason::Voicemail;
        }
        const QString now = msecsToText(QDateTime::currentMSecsSinceEpoch());
        if (auto ran = d->db->run(d->st->updateAnsweredBy,
                                  {QStringLiteral("record who answered call %1"), sid}, answeredBy,
                                  outcome, reason, now, row);
            !ran)
            return ran.error();
        CallEvent answered;
        answered.callSid = sid;
        answered.kind = CallEvent::Kind::Answered;
        answered.status = answeredBy;
        answered.answeredBy = answeredBy;
        if (auto inserted = d->insertEvent(answered, now, true); !inserted)
            return inserted.error();
        qCInfo(lcStore).noquote() << "call" << sid << "answered by" << answeredBy;
        return StatusResult::Applied;
    });
}

bool CallStore::declines(const QString &digits)
{
    return !digits.isEmpty() && digits != QLatin1String("1") && digits != QLatin1String("*");
}

QString CallStore::finalReason(const QString &status, const QString &answeredBy,
                               const QString &reason, const QString &digits)
{
    if (status == CallStatus::Busy)
        return CallReason::Busy;
    if (status == CallStatus::NoAnswer)
        return CallReason::NoAnswer;
    if (status == CallStatus::Failed)
        return CallReason::Failed;
    if (status == CallStatus::Canceled)
        return CallReason::Canceled;
    if (AnsweredBy::isMachine(answeredBy))
        return CallReason::Voicemail;
    if (AnsweredBy::isFax(answeredBy))
        return CallReason::Fax;
    if (!reason.isEmpty())
        return reason;
    return declines(digits) ? CallReason::Declined : CallReason::NoInput;
}

bool CallStore::leavesAcknowledged(OutcomeResult result, bool acknowledged)
{
    switch (result) {
    case OutcomeResult::AcknowledgedBefore:
        return true;
    case OutcomeResult::Recorded:
    case OutcomeResult::Duplicate:
        return acknowledged;
    case OutcomeResult::MachineAnswered:
    case OutcomeResult::UnknownCall:
        break;
    }
    return false;
}

QString CallStore::resultName(StatusResult result)
{
    switch (result) {
    case StatusResult::Applied:
        return QStringLiteral("applied");
    case StatusResult::Stale:
        return QStringLiteral("stale");
    case StatusResult::Duplicate:
        return QStringLiteral("duplicate");
    case StatusResult::UnknownCall:
        return QStringLiteral("unknown");
    }
    return {};
}

} // namespace flux
