// Engine::stop under load: the listener closes first, creates already sent to Twilio are
// drained and stored, late webhooks are answered 503 with nothing written, and tearing the engine
// down with requests in flight touches nothing freed (run under ASan).
#include "EngineFixture.h"

#include "api/ApiServer.h"
#include "calls/CallStore.h"

#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace flux;
using namespace flux::test;

namespace {
const QString AccountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QByteArray Token = "shutdown-test-token";
const QString PublicBase = QStringLiteral("https://calls.example.com");
const QString Sid = QStringLiteral("CA44444444444444444444444444444444");

// Twilio's Calls.json on loopback, holding each answer until told to give it.
class HoldingTwilio
{
public:
    HoldingTwilio()
    {
        server.addRoutes({{HttpMethod::Post,
                           QStringLiteral("/2010-04-01/Accounts/{sid}/Calls.json"),
                           Route::Access::Public,
                           {},
                           {},
                           [this](const HttpRequest &, const Responder &responder) {
                               held.append(responder);
                           }}});
        port = server.listenOn(QHostAddress::LocalHost, 0);
    }
    void answerAll()
    {
        for (const Responder &responder : std::exchange(held, {}))
            responder.send(HttpResponse::json(
                HttpStatus::Created,
                QJsonObject{{QStringLiteral("sid"), Sid},
                            {QStringLiteral("status"), QStringLiteral("queued")}}));
    }
    ApiServer server;
    quint16 port = 0;
    QList<Responder> held;
};

int statusOf(QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}
} // namespace

class TestShutdown : public QObject
{
    Q_OBJECT

    std::unique_ptr<HoldingTwilio> m_twilio;
    std::unique_ptr<EngineFixture> m_fixture;
    std::unique_ptr<QNetworkAccessManager> m_network;

