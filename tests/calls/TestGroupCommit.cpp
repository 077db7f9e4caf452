// TestGroupCommit: grouped writes share one commit at the end of the event-loop turn, and whoever
// waits for them hears only once they are in the file.
#include "CallStoreFixtures.h"
#include "calls/CallStore.h"
#include "twilio/VoicePrompts.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace flux;
using namespace flux::testing;

namespace {
const QString Sid = QStringLiteral("CA00000000000000000000000000000001");

QString outcomeOnDisk(const QString &path)
{
    return rawQuery(path, QStringLiteral("SELECT outcome FROM calls WHERE sid = '%1'").arg(Sid))
        .toString();
}
} // namespace

class TestGroupCommit : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CallStore> m_store;
    QString path() const { return m_dir->filePath(QStringLiteral("calls.db")); }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        auto opened = CallStore::open(path());
        QVERIFY2(opened.ok(), qPrintable(errorOf(opened)));
        m_store = std::move(opened.value());
        QVERIFY(m_store->insertCall(newCall(Sid)));
        QCOMPARE(eventsOnDisk(path()), 1); // the "created" event
    }
    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void groupedWritesReachTheFileTogetherBeforeAnyoneHears()
    {
        for (int sequence = 1; sequence <= 20; ++sequence) {
            const auto applied = m_store->applyStatus(
                statusEvent(Sid, CallStatus::InProgress, sequence), CallStore::Commit::Grouped);
            QCOMPARE(applied.value(), CallStore::StatusResult::Applied);
        }
        QCOMPARE(m_store->recordOutcome(Sid, true, QStringLiteral("1"), CallStore::Commit::Grouped)
                     .value(),
                 CallStore::OutcomeResult::Recorded);
        int heard = 0;
        int eventsWhenHeard = -1;
        QString outcomeWhenHeard;
        for (int i = 0; i < 21; ++i) {
            m_store->whenDurable([&](const Result<void, StoreError> &durable) {
                QVERIFY2(durable.ok(), qPrintable(errorOf(durable)));
                ++heard;
                eventsWhenHeard = eventsOnDisk(path());
                outcomeWhenHeard = outcomeOnDisk(path());
            });
        }
        // Until the turn ends nothing is committed: the store sees its writes, the file not yet.
        QCOMPARE(m_store->call(Sid).value()->outcome, CallOutcome::Acknowledged);
        QCOMPARE(eventsOnDisk(path()), 1);
        QCOMPARE(heard, 0);

        QTRY_COMPARE(heard, 21);
        QCOMPARE(eventsWhenHeard, 1 + 20 + 1);
        QCOMPARE(outcomeWhenHeard, CallOutcome::Acknowledged);
    }

    void aWriteMadeNowCommitsTheOpenGroupWithIt()
    {
        QVERIFY(m_store->applyStatus(statusEvent(Sid, CallStatus::Ringing, 1),
                                     CallStore::Commit::Grouped));
        bool heard = false;
        m_store->whenDurable([&](const Result<void, StoreError> &durable) {
            QVERIFY(durable.ok());
            heard = true;
        });
        QCOMPARE(eventsOnDisk(path()), 1);
        // Durable when it returns, as it promises, and the grouped write went along with it.
        QVERIFY(m_store->insertCall(newCall(QStringLiteral("CA00000000000000000000000000000002"))));
        QCOMPARE(eventsOnDisk(path()), 3);
        // The waiting one is told later, from the event loop, not from inside insertCall.
        QVERIFY(!heard);
        QTRY_VERIFY(heard);
    }

    void eachKeypressInAGroupIsToldWhatItsOwnWriteLeft()
    {
        // A "2" and then a "1" in one turn: the "2" is told what it left (no acknowledgment),
        // not what the "1" after it did; a "3" after the "1" still counts as acknowledged.
        const auto press = [this](const QString &digits) {
            const auto result = m_store->recordOutcome(Sid, VoicePrompts::acknowledges(digits),
                                                       digits, CallStore::Commit::Grouped);
            return std::pair{
                result.value(),
                CallStore::leavesAcknowledged(result.value(), VoicePrompts::acknowledges(digits))};
        };
        QCOMPARE(press(QStringLiteral("2")), std::pair(CallStore::OutcomeResult::Recorded, false));
        QCOMPARE(press(QStringLiteral("1")), std::pair(CallStore::OutcomeResult::Recorded, true));
        QCOMPARE(press(QStringLiteral("3")),
                 std::pair(CallStore::OutcomeResult::AcknowledgedBefore, true));
        QString outcomeWhenHeard;
        m_store->whenDurable(
            [&](const Result<void, StoreError> &) { outcomeWhenHeard = outcomeOnDisk(path()); });
        QTRY_COMPARE(outcomeWhenHeard, CallOutcome::Acknowledged);
    }

    void aGroupedDuplicateIsHeardOnlyAfterTheWriteItDuplicates()
    {
        // The second answer reads the first one's uncommitted row: it must wait for the same
        // commit, or the caller could act on something not yet on disk.
        QCOMPARE(m_store->recordOutcome(Sid, true, QStringLiteral("1"), CallStore::Commit::Grouped)
                     .value(),
                 CallStore::OutcomeResult::Recorded);
        QCOMPARE(m_store->recordOutcome(Sid, true, QStringLiteral("1"), CallStore::Commit::Grouped)
                     .value(),
                 CallStore::OutcomeResult::AcknowledgedBefore);
        QString outcomeWhenHeard;
        m_store->whenDurable(
            [&](const Result<void, StoreError> &) { outcomeWhenHeard = outcomeOnDisk(path()); });
        QTRY_COMPARE(outcomeWhenHeard, CallOutcome::Acknowledged);
    }

    void closingTheStoreKeepsItsGroupedWrites()
    {
        QVERIFY(m_store->applyStatus(statusEvent(Sid, CallStatus::Ringing, 1),
                                     CallStore::Commit::Grouped));
        m_store.reset();
        QCOMPARE(eventsOnDisk(path()), 2);
        auto reopened = CallStore::open(path());
        QVERIFY2(reopened.ok(), qPrintable(errorOf(reopened)));
        QCOMPARE(reopened.value()->call(Sid).value()->status, CallStatus::Ringing);
    }

    void writesAfterTheCommitStartTheNextGroup()
    {
        QVERIFY(m_store->applyStatus(statusEvent(Sid, CallStatus::Ringing, 1),
                                     CallStore::Commit::Grouped));
        int heard = 0;
        m_store->whenDurable([&](const Result<void, StoreError> &) {
            ++heard;
            // Written from a callback, as a handler answering a request might.
            QVERIFY(m_store->applyStatus(statusEvent(Sid, CallStatus::InProgress, 2),
                                         CallStore::Commit::Grouped));
            m_store->whenDurable([&](const Result<void, StoreError> &) { ++heard; });
        });
        QTRY_COMPARE(heard, 2);
        QCOMPARE(eventsOnDisk(path()), 3);
    }

    void aWriteThatEndsTheWholeTransactionLosesItsGroupAndNothingCommitsOutsideIt()
    {
        // RAISE(ROLLBACK) ends the whole transaction, as SQLITE_FULL or SQLITE_IOERR may: the
        // group's earlier write is gone with it, and a later write must not run on its own.
        rawQuery(path(), QStringLiteral("CREATE TRIGGER end_all BEFORE INSERT ON call_events"
                                        " WHEN NEW.sequence = 7"
                                        " BEGIN SELECT RAISE(ROLLBACK, 'injected end'); END"));
        QVERIFY(m_store->applyStatus(statusEvent(Sid, CallStatus::Ringing, 5),
                                     CallStore::Commit::Grouped));
        const auto ended = m_store->applyStatus(statusEvent(Sid, CallStatus::InProgress, 7),
                                                CallStore::Commit::Grouped);
        QVERIFY(!ended.ok());
        QVERIFY2(errorOf(ended).contains(QLatin1String("injected end")),
                 qPrintable(errorOf(ended)));
        QVERIFY(!m_store
                     ->applyStatus(statusEvent(Sid, CallStatus::InProgress, 9),
                                   CallStore::Commit::Grouped)
                     .ok());
        int failed = 0;
        int durable = 0;
        m_store->whenDurable(
            [&](const Result<void, StoreError> &outcome) { outcome.ok() ? ++durable : ++failed; });
        QTRY_COMPARE(failed, 1);
        QCOMPARE(durable, 0);
        QCOMPARE(eventsOnDisk(path()), 1); // only "created": neither 5 nor 9

        // The next group is whole again.
        QVERIFY(m_store->applyStatus(statusEvent(Sid, CallStatus::InProgress, 11),
                                     CallStore::Commit::Grouped));
        m_store->whenDurable(
            [&](const Result<void, StoreError> &outcome) { outcome.ok() ? ++durable : ++failed; });
        QTRY_COMPARE(durable, 1);
        QCOMPARE(eventsOnDisk(path()), 2);
    }
};

QTEST_GUILESS_MAIN(TestGroupCommit)
#include "TestGroupCommit.moc"
