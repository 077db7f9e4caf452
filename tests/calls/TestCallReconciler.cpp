// CallReconciler against the built-in simulator over real HTTP on loopback, with a real store
// file: the app's webhook address is dead, so every status callback the simulator sends is lost,
// as when the app is down when a call ends.
#include "calls/CallReconciler.h"
#include "calls/CallService.h"
#include "calls/CallStatus.h"
#include "calls/CallStore.h"
#include "simulator/ScriptedNumbers.h"
#include "simulator/TwilioSimulator.h"
#include "twilio/TwilioClient.h"

#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace flux;

class TestCallReconciler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_sim = std::make_unique<TwilioSimulator>(
            TwilioSimulator::Options{QHostAddress::LocalHost, 0, 25.0});
        QVERIFY(m_sim->start().ok());
        m_dir = std::make_unique<QTemporaryDir>();
        auto store = CallStore::open(m_dir->filePath(QStringLiteral("calls.sqlite")));
        QVERIFY(store);
        m_store = std::move(store.value());
        m_twilio = std::make_unique<TwilioClient>(
            TwilioCredentials{m_sim->baseUrl(), m_sim->accountSid(), m_sim->authToken()});
        RetryPolicy once;
        once.maxAttempts = 1;
        m_twilio->setRetryPolicy(once);
        QTcpServer closed; // a port nobody listens on once it is closed: the app is "down"
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const QString deadUrl = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
        closed.close();
        m_service = std::make_unique<CallService>(
            m_store.get(), m_twilio.get(),
            CallService::Options{m_sim->phoneNumber(), deadUrl, QString()});
        CallReconciler::Options options;
        options.intervalSeconds = 0;
        options.quietSeconds = 0;
        m_reconciler = std::make_unique<CallReconciler>(m_service.get(), m_twilio.get(), options);
        connect(m_reconciler.get(), &CallReconciler::passFinished, this,
                [this](const CallReconciler::Pass &pass) { m_passes.append(pass); });
    }

    void cleanup()
    {
        m_reconciler.reset();
        m_service.reset();
        m_twilio.reset();
        m_store.reset();
        m_sim.reset();
        m_dir.reset();
        m_passes.clear();
    }

    void aBusyCallWhoseCallbacksWereLostIsSettledFromTheRestApi()
    {
        bool answered = false;
        QString sid;
        m_service->placeCall({ScriptedNumbers::Busy, QStringLiteral("Disk full"), {}},
                             [&](const Result<CallRecord, CallError> &placed) {
                                 answered = true;
                                 if (placed)
                                     sid = placed.value().sid;
                             });
        QTRY_VERIFY(answered);
        QVERIFY(!sid.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(m_sim->endedCallCount(), 1, 15000);
        QCOMPARE(m_store->call(sid).value()->status, CallStatus::Queued); // heard nothing

        m_reconciler->start();
        QTRY_COMPARE(m_passes.size(), 1);
        QCOMPARE(m_passes.first().requests, 1);
        QCOMPARE(m_passes.first().settled, 1);
        const CallRecord call = *m_store->call(sid).value();
        QCOMPARE(call.status, CallStatus::Busy);
        QCOMPARE(call.outcome, CallOutcome::NotAcknowledged);
        QCOMPARE(call.reason, CallReason::Busy);
        QCOMPARE(m_store->events(sid).value().last().detail, CallReconciler::eventDetail());
        QCOMPARE(m_reconciler->nextPassSeconds(), 0); // start-up only
    }

    void aCallTheSimulatorPlacedThoughItsCreateFailedIsAdoptedFromTheList()
    {
        FaultPlan::CreateFault fault;
        fault.status = 500;
        fault.placeCall = true; // Twilio acted; its answer was an error
        m_sim->faults().failCreates(1, fault);
        bool answered = false;
        bool failed = false;
        QList<CallRecord> placed;
        connect(m_service.get(), &CallService::callPlaced, this,
                [&placed](const CallRecord &call) { placed.append(call); });
        m_service->placeCall(
            {ScriptedNumbers::Busy, QStringLiteral("Lost answer"), QStringLiteral("T-1")},
            [&](const Result<CallRecord, CallError> &result) {
                answered = true;
                failed = !result;
            });
        QTRY_VERIFY(answered);
        QVERIFY(failed);
        QCOMPARE(m_store->pendingCalls().value().size(), 1); // it may have been placed
        QTRY_COMPARE_WITH_TIMEOUT(m_sim->endedCallCount(), 1, 15000);

        m_reconciler->start();
        QTRY_COMPARE(m_passes.size(), 1);
        QCOMPARE(m_passes.first().adopted, 1);
        QCOMPARE(m_passes.first().settled, 1);
        QCOMPARE(m_passes.first().requests, 1); // one page of the list
        QCOMPARE(m_store->pendingCalls().value().size(), 0);
        QCOMPARE(placed.size(), 1);
        const CallRecord call = *m_store->call(placed.first().sid).value();
        QCOMPARE(call.status, CallStatus::Busy);
        QCOMPARE(call.taskTitle, QStringLiteral("Lost answer"));
        QCOMPARE(call.taskId, QStringLiteral("T-1"));
    }

    void aCreateStillWaitingForTwilioIsNotLookedFor()
    {
        FaultPlan::CreateFault fault;
        fault.hang = true; // the create waits for its answer as long as the test runs
        m_sim->faults().failCreates(1, fault);
        m_twilio->setTimeoutMs(60000);
        m_service->placeCall({ScriptedNumbers::Busy, QStringLiteral("In flight"), {}},
                             [](const Result<CallRecord, CallError> &) {});
        QTRY_COMPARE(m_service->createsInFlight(), 1);
        QTRY_COMPARE(m_sim->faults().createsSeen(), 1);
        m_reconciler->start();
        QTRY_COMPARE(m_passes.size(), 1);
        QCOMPARE(m_passes.first().requests, 0);
        QCOMPARE(m_store->pendingCalls().value().size(), 1);
    }

    void aStartUpPassThatCannotReachTwilioIsTriedAgainLater()
    {
        CallRecord call;
        call.sid = QStringLiteral("CA-unreachable");
        call.to = ScriptedNumbers::Busy;
        call.status = CallStatus::Ringing;
        call.initiatedAt = QDateTime::currentDateTimeUtc().addSecs(-600);
        QVERIFY(m_store->insertCall(call));
        m_sim.reset(); // Twilio is gone: the connection is refused
        m_reconciler->start();
        QTRY_COMPARE(m_passes.size(), 1);
        QVERIFY(m_passes.first().stoppedByError);
        QCOMPARE(m_passes.first().requests, 1);
        QCOMPARE(m_reconciler->nextPassSeconds(), 300);
        QCOMPARE(m_store->call(call.sid).value()->status, CallStatus::Ringing);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TwilioSimulator> m_sim;
    std::unique_ptr<CallStore> m_store;
    std::unique_ptr<TwilioClient> m_twilio;
    std::unique_ptr<CallService> m_service;
    std::unique_ptr<CallReconciler> m_reconciler;
    QList<CallReconciler::Pass> m_passes;
};

QTEST_GUILESS_MAIN(TestCallReconciler)
#include "TestCallReconciler.moc"