    Engine &engine() { return m_fixture->engine(); }
    // Requests the test does not wait for: they stay open while the engine stops.
    QNetworkReply *startCreate()
    {
        QNetworkRequest request(QUrl(m_fixture->url(QStringLiteral("/notifications/call"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + m_fixture->engine().apiToken());
        return m_network->post(
            request,
            QJsonDocument(
                QJsonObject{{QStringLiteral("phone_number"), QStringLiteral("+14155551234")},
                            {QStringLiteral("task_title"), QStringLiteral("Rotate the keys")}})
                .toJson(QJsonDocument::Compact));
    }
    QNetworkReply *startStatusCallback(const QString &callStatus, int sequence)
    {
        const QString path = QStringLiteral("/notifications/call/status");
        const FormParams form{{QStringLiteral("CallSid"), Sid},
                              {QStringLiteral("CallStatus"), callStatus},
                              {QStringLiteral("SequenceNumber"), QString::number(sequence)}};
        QNetworkRequest request(QUrl(m_fixture->url(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        request.setRawHeader("X-Twilio-Signature",
                             SignatureValidator::compute(Token, PublicBase + path, form));
        return m_network->post(request, FormEncoding::encode(form));
    }
    int storedCalls()
    {
        const auto calls = engine().store()->recentCalls(100);
        return calls ? int(calls.value().size()) : -1;
    }

private Q_SLOTS:
    void init()
    {
        m_twilio = std::make_unique<HoldingTwilio>();
        QVERIFY(m_twilio->port != 0);
        m_fixture = std::make_unique<EngineFixture>(EngineFixture::liveConfig(
            QStringLiteral("http://127.0.0.1:%1").arg(m_twilio->port), AccountSid, Token,
            QStringLiteral("+15005550006"), PublicBase));
        QVERIFY2(m_fixture->started(), qPrintable(m_fixture->startError()));
        m_network = std::make_unique<QNetworkAccessManager>();
    }
    void cleanup()
    {
        m_network.reset();
        m_fixture.reset();
        m_twilio.reset();
    }

    void stopClosesTheListenerAndAnswersLateRequests503()
    {
        // An open keep-alive connection, as a proxy or Twilio would hold one.
        QCOMPARE(m_fixture->http.get(m_fixture->url(QStringLiteral("/healthz"))).status, 200);
        QSignalSpy stopped(&engine(), &Engine::stopped);
        engine().stop();
        QVERIFY(stopped.wait(5000));

        const HttpResult late = m_fixture->http.postSignedForm(
            m_fixture->url(QStringLiteral("/notifications/call/status")),
            {{QStringLiteral("CallSid"), Sid},
             {QStringLiteral("CallStatus"), QStringLiteral("ringing")}},
            Token, PublicBase + QStringLiteral("/notifications/call/status"));
        QCOMPARE(late.status, 503);
        QVERIFY(late.body.contains("Shutting down"));

        LoopbackClient fresh; // a new connection finds no listener
        fresh.timeoutMs = 2000;
        const HttpResult refused = fresh.get(m_fixture->url(QStringLiteral("/healthz")));
        QCOMPARE(refused.status, 0);
        QVERIFY(!refused.error.isEmpty());
        QCOMPARE(storedCalls(), 0);
    }

    void createInFlightIsDrainedAndItsCallStored()
    {
        QNetworkReply *create = startCreate();
        QTRY_COMPARE(m_twilio->held.size(), 1);
        // Twilio's first callback overtakes its answer to the create: it waits for it.
        QNetworkReply *callback = startStatusCallback(QStringLiteral("initiated"), 0);
        QTest::qWait(100);
        QVERIFY(!callback->isFinished());

        QSignalSpy stopped(&engine(), &Engine::stopped);
        engine().stop(10000);
        QTest::qWait(100);
        QCOMPARE(stopped.size(), 0); // still draining

        m_twilio->answerAll();
        QVERIFY(stopped.wait(5000));
        QTRY_VERIFY(create->isFinished() && callback->isFinished());
        QCOMPARE(statusOf(create), 201);
        QCOMPARE(statusOf(callback), 200);
        const auto call = engine().store()->call(Sid);
        QVERIFY(call && call.value());
        QCOMPARE(call.value()->status, QStringLiteral("initiated"));
    }

    void webhookStillWaitingWhenTheDrainEndsIs503AndWritesNothing()
    {
        QNetworkReply *create = startCreate();
        QTRY_COMPARE(m_twilio->held.size(), 1);
        QNetworkReply *callback = startStatusCallback(QStringLiteral("initiated"), 0);
        QTest::qWait(100);

        QSignalSpy stopped(&engine(), &Engine::stopped);
        engine().stop(300);
        QVERIFY(stopped.wait(5000));
        QTRY_VERIFY(create->isFinished() && callback->isFinished());
        QCOMPARE(statusOf(callback), 503);
        QCOMPARE(statusOf(create), 500);
        QVERIFY2(create->readAll().contains("may still be placed"), "the script hears why");
        QCOMPARE(storedCalls(), 0);
        // Twilio may yet place it: the request stays pending for its webhooks after a restart.
        QCOMPARE(engine().store()->pendingCalls().value().size(), 1);

        // Twilio answers after all, while the stopped engine still exists: the call is kept.
        m_twilio->answerAll();
        QTRY_COMPARE(storedCalls(), 1);
        QCOMPARE(engine().store()->pendingCalls().value().size(), 0);
    }

    void engineTornDownWithRequestsInFlightTouchesNothingFreed()
    {
        QNetworkReply *create = startCreate();
        QTRY_COMPARE(m_twilio->held.size(), 1);
        QNetworkReply *callback = startStatusCallback(QStringLiteral("initiated"), 0);
        QTest::qWait(100);
        m_fixture.reset(); // no stop(): the destructor alone must be safe
        QTRY_VERIFY(create->isFinished() && callback->isFinished());
        QCOMPARE(statusOf(create), 0);
        QCOMPARE(statusOf(callback), 0);
        m_twilio->answerAll(); // the client that asked is gone; nothing may reach it
        QTest::qWait(100);
    }
};

QTEST_GUILESS_MAIN(TestShutdown)
#include "TestShutdown.moc"
