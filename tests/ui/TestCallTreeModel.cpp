// The call list's model on its own: compact rows that read back what was put in, batches, and
// notifications with their calls underneath.
#include "CallSortProxy.h"
#include "CallTreeModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace flux;

namespace {
CallRecord callOf(int i, const QString &status)
{
    CallRecord call;
    call.sid = QStringLiteral("CA%1").arg(i, 32, 16, QLatin1Char('0'));
    call.to = QStringLiteral("+4930%1").arg(i, 7, 10, QLatin1Char('0'));
    call.taskTitle = QStringLiteral("Serveur %1 en panne — überprüfen").arg(i);
    call.taskId = i % 2 ? QStringLiteral("INC-%1").arg(i) : QString();
    call.status = status;
    call.initiatedAt = QDateTime::fromMSecsSinceEpoch(1700000000000 + qint64(i) * 1000, Qt::UTC);
    return call;
}
// A notification of two numbers, one attempt each; `calls` are its attempts' calls so far.
Notification notificationOf(const QList<CallRecord> &calls)
{
    Notification notification;
    notification.id = QStringLiteral("NO%1").arg(7, 32, 16, QLatin1Char('0'));
    notification.taskTitle = QStringLiteral("Database is down");
    notification.numbers = {QStringLiteral("+15555550103"), QStringLiteral("+15555550101")};
    notification.createdAt = QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC);
    for (const CallRecord &call : calls) {
        NotificationAttempt attempt;
        attempt.index = int(notification.attempts.size());
        attempt.number = call.to;
        attempt.requestId = call.requestId;
        attempt.callSid = call.sid;
        notification.attempts.append(attempt);
    }
    notification.nextAttempt = int(notification.attempts.size());
    return notification;
}

CallRecord attemptCall(int i)
{
    CallRecord call = callOf(i, QStringLiteral("busy"));
    call.requestId = QStringLiteral("request-%1").arg(i);
    return call;
}

} // namespace

class TestCallTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyRowReadsBackWhatWasPutInAndIsFoundBySid()
    {
        QList<CallRecord> calls;
        for (int i = 0; i < 5000; ++i)
            calls.append(callOf(i, i % 3 ? QStringLiteral("busy") : QStringLiteral("ringing")));
        calls[42].errorMessage = QStringLiteral("Twilio error 13224: invalid number");
        CallTreeModel model;
        model.reset(calls);
        QCOMPARE(model.rowCount(), 5000);
        for (int i = 0; i < 5000; i += 7) {
            const int row = model.rowOf(calls.at(i).sid);
            QCOMPARE(row, i);
            QCOMPARE(model.rows().sid(row), calls.at(i).sid);
            QCOMPARE(model.rows().to(row), calls.at(i).to);
            QCOMPARE(model.rows().taskTitle(row), calls.at(i).taskTitle);
            QCOMPARE(model.rows().taskId(row), calls.at(i).taskId);
            QCOMPARE(model.index(row, CallTreeModel::Time).data(CallTreeModel::SortRole),
                     calls.at(i).initiatedAt.toMSecsSinceEpoch());
        }
        QCOMPARE(model.index(42, CallTreeModel::Status).data(Qt::ToolTipRole).toString(),
                 calls.at(42).errorMessage);
        QCOMPARE(model.rowOf(QStringLiteral("CAnope")), -1);
    }

    void aBatchWithTheSameCallTwiceAddsOneRowShowingTheLaterState()
    {
        CallTreeModel model;
        model.reset(QList<CallRecord>{callOf(1, QStringLiteral("completed"))});
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        CallRecord later = callOf(2, QStringLiteral("in-progress"));
        later.durationSeconds = 75;
        model.upsert(QList<CallRecord>{callOf(2, QStringLiteral("queued")),
                                       callOf(3, QStringLiteral("ringing")), later});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(inserted.size(), 1); // one insertion for the whole batch
        const int row = model.rowOf(later.sid);
        QCOMPARE(model.index(row, CallTreeModel::Status).data().toString(),
                 QStringLiteral("in progress"));
        QCOMPARE(model.index(row, CallTreeModel::Duration).data().toString(),
                 QStringLiteral("1 min 15 s"));
    }

    void aStatusChangeAnnouncesOnlyTheColumnsItChangesAndKeepsTheSortedOrder()
    {
        QList<CallRecord> calls;
        for (int i = 0; i < 100; ++i)
            calls.append(callOf(i, QStringLiteral("ringing")));
        CallTreeModel model;
        model.reset(calls);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(CallTreeModel::SortRole);
        proxy.sort(CallTreeModel::Time, Qt::DescendingOrder);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy moved(&proxy, &QAbstractItemModel::layoutChanged);

        model.upsert(QList<CallRecord>{callOf(10, QStringLiteral("busy")),
                                       callOf(20, QStringLiteral("ringing"))}); // no change
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().column(), int(CallTreeModel::Status));
        QCOMPARE(changed.first().at(1).toModelIndex().column(), int(CallTreeModel::Duration));
        QCOMPARE(moved.size(), 0);
        QCOMPARE(proxy.index(89, CallTreeModel::Status).data().toString(), QStringLiteral("busy"));
    }

    void aNotificationsCallsFollowItsRowInAttemptOrderWhicheverWayTheListIsSorted()
    {
        const CallRecord first = attemptCall(1);
        const CallRecord second = attemptCall(2);
        QList<CallRecord> calls{second, first}; // the store reads newest first
        for (int i = 10; i < 20; ++i)
            calls.append(callOf(i, QStringLiteral("completed")));
        CallTreeModel model;
        model.reset(calls, {notificationOf({first, second})});
        const QString id = notificationOf({}).id;
        QCOMPARE(model.rowCount(), 13); // the calls and the notification
        QCOMPARE(model.callsOf(id), (QStringList{first.sid, second.sid}));
        QCOMPARE(model.notificationIdOf(second.sid), id);
        const QModelIndex row = model.notificationIndex(id);
        QCOMPARE(row.siblingAtColumn(CallTreeModel::Status).data().toString(),
                 QStringLiteral("attempt 2 of 2"));
        QCOMPARE(model.indexOf(second.sid, CallTreeModel::Task).data().toString(),
                 QStringLiteral("attempt 2 of 2"));
        QVERIFY(row.data(CallTreeModel::SidRole).toString().isEmpty());

        CallSortProxy proxy(&model);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const Qt::SortOrder order : {Qt::DescendingOrder, Qt::AscendingOrder}) {
            for (const int column : {int(CallTreeModel::Time), int(CallTreeModel::Number),
                                     int(CallTreeModel::Status), int(CallTreeModel::Duration)}) {
                proxy.sort(column, order);
                const int head = proxy.mapFromSource(row).row();
                QCOMPARE(proxy.index(head + 1, 0).data(CallTreeModel::SidRole).toString(),
                         first.sid);
                QCOMPARE(proxy.index(head + 2, 0).data(CallTreeModel::SidRole).toString(),
                         second.sid);
            }
        }
        proxy.sort(CallTreeModel::Time, Qt::DescendingOrder);
        QCOMPARE(proxy.mapFromSource(row).row(), 10); // created before every call: the oldest

        // Collapsed, its calls are hidden; expanded again, they are back.
        model.setCollapsed(id, true);
        QCOMPARE(proxy.rowCount(), 11);
        QVERIFY(!proxy.mapFromSource(model.indexOf(first.sid)).isValid());
        model.setCollapsed(id, false);
        QCOMPARE(proxy.rowCount(), 13);
    }

    void aCallAnnouncedBeforeItsNotificationJoinsIt()
    {
        CallTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        CallSortProxy proxy(&model);
        proxy.sort(CallTreeModel::Time, Qt::DescendingOrder);
        for (int i = 10; i < 15; ++i)
            model.upsert(callOf(i, QStringLiteral("completed"))); // newer than the notification
        const CallRecord first = attemptCall(1);
        model.upsert(first);
        QVERIFY(model.notificationIdOf(first.sid).isEmpty());

        model.upsert(notificationOf({first}));
        const QString id = notificationOf({}).id;
        QCOMPARE(model.notificationIdOf(first.sid), id);
        const int head = proxy.mapFromSource(model.notificationIndex(id)).row();
        QCOMPARE(proxy.mapFromSource(model.indexOf(first.sid)).row(), head + 1);

        // Known by its request id before the engine announces the call: straight under it.
        const CallRecord second = attemptCall(2);
        Notification placing = notificationOf({first, second});
        placing.attempts[1].callSid.clear();
        model.upsert(placing);
        model.upsert(second);
        QCOMPARE(model.callsOf(id), (QStringList{first.sid, second.sid}));
        QCOMPARE(proxy.mapFromSource(model.indexOf(second.sid)).row(), head + 2);
        QCOMPARE(model.indexOf(second.sid, CallTreeModel::Status).data().toString(),
                 QStringLiteral("busy"));

        // A notification of one call has no row: its call is the row.
        Notification single = notificationOf({attemptCall(9)});
        single.id = QStringLiteral("NO%1").arg(9, 32, 16, QLatin1Char('0'));
        single.numbers = {attemptCall(9).to};
        const int rows = model.rowCount();
        model.upsert(single);
        model.upsert(attemptCall(9));
        QCOMPARE(model.rowCount(), rows + 1);
        QVERIFY(!model.notificationIndex(single.id).isValid());
        QVERIFY(model.notificationIdOf(attemptCall(9).sid).isEmpty());
    }

    void aSearchFindsANotificationByItsCallsAndItsCallsByIt()
    {
        const CallRecord first = attemptCall(1);
        const CallRecord second = attemptCall(2);
        QList<CallRecord> calls{first, second};
        for (int i = 10; i < 20; ++i)
            calls.append(callOf(i, QStringLiteral("completed")));
        CallTreeModel model;
        model.reset(calls, {notificationOf({first, second})});
        CallSortProxy proxy(&model);
        proxy.sort(CallTreeModel::Time, Qt::DescendingOrder);
        const QString id = notificationOf({}).id;

        // The second attempt's number matches only its call: the notification shows with it.
        proxy.setFilterFixedString(second.to);
        QCOMPARE(proxy.rowCount(), 2);
        QCOMPARE(proxy.index(0, 0).data(CallTreeModel::NotificationIdRole).toString(), id);
        QCOMPARE(proxy.index(1, 0).data(CallTreeModel::SidRole).toString(), second.sid);
        // The task matches the notification: all of its calls show, collapsed or not.
        model.setCollapsed(id, true);
        proxy.setFilterFixedString(QStringLiteral("Database is down"));
        QCOMPARE(proxy.rowCount(), 3);
        proxy.setFilterFixedString(QString());
        QCOMPARE(proxy.rowCount(), 11);
    }
};

QTEST_MAIN(TestCallTreeModel)
#include "TestCallTreeModel.moc"
