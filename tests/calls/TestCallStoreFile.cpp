// TestCallStoreFile: the store file itself: reopening, pragmas, schema, connections, bad files.
#include "CallStoreFixtures.h"
#include "calls/CallStore.h"
#include "calls/CallStoreSchema.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace flux;
using namespace flux::testing;

namespace {
// The version a file has once opened: one per migration, so a new one needs no edit here.
int latestSchema()
{
    return int(CallStoreSchema::migrations().size());
}
} // namespace

class TestCallStoreFile : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path() const { return m_dir->filePath(QStringLiteral("calls.db")); }

private Q_SLOTS:
    void init()
    {
        // The message QtSql gives when a connection is removed while a query still uses it.
        QTest::failOnWarning(QRegularExpression(QStringLiteral("still in use")));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void callsSurviveReopeningTheFile()
    {
        const QString first = QStringLiteral("CAfirst");
        const QString second = QStringLiteral("CAsecond");
        QStringList callsBefore;
        QStringList eventsBefore;
        {
            auto opened = CallStore::open(path());
            QVERIFY2(opened, qPrintable(errorOf(opened)));
            CallStore &store = *opened.value();
            QVERIFY(store.insertCall(newCall(first, at(0))));
            QVERIFY(store.insertCall(newCall(second, at(5))));
            QCOMPARE(store.applyStatus(statusEvent(first, CallStatus::InProgress, 2)).value(),
                     CallStore::StatusResult::Applied);
            QCOMPARE(store.recordOutcome(first, true, QStringLiteral("1")).value(),
                     CallStore::OutcomeResult::Recorded);
            const QList<CallRecord> calls = store.recentCalls(10).value();
            for (const CallRecord &call : calls)
                callsBefore << fieldsOf(call);
            eventsBefore = fieldsOf(store.events(first).value());
        }
        QCOMPARE(callsBefore.size(), 2 * 13);

        auto reopened = CallStore::open(path());
        QVERIFY2(reopened, qPrintable(errorOf(reopened)));
        CallStore &store = *reopened.value();
        QStringList callsAfter;
        const QList<CallRecord> calls = store.recentCalls(10).value();
        for (const CallRecord &call : calls)
            callsAfter << fieldsOf(call);
        QCOMPARE(callsAfter, callsBefore);
        QCOMPARE(fieldsOf(store.events(first).value()), eventsBefore);

        const CallRecord call = *store.call(first).value();
        QCOMPARE(call.status, CallStatus::InProgress);
        QCOMPARE(call.lastSequence, 2);
        QCOMPARE(call.outcome, CallOutcome::Acknowledged);
        QCOMPARE(call.digits, QStringLiteral("1"));
        QCOMPARE(
            statusesOf(store.events(first).value()),
            (QStringList{QStringLiteral("created queued"), QStringLiteral("status in-progress"),
                         QStringLiteral("gather acknowledged")}));
    }

    void corruptFileGivesClearError()
    {
        QByteArray garbage(64 * 1024, Qt::Uninitialized);
        QRandomGenerator random(20260301);
        for (char &byte : garbage)
            byte = char(random.bounded(256));
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(garbage);
        file.close();

        auto opened = CallStore::open(path());
        QVERIFY(!opened);
        const QString message = opened.error().message;
        QVERIFY2(message.contains(path()), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("file is not a database")), qPrintable(message));

        // Someone's file, not ours: it must be left exactly as it was.
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), garbage);
    }

    void directoryInPlaceOfTheFileGivesClearError()
    {
        QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("calls.db")));
        auto opened = CallStore::open(path());
        QVERIFY(!opened);
        QVERIFY2(opened.error().message.contains(path()), qPrintable(opened.error().message));
        QVERIFY2(opened.error().message.contains(QStringLiteral("unable to open")),
                 qPrintable(opened.error().message));
    }

    void unwritableFolderGivesClearError()
    {
        if (geteuid() == 0)
            QSKIP("root may write anywhere, so a read-only folder proves nothing");
        const QString folder = m_dir->filePath(QStringLiteral("locked"));
        QVERIFY(QDir().mkdir(folder));
        QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        const QString file = folder + QStringLiteral("/calls.db");
        auto opened = CallStore::open(file);
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner);
        QVERIFY(!opened);
        QVERIFY2(opened.error().message.contains(file), qPrintable(opened.error().message));
    }

    void fileWhereTheFolderShouldBeGivesClearError()
    {
        QFile blocker(m_dir->filePath(QStringLiteral("data")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const QString file = m_dir->filePath(QStringLiteral("data/calls.db"));
        auto opened = CallStore::open(file);
        QVERIFY(!opened);
        QVERIFY2(opened.error().message.contains(file), qPrintable(opened.error().message));
    }

    void missingFolderIsCreated()
    {
        const QString file = m_dir->filePath(QStringLiteral("a/b/calls.db"));
        auto opened = CallStore::open(file);
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        QCOMPARE(opened.value()->filePath(), file);
        QVERIFY(QFile::exists(file));
        QVERIFY(opened.value()->insertCall(newCall(QStringLiteral("CAdeep"))));
    }

    void fileIsInWalModeWithTheLatestSchemaVersion()
    {
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        QCOMPARE(rawQuery(path(), QStringLiteral("PRAGMA journal_mode")).toString(),
                 QStringLiteral("wal"));
        QCOMPARE(rawQuery(path(), QStringLiteral("PRAGMA user_version")).toInt(), latestSchema());
        QCOMPARE(rawQuery(path(), QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name IN"
                                                 " ('calls', 'call_events', 'pending_calls')"))
                     .toInt(),
                 3);
    }

    void versionTwoFileKeepsItsEventsAndStillDropsRepeatedCallbacks()
    {
        // A version 2 file as stops 1 to 10 wrote it: call_events with AUTOINCREMENT and two
        // indexes, ids with a gap (AUTOINCREMENT never reuses one).
        const QStringList v2 =
            schemaVersion2() +
            QStringList{
                QStringLiteral("INSERT INTO calls VALUES ('CAold', '+15555550101', '+15005550006', "
                               "'Old task', '', 'ringing', '', '', 2, -1, '', "
                               "'2026-03-01T09:00:00.000Z', '2026-03-01T09:00:30.000Z')"),
                QStringLiteral(
                    "INSERT INTO call_events VALUES (1, 'CAold', 'created', 'queued', -1, "
                    "'', '', -1, '', '2026-03-01T09:00:00.000Z')"),
                QStringLiteral(
                    "INSERT INTO call_events VALUES (2, 'CAold', 'status', 'initiated', 1, "
                    "'Sun, 01 Mar 2026 09:00:10 +0000', '', -1, '', "
                    "'2026-03-01T09:00:10.000Z')"),
                QStringLiteral(
                    "INSERT INTO call_events VALUES (7, 'CAold', 'status', 'ringing', 2, "
                    "'Sun, 01 Mar 2026 09:00:30 +0000', '', -1, '', "
                    "'2026-03-01T09:00:30.000Z')"),
                QStringLiteral("PRAGMA user_version = 2"),
            };
        for (const QString &sql : v2)
            rawQuery(path(), sql);
        QCOMPARE(rawQuery(path(), QStringLiteral("PRAGMA user_version")).toInt(), 2);

        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();
        QCOMPARE(rawQuery(path(), QStringLiteral("PRAGMA user_version")).toInt(), latestSchema());
        QCOMPARE(rawQuery(path(), QStringLiteral("SELECT group_concat(name) FROM sqlite_master"
                                                 " WHERE tbl_name = 'call_events'"))
                     .toString(),
                 QStringLiteral("call_events,call_events_by_call"));
        // The change log has AUTOINCREMENT of its own (ids never reused); the events do not.
        QCOMPARE(rawQuery(path(), QStringLiteral("SELECT count(*) FROM sqlite_master"
                                                 " WHERE tbl_name = 'call_events'"
                                                 " AND sql LIKE '%AUTOINCREMENT%'"))
                     .toInt(),
                 0);
        QCOMPARE(rawQuery(path(), QStringLiteral("PRAGMA foreign_key_check")), QVariant());

        const QList<CallEvent> before = store.events(QStringLiteral("CAold")).value();
        QCOMPARE(statusesOf(before),
                 (QStringList{QStringLiteral("created queued"), QStringLiteral("status initiated"),
                              QStringLiteral("status ringing")}));
        QCOMPARE(before.at(2).id, 7);
        QCOMPARE(before.at(2).timestamp, QStringLiteral("Sun, 01 Mar 2026 09:00:30 +0000"));

        // Twilio retrying a callback the old file already holds changes nothing.
        QCOMPARE(
            store.applyStatus(statusEvent(QStringLiteral("CAold"), CallStatus::Ringing, 2)).value(),
            CallStore::StatusResult::Duplicate);
        QCOMPARE(store.events(QStringLiteral("CAold")).value().size(), 3);
        // A new one is stored after the old ones.
        QCOMPARE(store.applyStatus(statusEvent(QStringLiteral("CAold"), CallStatus::InProgress, 3))
                     .value(),
                 CallStore::StatusResult::Applied);
        const QList<CallEvent> after = store.events(QStringLiteral("CAold")).value();
        QCOMPARE(after.size(), 4);
        QVERIFY(after.at(3).id > 7);
        QCOMPARE(after.at(3).status, CallStatus::InProgress);
    }

    void versionThreeFileGivesEveryEndedCallItsReason()
    {
        // A version 3 file as stops 11 to 23 wrote it: the schema's own first three steps.
        QStringList v3;
        for (int step = 0; step < 3; ++step)
            v3 += CallStoreSchema::migrations().at(step);
        const auto row = [](const char *sid, const char *status, const char *outcome,
                            const char *digits) {
            return QStringLiteral("INSERT INTO calls VALUES ('%1', '+15555550101', "
                                  "'+15005550006', 'Old task', '', '%2', '%3', '%4', 3, -1, '', "
                                  "'2026-03-01T09:00:00.000Z', '2026-03-01T09:01:00.000Z')")
                .arg(QLatin1String(sid), QLatin1String(status), QLatin1String(outcome),
                     QLatin1String(digits));
        };
        v3 << row("CAbusy", "busy", "pending", "") << row("CAnoanswer", "no-answer", "pending", "")
           << row("CAsilent", "completed", "pending", "")
           << row("CAdeclined", "completed", "not_acknowledged", "2")
           << row("CAgaveup", "in-progress", "not_acknowledged", "")
           << row("CAringing", "ringing", "pending", "")
           << row("CAacked", "completed", "acknowledged", "1")
           << QStringLiteral("PRAGMA user_version = 3");
        for (const QString &sql : v3)
            rawQuery(path(), sql);

        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();
        QCOMPARE(rawQuery(path(), QStringLiteral("PRAGMA user_version")).toInt(), latestSchema());
        const auto expect = [&](const char *sid, const QString &outcome, const QString &reason) {
            const auto call = store.call(QLatin1String(sid));
            QVERIFY(call && call.value());
            QCOMPARE(call.value()->outcome, outcome);
            QCOMPARE(call.value()->reason, reason);
            QVERIFY(call.value()->placedHere);
            QCOMPARE(call.value()->answeredBy, QString());
        };
        expect("CAbusy", CallOutcome::NotAcknowledged, CallReason::Busy);
        expect("CAnoanswer", CallOutcome::NotAcknowledged, CallReason::NoAnswer);
        expect("CAsilent", CallOutcome::NotAcknowledged, CallReason::NoInput);
        expect("CAdeclined", CallOutcome::NotAcknowledged, CallReason::Declined);
        expect("CAgaveup", CallOutcome::NotAcknowledged, CallReason::NoInput);
        expect("CAringing", CallOutcome::Pending, QString());
        expect("CAacked", CallOutcome::Acknowledged, QString());
        // The ringing call still ends with a reason when its last callback comes.
        QCOMPARE(
            store.applyStatus(statusEvent(QStringLiteral("CAringing"), CallStatus::Completed, 5))
                .value(),
            CallStore::StatusResult::Applied);
        expect("CAringing", CallOutcome::NotAcknowledged, CallReason::NoInput);
    }

    void repeatedCallbacksAreStoredOnceButEveryKeypressIsKept()
    {
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();
        const QString sid = QStringLiteral("CAonce");
        QVERIFY(store.insertCall(newCall(sid)));
        QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::Ringing, 1)).value(),
                 CallStore::StatusResult::Applied);
        QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::Ringing, 1)).value(),
                 CallStore::StatusResult::Duplicate);
        // Same status, another SequenceNumber: not a repeat (stale, but kept in the history).
        QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::Ringing, 0)).value(),
                 CallStore::StatusResult::Stale);
        // Without a SequenceNumber, the same status twice is one event.
        QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::Completed, -1)).value(),
                 CallStore::StatusResult::Applied);
        QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::Completed, -1)).value(),
                 CallStore::StatusResult::Duplicate);
        // Pressing 2, then 3, then 2 again is three answers.
        for (const char *digits : {"2", "3", "2"})
            QVERIFY(store.recordOutcome(sid, false, QString::fromLatin1(digits)));
        int gathers = 0;
        const QList<CallEvent> events = store.events(sid).value();
        for (const CallEvent &event : events)
            gathers += event.kind == CallEvent::Kind::Gather;
        QCOMPARE(gathers, 3);
        QCOMPARE(eventsOnDisk(path()), 1 + 3 + 3);
    }

    void storeConnectionWaitsForLocksAndLeavesTheSyncToItsSyncer()
    {
        const QStringList before = QSqlDatabase::connectionNames();
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        QStringList added = QSqlDatabase::connectionNames();
        for (const QString &name : before)
            added.removeOne(name);
        QCOMPARE(added.size(), 1);
        {
            // A copy of the store's own connection: these settings are per connection.
            QSqlDatabase db = QSqlDatabase::database(added.first(), false);
            QSqlQuery q(db);
            auto pragma = [&q](const char *name) {
                return q.exec(QStringLiteral("PRAGMA %1").arg(QLatin1String(name))) && q.next()
                           ? q.value(0).toInt()
                           : -1;
            };
            // NORMAL: in WAL mode the store's WalSyncer syncs each commit (TestWalSync).
            QCOMPARE(pragma("synchronous"), 1);
            QCOMPARE(pragma("foreign_keys"), 1);
            QCOMPARE(pragma("busy_timeout"), 2000);
        }
    }

    void closingAStoreReleasesOnlyItsOwnConnection()
    {
        const int connectionsBefore = QSqlDatabase::connectionNames().size();
        auto first = CallStore::open(path());
        auto second = CallStore::open(path());
        QVERIFY2(first, qPrintable(errorOf(first)));
        QVERIFY2(second, qPrintable(errorOf(second)));
        QCOMPARE(QSqlDatabase::connectionNames().size(), connectionsBefore + 2);
        QVERIFY(first.value()->insertCall(newCall(QStringLiteral("CAshared"))));

        first.value().reset();
        QCOMPARE(QSqlDatabase::connectionNames().size(), connectionsBefore + 1);
        auto seen = second.value()->call(QStringLiteral("CAshared"));
        QVERIFY2(seen, qPrintable(errorOf(seen)));
        QVERIFY(seen.value().has_value());
        second.value().reset();
        QCOMPARE(QSqlDatabase::connectionNames().size(), connectionsBefore);
    }

    void newerSchemaVersionIsRefused()
    {
        {
            auto opened = CallStore::open(path());
            QVERIFY2(opened, qPrintable(errorOf(opened)));
        }
        rawQuery(path(), QStringLiteral("PRAGMA user_version = 99"));
        QCOMPARE(rawQuery(path(), QStringLiteral("PRAGMA user_version")).toInt(), 99);

        auto opened = CallStore::open(path());
        QVERIFY(!opened);
        QVERIFY2(opened.error().message.contains(path()), qPrintable(opened.error().message));
        QVERIFY2(opened.error().message.contains(QStringLiteral("version 99")),
                 qPrintable(opened.error().message));
    }

    void otherSqliteFileIsNotTakenOver()
    {
        rawQuery(path(), QStringLiteral("CREATE TABLE notes (text TEXT)"));
        auto opened = CallStore::open(path());
        QVERIFY(!opened);
        QVERIFY2(opened.error().message.contains(path()), qPrintable(opened.error().message));
        QCOMPARE(rawQuery(path(), QStringLiteral("SELECT count(*) FROM sqlite_master")).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCallStoreFile)
#include "TestCallStoreFile.moc"
