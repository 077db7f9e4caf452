// Faults injected into the simulator (POST /sim/faults) and what the app makes of them, end to
// end: the script's API call, TwilioClient's retries, the pending call, the webhooks, the store.
#include "EngineFixture.h"

#include "calls/CallStore.h"
#include "simulator/TwilioSimulator.h"
#include "twilio/TwilioClient.h"
#include "twilio/VoicePrompts.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>

using namespace flux;
using namespace flux::test;

namespace {
const QString PressesOne = QStringLiteral("+15555550101");

QStringList statusEvents(const QJsonObject &call)
{
    QStringList statuses;
    for (const QJsonValue &value : call.value(QStringLiteral("events")).toArray()) {
        const QJsonObject event = value.toObject();
        if (event.value(QStringLiteral("type")).toString() == QLatin1String("status"))
            statuses.append(event.value(QStringLiteral("status")).toString());
    }
    return statuses;
}
} // namespace

class TestFaultInjection : public QObject
{
    Q_OBJECT

    std::unique_ptr<EngineFixture> m_fixture;

    TwilioSimulator &sim() { return *m_fixture->engine().simulator(); }
    QString simUrl(const QString &path) { return sim().baseUrl() + path; }
    HttpResult setFaults(const QJsonObject &faults)
    {
        return m_fixture->http.postJson(simUrl(QStringLiteral("/sim/faults")), faults);
    }
    HttpResult placeCall(const QString &phone = PressesOne)
    {
        return m_fixture->http.postJson(
            m_fixture->url(QStringLiteral("/notifications/call")),
            {{QStringLiteral("phone_number"), phone},
             {QStringLiteral("task_title"), QStringLiteral("Disk full")}});
    }
    QStringList simulatedSids() const
    {
        QStringList sids;
        for (const QJsonValue &call : m_fixture->engine().simulator()->callsJson())
            sids.append(call.toObject().value(QStringLiteral("sid")).toString());
        return sids;
    }
    int pendingCalls()
    {
        const auto pending = m_fixture->engine().store()->pendingCalls();
        return pending ? int(pending.value().size()) : -1;
    }
    // Waits for the call to end and its answer to be stored; returns the app's view of it.
    QJsonObject settled(const QString &sid)
    {
        QJsonObject call;
        [[maybe_unused]] const bool done = QTest::qWaitFor(
            [&] {
                call = m_fixture->call(sid);
                return CallStatus::isFinal(call.value(QStringLiteral("status")).toString()) &&
                       call.value(QStringLiteral("outcome")).toString() != CallOutcome::Pending;
            },
            20000);
        return call;
    }

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<EngineFixture>();
        QVERIFY2(m_fixture->started(), qPrintable(m_fixture->startError()));
        RetryPolicy quick;
        quick.baseDelayMs = 20;
        quick.maxDelayMs = 100;
        m_fixture->engine().twilio()->setRetryPolicy(quick);
    }
    void cleanup() { m_fixture.reset(); }

    // Creates.

    void rateLimitedCreateIsRetriedAndPlacesOneCall()
    {
        QCOMPARE(
            setFaults({{QStringLiteral("creates"), QJsonObject{{QStringLiteral("count"), 2},
                                                               {QStringLiteral("status"), 429}}}})
                .status,
            200);
        const HttpResult created = placeCall();
        QCOMPARE(created.status, 201);
        const QString sid = created.json().value(QStringLiteral("call_sid")).toString();
        QCOMPARE(sim().faults().createsSeen(), 3);
        QCOMPARE(sim().faults().createsFailed(), 2);
        QCOMPARE(simulatedSids(), QStringList{sid});
        QCOMPARE(pendingCalls(), 0);
        QCOMPARE(settled(sid).value(QStringLiteral("outcome")).toString(),
                 CallOutcome::Acknowledged);
    }

    void overloadedTwilioIsRetriedAfterItsRetryAfter()
    {
        FaultPlan::CreateFault unavailable;
        unavailable.status = 503;
        unavailable.retryAfterSeconds = 1;
        sim().faults().failCreates(1, unavailable);
        QElapsedTimer elapsed;
        elapsed.start();
        QCOMPARE(placeCall().status, 201);
        QVERIFY2(elapsed.elapsed() >= 950, qPrintable(QString::number(elapsed.elapsed())));
        QCOMPARE(sim().faults().createsSeen(), 2);
        QCOMPARE(simulatedSids().size(), 1);
    }

    void rateLimitThatOutlastsTheAttemptsReachesTheCallerWithTwilioCode()
    {
        FaultPlan::CreateFault limited;
        limited.status = 429;
        sim().faults().failCreates(10, limited);
        const HttpResult result = placeCall();
        QCOMPARE(result.status, 500);
        const QString detail = result.json().value(QStringLiteral("detail")).toString();
        QVERIFY2(detail.contains(QLatin1String("20429")), qPrintable(detail));
        QCOMPARE(sim().faults().createsSeen(), 3);
        QVERIFY(simulatedSids().isEmpty());
        QCOMPARE(pendingCalls(), 0); // a 429 proves nothing was placed
        QVERIFY(m_fixture->engine().store()->recentCalls(10).value().isEmpty());
    }

    void clientErrorIsNotRetriedAndNamesTwilioCode()
    {
        FaultPlan::CreateFault refused;
        refused.status = 400;
        refused.code = 21215;
        sim().faults().failCreates(1, refused);
        const HttpResult result = placeCall();
        QCOMPARE(result.status, 500);
        QVERIFY(result.json()
                    .value(QStringLiteral("detail"))
                    .toString()
                    .contains(QLatin1String("21215")));
        QCOMPARE(sim().faults().createsSeen(), 1);
        QCOMPARE(pendingCalls(), 0);
    }

    void serverErrorIsNotRetriedAndTheRequestStaysPending()
    {
        FaultPlan::CreateFault broken;
        broken.status = 500;
        sim().faults().failCreates(1, broken);
        const HttpResult result = placeCall();
        QCOMPARE(result.status, 500);
        QVERIFY(result.json()
                    .value(QStringLiteral("detail"))
                    .toString()
                    .contains(QLatin1String("20500")));
        QTest::qWait(300); // room for a wrong retry to show itself
        QCOMPARE(sim().faults().createsSeen(), 1);
        QVERIFY(simulatedSids().isEmpty());
        // Twilio might have placed it: the request waits for a webhook that may still come.
        QCOMPARE(pendingCalls(), 1);
    }

    void callPlacedDespiteAServerErrorIsKeptThroughItsWebhooks()
    {
        FaultPlan::CreateFault brokenAfterPlacing;
        brokenAfterPlacing.status = 500;
        brokenAfterPlacing.placeCall = true;
        sim().faults().failCreates(1, brokenAfterPlacing);
        QCOMPARE(placeCall().status, 500);
        QCOMPARE(sim().faults().createsSeen(), 1);
        const QStringList sids = simulatedSids();
        QCOMPARE(sids.size(), 1); // placed once, never twice
        const QJsonObject call = settled(sids.first());
        QCOMPARE(call.value(QStringLiteral("status")).toString(), CallStatus::Completed);
        QCOMPARE(call.value(QStringLiteral("outcome")).toString(), CallOutcome::Acknowledged);
        QCOMPARE(call.value(QStringLiteral("task_title")).toString(), QStringLiteral("Disk full"));
        QCOMPARE(pendingCalls(), 0);
    }

    void createThatNeverAnswersTimesOutAndIsNotSentAgain()
    {
        m_fixture->engine().twilio()->setTimeoutMs(500);
        FaultPlan::CreateFault silent;
        silent.hang = true;
        silent.placeCall = true;
        sim().faults().failCreates(1, silent);
        QElapsedTimer elapsed;
        elapsed.start();
        const HttpResult result = placeCall();
        QCOMPARE(result.status, 500);
        QVERIFY2(elapsed.elapsed() < 5000, qPrintable(QString::number(elapsed.elapsed())));
        QVERIFY(result.json()
                    .value(QStringLiteral("detail"))
                    .toString()
                    .contains(QLatin1String("did not answer in time")));
        QCOMPARE(sim().faults().createsSeen(), 1);
        const QStringList sids = simulatedSids();
        QCOMPARE(sids.size(), 1);
        QCOMPARE(settled(sids.first()).value(QStringLiteral("outcome")).toString(),
                 CallOutcome::Acknowledged);
        QCOMPARE(sim().faults().createsSeen(), 1);
    }

    // Status callbacks.

    void duplicatedCallbacksAreStoredOnce()
    {
        QCOMPARE(setFaults({{QStringLiteral("callbacks"),
                             QJsonObject{{QStringLiteral("duplicate"), true}}}})
                     .status,
                 200);
        const HttpResult created = placeCall();
        QCOMPARE(created.status, 201);
        const QJsonObject call =
            settled(created.json().value(QStringLiteral("call_sid")).toString());
        QCOMPARE(call.value(QStringLiteral("status")).toString(), CallStatus::Completed);
        QCOMPARE(call.value(QStringLiteral("outcome")).toString(), CallOutcome::Acknowledged);
        QCOMPARE(sim().faults().callbacksDisturbed(), 4);
        // Wait until the last duplicate has been answered too, then count.
        QTest::qWait(300);
        QCOMPARE(statusEvents(m_fixture->call(call.value(QStringLiteral("call_sid")).toString())),
                 (QStringList{QStringLiteral("initiated"), QStringLiteral("ringing"),
                              QStringLiteral("in-progress"), QStringLiteral("completed")}));
    }

    void reorderedCallbacksNeverMoveACallBack()
    {
        FaultPlan::CallbackFault swapped;
        swapped.reorder = true;
        sim().faults().disturbCallbacks(FaultPlan::Always, swapped);
        const HttpResult created = placeCall();
        QCOMPARE(created.status, 201);
        const QString sid = created.json().value(QStringLiteral("call_sid")).toString();
        QJsonObject call = settled(sid);
        QCOMPARE(call.value(QStringLiteral("outcome")).toString(), CallOutcome::Acknowledged);
        // "in-progress" (held back) arrives after "completed": stored, but stale.
        QTRY_COMPARE(statusEvents(m_fixture->call(sid)).size(), 4);
        call = m_fixture->call(sid);
        QCOMPARE(call.value(QStringLiteral("status")).toString(), CallStatus::Completed);
        QCOMPARE(statusEvents(call),
                 (QStringList{QStringLiteral("ringing"), QStringLiteral("initiated"),
                              QStringLiteral("completed"), QStringLiteral("in-progress")}));
    }

    void delayedCallbacksStillLand()
    {
        FaultPlan::CallbackFault late;
        late.delayMs = 150;
        sim().faults().disturbCallbacks(FaultPlan::Always, late);
        const HttpResult created = placeCall();
        QCOMPARE(created.status, 201);
        const QString sid = created.json().value(QStringLiteral("call_sid")).toString();
        QTRY_COMPARE_WITH_TIMEOUT(statusEvents(m_fixture->call(sid)).size(), 4, 20000);
        QCOMPARE(m_fixture->call(sid).value(QStringLiteral("status")).toString(),
                 CallStatus::Completed);
    }

    void webhooksForUnknownCallsAreAnsweredAdoptedAndLogged()
    {
        // A signed webhook of a call this desk did not place (a request_id it never wrote):
        // answered as for its own calls, and the call is added to the history, marked so.
        const QString unknown = QStringLiteral("CAffffffffffffffffffffffffffffffff");
        const QString publicBase = m_fixture->engine().publicBaseUrl();
        const QByteArray token = sim().authToken();
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(unknown + QStringLiteral(".* not placed by")));
        const QString status = QStringLiteral("/notifications/call/status?request_id=nosuch");
        QCOMPARE(m_fixture->http
                     .postSignedForm(m_fixture->url(status),
                                     {{QStringLiteral("CallSid"), unknown},
                                      {QStringLiteral("To"), QStringLiteral("+15555550199")},
                                      {QStringLiteral("CallStatus"), QStringLiteral("ringing")},
                                      {QStringLiteral("SequenceNumber"), QStringLiteral("1")}},
                                     token, publicBase + status)
                     .status,
                 200);
        const QString gather = QStringLiteral("/notifications/call/gather");
        const HttpResult pressed = m_fixture->http.postSignedForm(
            m_fixture->url(gather),
            {{QStringLiteral("CallSid"), unknown}, {QStringLiteral("Digits"), QStringLiteral("1")}},
            token, publicBase + gather);
        QCOMPARE(pressed.status, 200);
        QCOMPARE(pressed.body, VoicePrompts::gatherAnswer(true));
        const auto calls = m_fixture->engine().store()->recentCalls(10);
        QVERIFY(calls.ok());
        QCOMPARE(calls.value().size(), 1);
        QCOMPARE(calls.value().first().to, QStringLiteral("+15555550199"));
        QCOMPARE(calls.value().first().outcome, CallOutcome::Acknowledged);
        QVERIFY(!calls.value().first().placedHere);
    }

    // The control API itself.

    void faultControlApiShowsValidatesAndClears()
    {
        const HttpResult bad =
            setFaults({{QStringLiteral("creates"), QJsonObject{{QStringLiteral("status"), 200}}}});
        QCOMPARE(bad.status, 422);
        QVERIFY2(
            bad.json().value(QStringLiteral("detail")).toString().contains(QLatin1String("status")),
            bad.body.constData());
        QCOMPARE(setFaults({{QStringLiteral("shower"), QJsonObject{}}}).status, 422);

        QCOMPARE(
            setFaults({{QStringLiteral("creates"),
                        QJsonObject{{QStringLiteral("count"), 4}, {QStringLiteral("status"), 503}}},
                       {QStringLiteral("callbacks"), QJsonObject{{QStringLiteral("reorder"), true},
                                                                 {QStringLiteral("count"), 2}}}})
                .status,
            200);
        const QJsonObject shown = m_fixture->http.get(simUrl(QStringLiteral("/sim/faults"))).json();
        QCOMPARE(shown.value(QStringLiteral("creates"))
                     .toObject()
                     .value(QStringLiteral("count"))
                     .toInt(),
                 4);
        QCOMPARE(shown.value(QStringLiteral("callbacks"))
                     .toObject()
                     .value(QStringLiteral("reorder"))
                     .toBool(),
                 true);

        const HttpResult cleared =
            m_fixture->http.send("DELETE", simUrl(QStringLiteral("/sim/faults")));
        QCOMPARE(cleared.status, 200);
        QCOMPARE(cleared.json()
                     .value(QStringLiteral("creates"))
                     .toObject()
                     .value(QStringLiteral("count"))
                     .toInt(),
                 0);
        QCOMPARE(placeCall().status, 201);
    }
};

QTEST_GUILESS_MAIN(TestFaultInjection)
#include "TestFaultInjection.moc"
