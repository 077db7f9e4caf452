// The call list's model on its own: compact rows that read back what was put in, and batches.
#include "CallTreeModel.h"

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
};

QTEST_MAIN(TestCallTreeModel)
#include "TestCallTreeModel.moc"
