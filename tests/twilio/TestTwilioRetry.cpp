// TestTwilioRetry: TwilioClient against a scripted Twilio peer on loopback: what it retries, how
// long it waits, that it never hangs, and that a call is never created twice.
#include "api/ApiServer.h"
#include "twilio/RetryPolicy.h"
#include "twilio/TwilioClient.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTcpServer>
#include <QtTest>

#include <optional>

using namespace flux;

namespace {

const QString AccountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString CallSid = QStringLiteral("CA0123456789abcdef0123456789abcdef");

// One scripted answer of the peer.
struct Answer
{
    int status = 201;
    int code = 0;
    QByteArray retryAfter;
    bool hold = false; // never answer: the client's timeout decides

    static Answer call() { return {}; }
    static Answer error(int status, int code = 0, QByteArray retryAfter = {})
    {
        return {status, code, std::move(retryAfter), false};
    }
    static Answer silence() { return {0, 0, {}, true}; }
};

// Answers each request with the next scripted answer (a created call once the script runs out)
// and counts what it was sent.
class ScriptedTwilio
{
public:
    ScriptedTwilio()
    {
        const Route::Handler handle = [this](const HttpRequest &request, const Responder &r) {
            requests.append(request.method + ' ' + request.path.toUtf8());
            const Answer answer = script.isEmpty() ? Answer::call() : script.takeFirst();
            if (answer.hold) {
                held.append(r);
                return;
            }
            if (answer.status >= 200 && answer.status < 300) {
                r.send(HttpResponse::json(
                    HttpStatus(answer.status),
                    QJsonObject{{QStringLiteral("sid"), CallSid},
                                {QStringLiteral("status"), QStringLiteral("queued")}}));
                return;
            }
            HttpResponse response = HttpResponse::json(
                HttpStatus(answer.status),
                QJsonObject{{QStringLiteral("code"), answer.code},
                            {QStringLiteral("message"), QStringLiteral("scripted")},
                            {QStringLiteral("status"), answer.status}});
            if (!answer.retryAfter.isEmpty())
                response.headers.append({"Retry-After", answer.retryAfter});
            r.send(response);
        };
        const QString calls = QStringLiteral("/2010-04-01/Accounts/{account}/Calls.json");
        const QString call = QStringLiteral("/2010-04-01/Accounts/{account}/Calls/{file}");
        server.addRoutes({{HttpMethod::Post, calls, Route::Access::Public, {}, {}, handle},
                          {HttpMethod::Get, call, Route::Access::Public, {}, {}, handle},
                          {HttpMethod::Post, call, Route::Access::Public, {}, {}, handle}});
        port = server.listenOn(QHostAddress::LocalHost, 0);
    }
    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(port); }

    ApiServer server;
    quint16 port = 0;
    QList<Answer> script;
    QList<QByteArray> requests;
    QList<Responder> held;
};

// The failure's text for a QVERIFY2 message, which is built whether or not the check fails.
QString failureOf(const Result<TwilioCall, TwilioError> &result)
{
    return result.ok() ? QString() : result.error().describe();
}

CreateCallParams someCall()
{
    CreateCallParams params;
    params.to = QStringLiteral("+14155551234");
    params.from = QStringLiteral("+15005550006");
    params.url = QStringLiteral("https://calls.example.com/notifications/call/twiml?task_title=x");
    params.statusCallback = QStringLiteral("https://calls.example.com/notifications/call/status");
    return params;
}

} // namespace

