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

    void aNotificationsCallsAreItsChildrenInAttemptOrder()
    {
        const CallRecord first = attemptCall(1);
        const CallRecord second = attemptCall(2);
        CallTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The store reads newest first: the second attempt's call comes before the first's.
        model.reset(QList<CallRecord>{callOf(3, QStringLiteral("completed")), second, first},
                    {notificationOf({first, second})});
        QCOMPARE(model.rowCount(), 2); // the lone call and the notification
        const QModelIndex row = model.notificationIndex(notificationOf({}).id);
        QCOMPARE(model.rowCount(row), 2);
        QCOMPARE(model.index(0, CallTreeModel::Number, row).data().toString(), first.to);
        QCOMPARE(model.index(1, CallTreeModel::Task, row).data().toString(),
                 QStringLiteral("attempt 2 of 2"));
        QCOMPARE(model.indexOf(second.sid).parent(), row.siblingAtColumn(0));
        QCOMPARE(row.siblingAtColumn(CallTreeModel::Status).data().toString(),
                 QStringLiteral("attempt 2 of 2"));
        QCOMPARE(row.data(CallTreeModel::NotificationIdRole).toString(), notificationOf({}).id);
        QVERIFY(row.data(CallTreeModel::SidRole).toString().isEmpty());
    }

    void aCallAnnouncedBeforeItsNotificationMovesUnderIt()
    {
        CallTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const CallRecord first = attemptCall(1);
        model.upsert(first);
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(!model.indexOf(first.sid).parent().isValid());

        model.upsert(notificationOf({first}));
        QCOMPARE(model.rowCount(), 1); // the call's own row went
        const QModelIndex row = model.notificationIndex(notificationOf({}).id);
        QCOMPARE(model.rowCount(row), 1);
        QCOMPARE(model.indexOf(first.sid).parent(), row);

        // Known by its request id before the engine announces the call: straight under it.
        const CallRecord second = attemptCall(2);
        Notification placing = notificationOf({first, second});
        placing.attempts[1].callSid.clear();
        model.upsert(placing);
        QSignalSpy topInserted(&model, &QAbstractItemModel::rowsInserted);
        model.upsert(second);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowCount(row), 2);
        QCOMPARE(topInserted.size(), 1);
        QCOMPARE(topInserted.first().at(0).toModelIndex(), row);
        QCOMPARE(model.index(1, CallTreeModel::Status, row).data().toString(),
                 QStringLiteral("busy"));

        // A notification of one call has no row: its call is the row.
        Notification single = notificationOf({attemptCall(9)});
        single.id = QStringLiteral("NO%1").arg(9, 32, 16, QLatin1Char('0'));
        single.numbers = {attemptCall(9).to};
        model.upsert(single);
        model.upsert(attemptCall(9));
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(!model.notificationIndex(single.id).isValid());
        QVERIFY(!model.indexOf(attemptCall(9).sid).parent().isValid());
    }

    void sortedNewestFirstTheCallsStillReadFirstToLastAndSearchFindsTheirNotification()
    {
        const CallRecord first = attemptCall(1);
        const CallRecord second = attemptCall(2);
        QList<CallRecord> calls{first, second};
        for (int i = 10; i < 20; ++i)
            calls.append(callOf(i, QStringLiteral("completed")));
        CallTreeModel model;
        model.reset(calls, {notificationOf({first, second})});
        CallSortProxy proxy(&model);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(CallTreeModel::Time, Qt::DescendingOrder);
        const QModelIndex row = proxy.mapFromSource(model.notificationIndex(notificationOf({}).id));
        QCOMPARE(row.row(), 10); // created before every call: the oldest row
        QCOMPARE(proxy.index(0, CallTreeModel::Number, row).data().toString(), first.to);
        QCOMPARE(proxy.index(1, CallTreeModel::Number, row).data().toString(), second.to);

        // The second attempt's number matches only its call: the notification shows with it.
        proxy.setFilterFixedString(second.to);
        QCOMPARE(proxy.rowCount(), 1);
        const QModelIndex found = proxy.index(0, 0);
        QCOMPARE(found.data(CallTreeModel::NotificationIdRole).toString(), notificationOf({}).id);
        QCOMPARE(proxy.rowCount(found), 1);
        // The task matches the notification: all of its calls show.
        proxy.setFilterFixedString(QStringLiteral("Database is down"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 2);
    }
};

QTEST_MAIN(TestCallTreeModel)
#include "TestCallTreeModel.moc"
