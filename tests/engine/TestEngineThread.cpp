// The engine on its own thread: starts, serves, answers requests back on the caller's thread.
#include "EngineFixture.h"

#include "calls/CallService.h"
#include "engine/EngineThread.h"

#include <QTest>
#include <QThread>

using namespace flux;
using namespace flux::test;

class TestEngineThread : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void engineRunsOffTheCallersThreadAndAnswersBackOnIt()
    {
        QTemporaryDir dir;
        EngineThread thread;
        const auto started = thread.start(EngineFixture::simulatorConfig(dir.path()));
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().describe()));
        QVERIFY(thread.isRunning());
        QVERIFY(thread.engine()->thread() != QThread::currentThread());

        QThread *workedOn = nullptr;
        QThread *answeredOn = nullptr;
        thread.request<QString>(
            this,
            [&workedOn](Engine &engine) {
                workedOn = QThread::currentThread();
                return engine.listenUrl();
            },
            [&answeredOn](const QString &) { answeredOn = QThread::currentThread(); });
        QTRY_VERIFY(answeredOn != nullptr);
        QCOMPARE(answeredOn, QThread::currentThread());
        QCOMPARE(workedOn, thread.engine()->thread());
    }

    void callPlacedThroughThePostedServiceIsAnnouncedOnTheCallersThread()
    {
        QTemporaryDir dir;
        EngineThread thread;
        QVERIFY(thread.start(EngineFixture::simulatorConfig(dir.path())).ok());
        QList<CallRecord> updates;
        connect(thread.engine()->calls(), &CallService::callUpdated, this,
                [&updates](const CallRecord &call) { updates.append(call); });
        thread.post([](Engine &engine) {
            engine.calls()->placeCall(
                {QStringLiteral("+15555550101"), QStringLiteral("Threaded"), {}},
                [](const auto &) {});
        });
        QTRY_VERIFY_WITH_TIMEOUT(
            !updates.isEmpty() && updates.last().outcome == CallOutcome::Acknowledged, 20000);
    }

    void restartingOnTheSamePortWorksAndABadPortIsReported()
    {
        QTemporaryDir dir;
        EngineThread thread;
        Config config = EngineFixture::simulatorConfig(dir.path());
        QVERIFY(thread.start(config).ok());
        QString url;
        thread.request<QString>(
            this, [](Engine &e) { return e.listenUrl(); }, [&url](const QString &u) { url = u; });
        QTRY_VERIFY(!url.isEmpty());
        config.listenPort = QUrl(url).port();
        QVERIFY(thread.start(config).ok()); // stops the first engine, so the port is free again

        EngineThread other;
        const auto clash = other.start(config);
        QVERIFY(!clash.ok());
        QCOMPARE(clash.error().variable, QStringLiteral("FLUX_LISTEN"));
        QVERIFY(!other.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestEngineThread)
#include "TestEngineThread.moc"