class TestTwilioRetry : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScriptedTwilio> m_peer;
    std::unique_ptr<TwilioClient> m_client;

    // Quick retries, so the tests measure behaviour and not the production waits.
    static RetryPolicy fastPolicy()
    {
        RetryPolicy policy;
        policy.baseDelayMs = 20;
        policy.maxDelayMs = 100;
        policy.budgetMs = 3000;
        return policy;
    }
    void useClientAt(const QString &base)
    {
        m_client = std::make_unique<TwilioClient>(
            TwilioCredentials{base, AccountSid, QByteArrayLiteral("token")});
        m_client->setRetryPolicy(fastPolicy());
        m_client->setTimeoutMs(300);
    }
    // Runs one request to its end and returns what its callback got, and how often it ran.
    Result<TwilioCall, TwilioError>
    run(const std::function<void(TwilioClient::CallCallback)> &start, int *callbacks = nullptr)
    {
        std::optional<Result<TwilioCall, TwilioError>> result;
        int count = 0;
        start([&](const Result<TwilioCall, TwilioError> &r) {
            ++count;
            result = r;
        });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 15000)) {
            TwilioError never;
            never.message = QStringLiteral("the callback never ran");
            return never;
        }
        QCoreApplication::processEvents(); // a second callback, if any, would come now
        if (callbacks)
            *callbacks = count;
        return *result;
    }
    Result<TwilioCall, TwilioError> create(int *callbacks = nullptr)
    {
        return run([&](auto done) { m_client->createCall(someCall(), done); }, callbacks);
    }

