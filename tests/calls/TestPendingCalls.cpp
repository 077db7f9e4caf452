// Pending calls on a real SQLite file: written before Twilio is asked, then completed by Twilio's
// answer, adopted by a webhook, or dropped; and a store from before they existed is upgraded.
#include "CallStoreFixtures.h"
#include "calls/CallStoreSchema.h"

#include "calls/CallStoreSchema.h"

#include <QTemporaryDir>
#include <QTest>

using namespace flux;
using namespace flux::testing;

namespace {
// The version a file has once opened: one per migration, so a new one needs no edit here.
int latestSchema()
{
    return int(CallStoreSchema::migrations().size());
}
} // namespace

namespace {
PendingCall pendingCall(const QString &requestId)
{
    PendingCall pending;
    pending.requestId = requestId;
    pending.to = QStringLiteral("+15555550101");
    pending.from = QStringLiteral("+15005550006");
    pending.taskTitle = QStringLiteral("Backups failed");
    pending.taskId = QStringLiteral("INC-9");
    pending.requestedAt = at(3);
    return pending;
}
} // namespace

class TestPendingCalls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CallStore> m_store;

    QString path() const { return m_dir.filePath(QStringLiteral("calls.sqlite")); }
    int pendingCount()
    {
        const auto pending = m_store->pendingCalls();
        return pending ? int(pending.value().size()) : -1;
    }

private Q_SLOTS:
    void init()
    {
        QFile::remove(path());
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        m_store = std::move(opened.value());
    }
    void cleanup() { m_store.reset(); }

    void pendingCallIsOnDiskBeforeTwilioIsAsked()
    {
        QVERIFY(m_store->insertPending(pendingCall(QStringLiteral("r1"))));
        // Another connection, as a restarted process would have, sees it.
        auto reopened = CallStore::open(path());
        QVERIFY2(reopened, qPrintable(errorOf(reopened)));
        const auto pending = reopened.value()->pendingCalls();
        QVERIFY2(pending, qPrintable(errorOf(pending)));
        QCOMPARE(pending.value().size(), 1);
        QCOMPARE(pending.value().first().requestId, QStringLiteral("r1"));
        QCOMPARE(pending.value().first().taskTitle, QStringLiteral("Backups failed"));
        QCOMPARE(pending.value().first().requestedAt, at(3));
    }

    void twilioAnswerTurnsThePendingCallIntoTheCall()
    {
        QVERIFY(m_store->insertPending(pendingCall(QStringLiteral("r1"))));
        const auto completed =
            m_store->completePending(QStringLiteral("r1"), newCall(QStringLiteral("CA1")));
        QVERIFY2(completed, qPrintable(errorOf(completed)));
        QVERIFY(completed.value());
        QCOMPARE(pendingCount(), 0);
        const auto call = m_store->call(QStringLiteral("CA1"));
        QVERIFY(call && call.value());
        QCOMPARE(fieldsOf(*call.value()), fieldsOf(newCall(QStringLiteral("CA1"))));
        QCOMPARE(statusesOf(m_store->events(QStringLiteral("CA1")).value()),
                 QStringList{QStringLiteral("created queued")});
    }

    void webhookForAnUnknownSidAdoptsThePendingCall()
    {
        QVERIFY(m_store->insertPending(pendingCall(QStringLiteral("r1"))));
        const auto adopted = m_store->adoptPending(QStringLiteral("r1"), QStringLiteral("CA1"));
        QVERIFY2(adopted, qPrintable(errorOf(adopted)));
        QVERIFY(adopted.value().has_value());
        const auto call = m_store->call(QStringLiteral("CA1"));
        QVERIFY(call && call.value());
        QCOMPARE(call.value()->to, QStringLiteral("+15555550101"));
        QCOMPARE(call.value()->taskTitle, QStringLiteral("Backups failed"));
        QCOMPARE(call.value()->taskId, QStringLiteral("INC-9"));
        QCOMPARE(call.value()->status, CallStatus::Queued);
        QCOMPARE(call.value()->initiatedAt, at(3));
        QCOMPARE(pendingCount(), 0);
        // Twilio's late answer then changes nothing and reports it was already there.
        const auto late =
            m_store->completePending(QStringLiteral("r1"), newCall(QStringLiteral("CA1")));
        QVERIFY2(late, qPrintable(errorOf(late)));
        QVERIFY(!late.value());
        QCOMPARE(statusesOf(m_store->events(QStringLiteral("CA1")).value()),
                 QStringList{QStringLiteral("created queued")});
    }

    void aRequestIsAdoptedOnceOnly()
    {
        QVERIFY(m_store->insertPending(pendingCall(QStringLiteral("r1"))));
        QVERIFY(m_store->adoptPending(QStringLiteral("r1"), QStringLiteral("CA1")).value());
        const auto again = m_store->adoptPending(QStringLiteral("r1"), QStringLiteral("CA2"));
        QVERIFY2(again, qPrintable(errorOf(again)));
        QVERIFY(!again.value().has_value());
        QVERIFY(!m_store->call(QStringLiteral("CA2")).value().has_value());
    }

    void unknownRequestAdoptsNothing()
    {
        const auto adopted = m_store->adoptPending(QStringLiteral("nope"), QStringLiteral("CA1"));
        QVERIFY2(adopted, qPrintable(errorOf(adopted)));
        QVERIFY(!adopted.value().has_value());
        QVERIFY(!m_store->call(QStringLiteral("CA1")).value().has_value());
    }

    void droppedRequestLeavesNothing()
    {
        QVERIFY(m_store->insertPending(pendingCall(QStringLiteral("r1"))));
        QVERIFY(m_store->dropPending(QStringLiteral("r1")).value());
        QCOMPARE(pendingCount(), 0);
        QVERIFY(!m_store->adoptPending(QStringLiteral("r1"), QStringLiteral("CA1"))
                     .value()
                     .has_value());
        QVERIFY(m_store->recentCalls(10).value().isEmpty());
    }

    void storeFromBeforePendingCallsIsUpgradedWithItsCalls()
    {
        m_store.reset();
        QFile::remove(path());
        // A version 1 file, as the first release wrote it.
        const QStringList v1 =
            schemaVersion1() +
            QStringList{
                QStringLiteral("INSERT INTO calls VALUES ('CAold', '+15555550101', '+15005550006', "
                               "'Old task', '', 'completed', 'acknowledged', '1', 3, 12, '', "
                               "'2026-03-01T09:00:00.000Z', '2026-03-01T09:01:00.000Z')"),
                QStringLiteral("PRAGMA user_version = 1"),
            };
        for (const QString &sql : v1)
            rawQuery(path(), sql);
        QCOMPARE(rawQuery(path(), QStringLiteral("PRAGMA user_version")).toInt(), 1);

        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        m_store = std::move(opened.value());
        QCOMPARE(rawQuery(path(), QStringLiteral("PRAGMA user_version")).toInt(), latestSchema());
        const auto old = m_store->call(QStringLiteral("CAold"));
        QVERIFY(old && old.value());
        QCOMPARE(old.value()->outcome, CallOutcome::Acknowledged);
        QVERIFY(m_store->insertPending(pendingCall(QStringLiteral("r1"))));
        QCOMPARE(pendingCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestPendingCalls)
#include "TestPendingCalls.moc"
