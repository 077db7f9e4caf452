// The call list when webhooks pour in: the real window on the real engine, a history in the real
// store file, signed status webhooks sent all at once over loopback.
#include "EngineFixture.h"

#include "CallDetailPane.h"
#include "CallTreeModel.h"
#include "MainWindow.h"

#include "calls/CallStore.h"
#include "engine/Engine.h"
#include "engine/EngineClient.h"
#include "engine/EngineThread.h"
#include "simulator/TwilioSimulator.h"
#include "twilio/SignatureValidator.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

#include <thread>

using namespace flux;
using namespace flux::test;

namespace {
constexpr int Calls = 60;

QString sidOf(int i)
{
    return QStringLiteral("CA%1").arg(i, 32, 10, QLatin1Char('0'));
}
} // namespace

class TestCallListUnderLoad : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineClient> m_engine;
    std::unique_ptr<MainWindow> m_window;

    QString statusOf(const QString &sid) const
    {
        return m_window->callModel()->indexOf(sid, CallTreeModel::Status).data().toString();
    }
    QString durationOf(const QString &sid) const
    {
        return m_window->callModel()->indexOf(sid, CallTreeModel::Duration).data().toString();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QSettings().clear();
        m_dir = std::make_unique<QTemporaryDir>();
        // A history in the store file before the engine starts: queued calls, oldest first.
        auto store =
            CallStore::open(QDir(m_dir->path()).filePath(QStringLiteral("calls-simulator.sqlite")));
        QVERIFY(store);
        const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-3600);
        for (int i = 0; i < Calls; ++i) {
            CallRecord call;
            call.sid = sidOf(i);
            call.to = QStringLiteral("+1415555%1").arg(i, 4, 10, QLatin1Char('0'));
            call.from = QStringLiteral("+15005550006");
            call.taskTitle = QStringLiteral("Task %1").arg(i);
            call.taskId = QStringLiteral("INC-%1").arg(i);
            call.status = QStringLiteral("queued");
            call.lastSequence = 0;
            call.initiatedAt = start.addSecs(i);
            call.updatedAt = call.initiatedAt;
            QVERIFY(store.value()->insertCall(call));
        }
        store.value().reset();

        m_engine = std::make_unique<EngineClient>();
        QVERIFY(m_engine->start(EngineFixture::simulatorConfig(m_dir->path())).ok());
        m_window = std::make_unique<MainWindow>(m_engine.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_COMPARE(m_window->callModel()->rowCount(), Calls);
    }
    void cleanup()
    {
        m_engine->stop();
        m_window.reset();
        m_engine.reset();
    }

    void aBurstOfStatusWebhooksForManyCallsEndsWithEachRowShowingItsNewestState()
    {
        // The simulator's signing key is no business of the window: the test signs as Twilio does.
        Engine *engine = m_engine->engineThread()->engine();
        const QString url = engine->publicBaseUrl() + QStringLiteral("/notifications/call/status");
        const QByteArray token = engine->simulator()->authToken();
        // Three statuses per call, sent from another thread while the window's thread is
        // blocked: every change then waits in its queue at once, and the list must end with the
        // newest state of each call.
        int answered = 0;
        std::thread twilio([&] {
            LoopbackClient client;
            for (int sequence = 1; sequence <= 3; ++sequence) {
                for (int i = 0; i < Calls; ++i) {
                    const QString last =
                        i % 2 == 0 ? QStringLiteral("completed") : QStringLiteral("busy");
                    const QString status = sequence == 1   ? QStringLiteral("ringing")
                                           : sequence == 2 ? QStringLiteral("in-progress")
                                                           : last;
                    FormParams form{{QStringLiteral("CallSid"), sidOf(i)},
                                    {QStringLiteral("CallStatus"), status},
                                    {QStringLiteral("SequenceNumber"), QString::number(sequence)}};
                    if (sequence == 3)
                        form.append({QStringLiteral("CallDuration"), QString::number(i)});
                    if (client.postSignedForm(url, form, token).status == 200)
                        ++answered;
                }
            }
        });
        twilio.join();
        QCOMPARE(answered, 3 * Calls);

        // Completed without a key pressed reads "not acknowledged".
        for (int i = 0; i < Calls; ++i) {
            const QString expected =
                i % 2 == 0 ? QStringLiteral("not acknowledged") : QStringLiteral("busy");
            QTRY_COMPARE(statusOf(sidOf(i)), expected);
            QCOMPARE(durationOf(sidOf(i)), CallTreeModel::formatDuration(i));
        }
        QCOMPARE(m_window->callModel()->rowCount(), Calls);
        // Still newest first: changes in status do not move rows of a list sorted by time.
        QCOMPARE(m_window->callList()->model()->index(0, 0).data(CallTreeModel::SidRole),
                 sidOf(Calls - 1));
    }

    void theDetailPaneReadsWhatTheListDoesNotKeepFromTheStore()
    {
        m_window->selectCall(sidOf(7));
        CallDetailPane *details = m_window->detailPane();
        QTRY_COMPARE(details->callSid(), sidOf(7));
        // The "created" event lives only in the store, never in the list's rows.
        QTRY_VERIFY(details->timeline()->topLevelItemCount() >= 1);
    }
};

QTEST_MAIN(TestCallListUnderLoad)
#include "TestCallListUnderLoad.moc"