private Q_SLOTS:
    void init()
    {
        m_peer = std::make_unique<ScriptedTwilio>();
        QVERIFY(m_peer->port != 0);
        useClientAt(m_peer->base());
    }
    void cleanup()
    {
        m_client.reset();
        m_peer.reset();
    }

    void createRetriedAfterRateLimitsUntilTwilioAccepts()
    {
        m_peer->script = {Answer::error(429, 20429), Answer::error(503, 20503)};
        int callbacks = 0;
        const auto result = create(&callbacks);
        QVERIFY2(result.ok(), qPrintable(failureOf(result)));
        QCOMPARE(result.value().sid, CallSid);
        QCOMPARE(callbacks, 1);
        QCOMPARE(m_peer->requests.size(), 3);
    }

    void createGivesUpAfterTheLastAttemptWithTwilioCode()
    {
        for (int i = 0; i < 10; ++i)
            m_peer->script.append(Answer::error(429, 20429));
        QElapsedTimer elapsed;
        elapsed.start();
        int callbacks = 0;
        const auto result = create(&callbacks);
        QVERIFY(!result.ok());
        QCOMPARE(callbacks, 1);
        QCOMPARE(result.error().httpStatus, 429);
        QCOMPARE(result.error().code, 20429);
        QCOMPARE(result.error().attempts, 3);
        QVERIFY2(result.error().describe().contains(QLatin1String("20429")),
                 qPrintable(result.error().describe()));
        QCOMPARE(m_peer->requests.size(), 3);
        QVERIFY2(elapsed.elapsed() < fastPolicy().budgetMs,
                 qPrintable(QString::number(elapsed.elapsed())));
    }

    void retryAfterIsWaitedOut()
    {
        m_peer->script = {Answer::error(429, 20429, "1")};
        QElapsedTimer elapsed;
        elapsed.start();
        const auto result = create();
        QVERIFY2(result.ok(), qPrintable(failureOf(result)));
        QVERIFY2(elapsed.elapsed() >= 950, qPrintable(QString::number(elapsed.elapsed())));
        QCOMPARE(m_peer->requests.size(), 2);
    }

    void retryAfterBeyondTheBudgetEndsAtOnce()
    {
        m_peer->script = {Answer::error(429, 20429, "30")};
        QElapsedTimer elapsed;
        elapsed.start();
        const auto result = create();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, 20429);
        QCOMPARE(m_peer->requests.size(), 1);
        QVERIFY2(elapsed.elapsed() < 2000, qPrintable(QString::number(elapsed.elapsed())));
    }

    void createIsNeverSentTwiceWhenTwilioMayHavePlacedIt_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("500") << 500;
        QTest::newRow("502") << 502;
        QTest::newRow("504") << 504;
        QTest::newRow("no answer") << 0;
    }
    void createIsNeverSentTwiceWhenTwilioMayHavePlacedIt()
    {
        QFETCH(int, status);
        m_peer->script = {status == 0 ? Answer::silence() : Answer::error(status, 20500)};
        int callbacks = 0;
        const auto result = create(&callbacks);
        QVERIFY(!result.ok());
        QCOMPARE(callbacks, 1);
        QCOMPARE(result.error().attempts, 1);
        QCOMPARE(result.error().kind,
                 status == 0 ? TwilioError::Kind::Timeout : TwilioError::Kind::Api);
        // Give a wrongly scheduled retry time to show itself.
        QTest::qWait(3 * fastPolicy().maxDelayMs);
        QCOMPARE(m_peer->requests.size(), 1);
    }

    void clientErrorsAreNotRetriedAndKeepTwilioCode()
    {
        m_peer->script = {Answer::error(400, 21211)};
        const auto result = create();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, 21211);
        QCOMPARE(result.error().attempts, 1);
        QCOMPARE(m_peer->requests.size(), 1);
        QVERIFY(!result.error().describe().contains(QLatin1String("attempts")));
    }

    void fetchIsRetriedAfterServerErrorsAndTimeouts()
    {
        m_peer->script = {Answer::error(500, 20500), Answer::silence()};
        int callbacks = 0;
        const auto result = run([&](auto done) { m_client->fetchCall(CallSid, done); }, &callbacks);
        QVERIFY2(result.ok(), qPrintable(failureOf(result)));
        QCOMPARE(callbacks, 1);
        QCOMPARE(m_peer->requests.size(), 3);
        QVERIFY(m_peer->requests.first().startsWith("GET "));
    }

    void endingACallIsRetriedAfterAGatewayError()
    {
        m_peer->script = {Answer::error(502)};
        const auto result = run([&](auto done) {
            m_client->updateCallStatus(CallSid, QStringLiteral("completed"), done);
        });
        QVERIFY2(result.ok(), qPrintable(failureOf(result)));
        QCOMPARE(m_peer->requests.size(), 2);
    }

    void refusedConnectionIsRetriedThenReportedWithoutHanging()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 closedPort = probe.serverPort();
        probe.close();
        useClientAt(QStringLiteral("http://127.0.0.1:%1").arg(closedPort));
        QElapsedTimer elapsed;
        elapsed.start();
        const auto result = create();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, TwilioError::Kind::Network);
        QVERIFY(!result.error().requestSent);
        QCOMPARE(result.error().attempts, 3);
        QVERIFY2(elapsed.elapsed() < fastPolicy().budgetMs,
                 qPrintable(QString::number(elapsed.elapsed())));
    }

    void totalTimeStaysWithinTheBudget()
    {
        RetryPolicy policy;
        policy.maxAttempts = 10;
        policy.baseDelayMs = 200;
        policy.maxDelayMs = 200;
        policy.budgetMs = 500;
        m_client->setRetryPolicy(policy);
        for (int i = 0; i < 10; ++i)
            m_peer->script.append(Answer::error(503, 20503));
        QElapsedTimer elapsed;
        elapsed.start();
        const auto result = create();
        QVERIFY(!result.ok());
        QVERIFY2(elapsed.elapsed() < policy.budgetMs + 1000,
                 qPrintable(QString::number(elapsed.elapsed())));
        QVERIFY(result.error().attempts < 10);
        QCOMPARE(m_peer->requests.size(), result.error().attempts);
    }

    void oneAttemptMeansNoRetry()
    {
        RetryPolicy policy = fastPolicy();
        policy.maxAttempts = 1;
        m_client->setRetryPolicy(policy);
        m_peer->script = {Answer::error(429, 20429)};
        const auto result = create();
        QVERIFY(!result.ok());
        QCOMPARE(m_peer->requests.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestTwilioRetry)
#include "TestTwilioRetry.moc"
