// TestCallStore: how calls, status callbacks and answers are stored and read back, on real files.
#include "CallStoreFixtures.h"
#include "calls/CallStore.h"

#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

using namespace flux;
using namespace flux::testing;

class TestCallStore : public QObject
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

    void insertedCallReadsBackWithAllFields()
    {
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();

        CallRecord call;
        call.sid = QStringLiteral("CA0123456789abcdef0123456789abcdef");
        call.to = QStringLiteral("+15005550006");
        call.from = QStringLiteral("+15005550001");
        call.taskTitle = QStringLiteral("Kühlung im Serverraum — prüfen");
        call.taskId = QStringLiteral("T-42");
        call.status = CallStatus::Ringing;
        call.outcome = CallOutcome::NotAcknowledged;
        call.digits = QStringLiteral("2");
        call.lastSequence = 1;
        call.durationSeconds = 17;
        call.errorMessage = QStringLiteral("none really");
        // Given in +02:00; must come back as the same instant, in UTC.
        call.initiatedAt = QDateTime(QDate(2026, 3, 1), QTime(14, 5, 6, 789), QTimeZone(2 * 3600));
        call.updatedAt = QDateTime(QDate(2026, 3, 1), QTime(12, 5, 7, 1), Qt::UTC);
        auto inserted = store.insertCall(call);
        QVERIFY2(inserted, qPrintable(errorOf(inserted)));

        auto read = store.call(call.sid);
        QVERIFY2(read, qPrintable(errorOf(read)));
        QVERIFY(read.value().has_value());
        const CallRecord back = *read.value();
        QCOMPARE(back.sid, call.sid);
        QCOMPARE(back.to, call.to);
        QCOMPARE(back.from, call.from);
        QCOMPARE(back.taskTitle, call.taskTitle);
        QCOMPARE(back.taskId, call.taskId);
        QCOMPARE(back.status, call.status);
        QCOMPARE(back.outcome, call.outcome);
        QCOMPARE(back.digits, call.digits);
        QCOMPARE(back.lastSequence, call.lastSequence);
        QCOMPARE(back.durationSeconds, call.durationSeconds);
        QCOMPARE(back.errorMessage, call.errorMessage);
        QCOMPARE(back.initiatedAt, call.initiatedAt);
        QCOMPARE(back.initiatedAt.timeSpec(), Qt::UTC);
        QCOMPARE(back.initiatedAt.time(), QTime(12, 5, 6, 789));
        QCOMPARE(back.updatedAt, call.updatedAt);
        QCOMPARE(back.updatedAt.timeSpec(), Qt::UTC);

        // On disk: ISO-8601 in UTC with milliseconds, so text order is time order.
        QCOMPARE(rawQuery(path(), QStringLiteral("SELECT initiated_at FROM calls")).toString(),
                 QStringLiteral("2026-03-01T12:05:06.789Z"));

        auto events = store.events(call.sid);
        QVERIFY2(events, qPrintable(errorOf(events)));
        QCOMPARE(statusesOf(events.value()), QStringList{QStringLiteral("created ringing")});
        QCOMPARE(events.value().first().receivedAt, call.initiatedAt);

        auto missing = store.call(QStringLiteral("CAnotthere"));
        QVERIFY2(missing, qPrintable(errorOf(missing)));
        QVERIFY(!missing.value().has_value());
    }

    void newerSequenceUpdatesStatus()
    {
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();
        const QString sid = QStringLiteral("CAnewer");
        QVERIFY(store.insertCall(newCall(sid)));

        const QStringList statuses = {CallStatus::Initiated, CallStatus::Ringing,
                                      CallStatus::InProgress};
        for (int sequence = 0; sequence < statuses.size(); ++sequence) {
            auto applied =
                store.applyStatus(statusEvent(sid, statuses[sequence], sequence, at(1 + sequence)));
            QVERIFY2(applied, qPrintable(errorOf(applied)));
            QCOMPARE(applied.value(), CallStore::StatusResult::Applied);
            const CallRecord call = *store.call(sid).value();
            QCOMPARE(call.status, statuses[sequence]);
            QCOMPARE(call.lastSequence, sequence);
            QCOMPARE(call.durationSeconds, -1);
            QCOMPARE(call.updatedAt, at(1 + sequence));
        }

        CallEvent completed = statusEvent(sid, CallStatus::Completed, 3, at(9, 250));
        completed.durationSeconds = 42;
        QCOMPARE(store.applyStatus(completed).value(), CallStore::StatusResult::Applied);
        const CallRecord call = *store.call(sid).value();
        QCOMPARE(call.status, CallStatus::Completed);
        QCOMPARE(call.lastSequence, 3);
        QCOMPARE(call.durationSeconds, 42);
        QCOMPARE(call.updatedAt, at(9, 250));
        QVERIFY(call.errorMessage.isEmpty());
    }

    void olderSequenceIsKeptInHistoryButDoesNotOverwrite()
    {
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();
        const QString sid = QStringLiteral("CAolder");
        QVERIFY(store.insertCall(newCall(sid)));

        QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::InProgress, 2, at(2))).value(),
                 CallStore::StatusResult::Applied);
        QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::Ringing, 1, at(3))).value(),
                 CallStore::StatusResult::Stale);
        // An equal SequenceNumber with another status is no newer either.
        QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::Initiated, 2, at(4))).value(),
                 CallStore::StatusResult::Stale);

        const CallRecord call = *store.call(sid).value();
        QCOMPARE(call.status, CallStatus::InProgress);
        QCOMPARE(call.lastSequence, 2);
        QCOMPARE(call.updatedAt, at(2));
        const QList<CallEvent> events = store.events(sid).value();
        QCOMPARE(
            statusesOf(events),
            (QStringList{QStringLiteral("created queued"), QStringLiteral("status in-progress"),
                         QStringLiteral("status ringing"), QStringLiteral("status initiated")}));
        QCOMPARE(events[2].sequence, 1);
        QCOMPARE(events[2].receivedAt, at(3));
    }

    void repeatedCallbackChangesNothing()
    {
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();
        const QString sid = QStringLiteral("CArepeat");
        QVERIFY(store.insertCall(newCall(sid)));

        QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::Ringing, 1, at(1))).value(),
                 CallStore::StatusResult::Applied);
        const QStringList callBefore = fieldsOf(*store.call(sid).value());
        const QStringList eventsBefore = fieldsOf(store.events(sid).value());

        // Twilio's retry: same status and SequenceNumber, arriving later.
        QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::Ringing, 1, at(5))).value(),
                 CallStore::StatusResult::Duplicate);
        QCOMPARE(fieldsOf(*store.call(sid).value()), callBefore);
        QCOMPARE(fieldsOf(store.events(sid).value()), eventsBefore);

        // Without a SequenceNumber, the same status twice is a repeat as well.
        QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::InProgress, -1, at(6))).value(),
                 CallStore::StatusResult::Applied);
        QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::InProgress, -1, at(7))).value(),
                 CallStore::StatusResult::Duplicate);
        QCOMPARE(store.call(sid).value()->updatedAt, at(6));
        QCOMPARE(store.events(sid).value().size(), eventsBefore.size() + 1);
    }

    void repeatsAreCaughtWhateverTheirSequence()
    {
        // Only a SequenceNumber above the call's last skips the look-up for a stored repeat:
        // retries of the latest, of a stale one and of one in the same group are all caught.
        const QString sid = QStringLiteral("CArepeats");
        {
            auto opened = CallStore::open(path());
            QVERIFY2(opened, qPrintable(errorOf(opened)));
            CallStore &store = *opened.value();
            QVERIFY(store.insertCall(newCall(sid)));
            QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::Ringing, 2, at(1))).value(),
                     CallStore::StatusResult::Applied);
            QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::Initiated, 1, at(2))).value(),
                     CallStore::StatusResult::Stale);
            QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::Initiated, 1, at(3))).value(),
                     CallStore::StatusResult::Duplicate);
            QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::Ringing, 2, at(4))).value(),
                     CallStore::StatusResult::Duplicate);

            // Twice in one group: the first raised the call's last SequenceNumber in the open
            // transaction, so the second is looked up, and found.
            const CallEvent answered = statusEvent(sid, CallStatus::InProgress, 3, at(5));
            QCOMPARE(store.applyStatus(answered, CallStore::Commit::Grouped).value(),
                     CallStore::StatusResult::Applied);
            QCOMPARE(store.applyStatus(answered, CallStore::Commit::Grouped).value(),
                     CallStore::StatusResult::Duplicate);
            store.close();
        }
        // From the file, as the next start would see it.
        auto reopened = CallStore::open(path());
        QVERIFY2(reopened, qPrintable(errorOf(reopened)));
        CallStore &store = *reopened.value();
        QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::InProgress, 3, at(6))).value(),
                 CallStore::StatusResult::Duplicate);
        QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::Completed, 4, at(7))).value(),
                 CallStore::StatusResult::Applied);
        QCOMPARE(
            statusesOf(store.events(sid).value()),
            (QStringList{QStringLiteral("created queued"), QStringLiteral("status ringing"),
                         QStringLiteral("status initiated"), QStringLiteral("status in-progress"),
                         QStringLiteral("status completed")}));
        QCOMPARE(store.call(sid).value()->lastSequence, 4);
    }

    void statusWithoutSequenceAppliesUntilTheCallIsFinal()
    {
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();
        const QString sid = QStringLiteral("CAnoseq");
        QVERIFY(store.insertCall(newCall(sid)));

        QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::Ringing, -1)).value(),
                 CallStore::StatusResult::Applied);
        QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::Completed, -1)).value(),
                 CallStore::StatusResult::Applied);
        QCOMPARE(store.applyStatus(statusEvent(sid, CallStatus::InProgress, -1)).value(),
                 CallStore::StatusResult::Stale);
        const CallRecord call = *store.call(sid).value();
        QCOMPARE(call.status, CallStatus::Completed);
        QCOMPARE(call.lastSequence, -1);
        QCOMPARE(store.events(sid).value().size(), 4);
    }

    void failedCallKeepsTheReason()
    {
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();
        const QString sid = QStringLiteral("CAfailed");
        QVERIFY(store.insertCall(newCall(sid)));

        CallEvent failed = statusEvent(sid, CallStatus::Failed, 1);
        failed.detail = QStringLiteral("21217: Phone number is not a valid phone number");
        failed.error = failed.detail;
        QCOMPARE(store.applyStatus(failed).value(), CallStore::StatusResult::Applied);
        const CallRecord call = *store.call(sid).value();
        QCOMPARE(call.status, CallStatus::Failed);
        QCOMPARE(call.errorMessage, failed.detail);
        QCOMPARE(store.events(sid).value().last().detail, failed.detail);
    }

    void reasonOutsideAsciiReadsBackAsGivenAndAShorterOneAfterIt()
    {
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();
        const QString sid = QStringLiteral("CAunicode");
        QVERIFY(store.insertCall(newCall(sid)));

        // Bound text that is all ASCII is narrowed byte for byte; this has a letter, a dash, CJK
        // and a surrogate pair after its first ASCII letter, so it takes the UTF-8 conversion.
        CallEvent failed = statusEvent(sid, CallStatus::Failed, 1);
        failed.detail = QString::fromUtf8("Z\xc3\xbcrich \xe2\x80\x93 \xe9\x9b\xbb\xe8\xa9\xb1 "
                                          "\xf0\x9f\x93\x9e unreachable");
        failed.error = failed.detail;
        QCOMPARE(store.applyStatus(failed).value(), CallStore::StatusResult::Applied);
        QCOMPARE(store.call(sid).value()->errorMessage, failed.detail);
        QCOMPARE(store.events(sid).value().last().detail, failed.detail);

        // The statement's buffers are reused: a shorter value leaves nothing of the longer one.
        CallEvent later = statusEvent(sid, CallStatus::Failed, 2);
        later.detail = QStringLiteral("busy");
        later.error = later.detail;
        QCOMPARE(store.applyStatus(later).value(), CallStore::StatusResult::Applied);
        QCOMPARE(store.call(sid).value()->errorMessage, later.detail);
        QCOMPARE(store.events(sid).value().last().detail, later.detail);
    }

    void aLaterStatusWithoutDurationOrReasonKeepsTheStoredOnes()
    {
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();
        const QString sid = QStringLiteral("CAkeeps");
        QVERIFY(store.insertCall(newCall(sid)));

        CallEvent failed = statusEvent(sid, CallStatus::Failed, 1);
        failed.durationSeconds = 5;
        failed.detail = QStringLiteral("31005: Connection error");
        failed.error = failed.detail;
        QCOMPARE(store.applyStatus(failed).value(), CallStore::StatusResult::Applied);
        // Newer, but saying neither how long nor why: what is stored stays.
        CallEvent later = statusEvent(sid, CallStatus::Failed, 2);
        QCOMPARE(store.applyStatus(later).value(), CallStore::StatusResult::Applied);
        CallRecord call = *store.call(sid).value();
        QCOMPARE(call.lastSequence, 2);
        QCOMPARE(call.durationSeconds, 5);
        QCOMPARE(call.errorMessage, failed.detail);

        // A reason on a status other than failed is history only.
        CallEvent completed = statusEvent(sid, CallStatus::Completed, 3);
        completed.durationSeconds = 0;
        completed.detail = QStringLiteral("not a failure");
        completed.error = completed.detail;
        QCOMPARE(store.applyStatus(completed).value(), CallStore::StatusResult::Applied);
        call = *store.call(sid).value();
        QCOMPARE(call.durationSeconds, 0);
        QCOMPARE(call.errorMessage, failed.detail);
    }

    void aFailureWithoutAnErrorKeepsItsDetailInTheHistoryOnly()
    {
        // A status learnt from Twilio's REST API says where it came from, not why it failed.
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();
        const QString sid = QStringLiteral("CAreconciled");
        QVERIFY(store.insertCall(newCall(sid)));
        CallEvent failed = statusEvent(sid, CallStatus::Failed, -1);
        failed.detail = QStringLiteral("Reconciled from Twilio's REST API");
        QCOMPARE(store.applyStatus(failed).value(), CallStore::StatusResult::Applied);
        QCOMPARE(store.call(sid).value()->errorMessage, QString());
        QCOMPARE(store.call(sid).value()->reason, CallReason::Failed);
        QCOMPARE(store.events(sid).value().last().detail, failed.detail);
    }

    void statusForUnknownCallWritesNothing()
    {
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();
        QVERIFY(store.insertCall(newCall(QStringLiteral("CAknown"))));

        const QString unknown = QStringLiteral("CAunknown");
        auto applied = store.applyStatus(statusEvent(unknown, CallStatus::Ringing, 1));
        QVERIFY2(applied, qPrintable(errorOf(applied)));
        QCOMPARE(applied.value(), CallStore::StatusResult::UnknownCall);
        QCOMPARE(store.recordOutcome(unknown, true, QStringLiteral("1")).value(),
                 CallStore::OutcomeResult::UnknownCall);

        QVERIFY(store.events(unknown).value().isEmpty());
        QVERIFY(!store.call(unknown).value().has_value());
        QCOMPARE(store.recentCalls(10).value().size(), 1);
        QCOMPARE(eventsOnDisk(path()), 1);
    }

    void acknowledgmentIsDurableAndNeverDowngraded()
    {
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();
        const QString sid = QStringLiteral("CAack");
        QVERIFY(store.insertCall(newCall(sid)));

        auto recorded = store.recordOutcome(sid, true, QStringLiteral("1"));
        QVERIFY2(recorded, qPrintable(errorOf(recorded)));
        QCOMPARE(recorded.value(), CallStore::OutcomeResult::Recorded);

        // A second, independent connection to the file sees it the moment the call returned.
        auto other = CallStore::open(path());
        QVERIFY2(other, qPrintable(errorOf(other)));
        CallRecord seen = *other.value()->call(sid).value();
        QCOMPARE(seen.outcome, CallOutcome::Acknowledged);
        QCOMPARE(seen.digits, QStringLiteral("1"));

        QCOMPARE(store.recordOutcome(sid, false, QStringLiteral("2")).value(),
                 CallStore::OutcomeResult::AcknowledgedBefore);
        QCOMPARE(store.recordOutcome(sid, true, QStringLiteral("1")).value(),
                 CallStore::OutcomeResult::AcknowledgedBefore);
        // Nor through the other connection.
        QCOMPARE(other.value()->recordOutcome(sid, false, QStringLiteral("9")).value(),
                 CallStore::OutcomeResult::AcknowledgedBefore);

        seen = *other.value()->call(sid).value();
        QCOMPARE(seen.outcome, CallOutcome::Acknowledged);
        QCOMPARE(seen.digits, QStringLiteral("1"));
        QCOMPARE(
            statusesOf(store.events(sid).value()),
            (QStringList{QStringLiteral("created queued"), QStringLiteral("gather acknowledged")}));
    }

    void laterAnswersReplaceANonAcknowledgment()
    {
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();
        const QString sid = QStringLiteral("CAretry");
        QVERIFY(store.insertCall(newCall(sid)));

        QCOMPARE(store.recordOutcome(sid, false, QStringLiteral("2")).value(),
                 CallStore::OutcomeResult::Recorded);
        QCOMPARE(store.recordOutcome(sid, false, QStringLiteral("2")).value(),
                 CallStore::OutcomeResult::Duplicate);
        QCOMPARE(store.recordOutcome(sid, false, QStringLiteral("3")).value(),
                 CallStore::OutcomeResult::Recorded);
        QCOMPARE(store.call(sid).value()->digits, QStringLiteral("3"));
        QCOMPARE(store.recordOutcome(sid, false, QStringLiteral("2")).value(),
                 CallStore::OutcomeResult::Recorded);
        QCOMPARE(store.recordOutcome(sid, true, QStringLiteral("1")).value(),
                 CallStore::OutcomeResult::Recorded);

        const CallRecord call = *store.call(sid).value();
        QCOMPARE(call.outcome, CallOutcome::Acknowledged);
        QCOMPARE(call.digits, QStringLiteral("1"));
        QStringList digits;
        const QList<CallEvent> events = store.events(sid).value();
        for (const CallEvent &event : events) {
            if (event.kind == CallEvent::Kind::Gather)
                digits << event.status + QLatin1Char(':') + event.digits;
        }
        QCOMPARE(
            digits,
            (QStringList{QStringLiteral("not_acknowledged:2"), QStringLiteral("not_acknowledged:3"),
                         QStringLiteral("not_acknowledged:2"), QStringLiteral("acknowledged:1")}));
    }

    void recentCallsAreNewestFirstAndLimited()
    {
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();
        // Inserted out of time order, so insertion order cannot pass for time order.
        for (int minute : {3, 1, 4, 0, 2})
            QVERIFY(store.insertCall(newCall(QStringLiteral("CA%1").arg(minute), at(minute))));

        auto sidsOf = [](const QList<CallRecord> &calls) {
            QStringList sids;
            for (const CallRecord &call : calls)
                sids << call.sid;
            return sids;
        };
        auto three = store.recentCalls(3);
        QVERIFY2(three, qPrintable(errorOf(three)));
        QCOMPARE(sidsOf(three.value()), (QStringList{QStringLiteral("CA4"), QStringLiteral("CA3"),
                                                     QStringLiteral("CA2")}));
        QCOMPARE(sidsOf(store.recentCalls(100).value()),
                 (QStringList{QStringLiteral("CA4"), QStringLiteral("CA3"), QStringLiteral("CA2"),
                              QStringLiteral("CA1"), QStringLiteral("CA0")}));
        QVERIFY(store.recentCalls(0).value().isEmpty());
    }

    void eventsAreOldestFirst()
    {
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();
        const QString sid = QStringLiteral("CAorder");
        QVERIFY(store.insertCall(newCall(sid)));
        QVERIFY(store.insertCall(newCall(QStringLiteral("CAother"))));

        QVERIFY(store.applyStatus(statusEvent(sid, CallStatus::Ringing, 1)));
        QVERIFY(store.applyStatus(statusEvent(QStringLiteral("CAother"), CallStatus::Busy, 1)));
        QVERIFY(store.applyStatus(statusEvent(sid, CallStatus::InProgress, 3)));
        QVERIFY(store.recordOutcome(sid, true, QStringLiteral("1")));
        QVERIFY(store.applyStatus(statusEvent(sid, CallStatus::Initiated, 0)));

        const QList<CallEvent> events = store.events(sid).value();
        QCOMPARE(statusesOf(events),
                 (QStringList{QStringLiteral("created queued"), QStringLiteral("status ringing"),
                              QStringLiteral("status in-progress"),
                              QStringLiteral("gather acknowledged"),
                              QStringLiteral("status initiated")}));
        for (int i = 1; i < events.size(); ++i)
            QVERIFY(events[i - 1].id < events[i].id);
        for (const CallEvent &event : events)
            QCOMPARE(event.callSid, sid);
        QCOMPARE(events[3].digits, QStringLiteral("1"));
    }

    void duplicateSidIsAnError()
    {
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();
        const QString sid = QStringLiteral("CAtwice");
        QVERIFY(store.insertCall(newCall(sid)));

        CallRecord again = newCall(sid, at(30));
        again.taskTitle = QStringLiteral("Something else");
        auto inserted = store.insertCall(again);
        QVERIFY(!inserted);
        QVERIFY2(inserted.error().message.contains(sid), qPrintable(inserted.error().message));
        QVERIFY2(inserted.error().message.contains(path()), qPrintable(inserted.error().message));
        QVERIFY2(inserted.error().message.contains(QStringLiteral("UNIQUE")),
                 qPrintable(inserted.error().message));

        QCOMPARE(fieldsOf(*store.call(sid).value()), fieldsOf(newCall(sid)));
        QCOMPARE(store.events(sid).value().size(), 1);
        // The failed transaction was rolled back, so the store keeps working.
        QVERIFY(store.insertCall(newCall(QStringLiteral("CAnext"))));
    }

    void applyStatusRefusesOtherKindsOfEvent()
    {
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        CallStore &store = *opened.value();
        QVERIFY(store.insertCall(newCall(QStringLiteral("CAkind"))));
        CallEvent gather = statusEvent(QStringLiteral("CAkind"), CallOutcome::Acknowledged, -1);
        gather.kind = CallEvent::Kind::Gather;
        QVERIFY(!store.applyStatus(gather));
        QCOMPARE(store.events(QStringLiteral("CAkind")).value().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCallStore)
#include "TestCallStore.moc"
