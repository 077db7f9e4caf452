// TestTwilioRetry: which Twilio failures TwilioClient retries, how long it waits, and that a call
// is never created twice: the policy's arithmetic, then a scripted Twilio peer on loopback.
#include "http/HttpServer.h"
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

TwilioError apiError(int status, int code = 0)
{
    TwilioError error;
    error.kind = TwilioError::Kind::Api;
    error.httpStatus = status;
    error.code = code;
    return error;
}

TwilioError networkError(TwilioError::Kind kind, bool requestSent)
{
    TwilioError error;
    error.kind = kind;
    error.requestSent = requestSent;
    return error;
}

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
                    answer.status,
                    QJsonObject{{QStringLiteral("sid"), CallSid},
                                {QStringLiteral("status"), QStringLiteral("queued")}}));
                return;
            }
            HttpResponse response = HttpResponse::json(
                answer.status, QJsonObject{{QStringLiteral("code"), answer.code},
                                           {QStringLiteral("message"), QStringLiteral("scripted")},
                                           {QStringLiteral("status"), answer.status}});
            if (!answer.retryAfter.isEmpty())
                response.headers.append({"Retry-After", answer.retryAfter});
            r.send(response);
        };
        const QString calls = QStringLiteral("/2010-04-01/Accounts/{account}/Calls.json");
        const QString call = QStringLiteral("/2010-04-01/Accounts/{account}/Calls/{file}");
        server.addRoutes({{"POST", calls, Route::Access::Public, {}, handle},
                          {"GET", call, Route::Access::Public, {}, handle},
                          {"POST", call, Route::Access::Public, {}, handle}});
        port = server.listenOn(QHostAddress::LocalHost, 0);
    }
    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(port); }

    HttpServer server;
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

    // The policy on its own.

    void onlyFailuresThatProveNothingWasPlacedRetryACreate_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("create");
        QTest::addColumn<bool>("fetchOrUpdate");
        QTest::newRow("429") << 429 << 20429 << true << true;
        QTest::newRow("code 20429 under another status") << 400 << 20429 << true << true;
        QTest::newRow("503") << 503 << 20503 << true << true;
        QTest::newRow("500") << 500 << 20500 << false << true;
        QTest::newRow("502") << 502 << 0 << false << true;
        QTest::newRow("504") << 504 << 0 << false << true;
        QTest::newRow("400") << 400 << 21211 << false << false;
        QTest::newRow("401") << 401 << 20003 << false << false;
        QTest::newRow("404") << 404 << 20404 << false << false;
    }
    void onlyFailuresThatProveNothingWasPlacedRetryACreate()
    {
        QFETCH(int, status);
        QFETCH(int, code);
        QFETCH(bool, create);
        QFETCH(bool, fetchOrUpdate);
        const TwilioError error = apiError(status, code);
        QCOMPARE(RetryPolicy::mayRetry(RetryPolicy::Request::Create, error), create);
        QCOMPARE(RetryPolicy::mayRetry(RetryPolicy::Request::Fetch, error), fetchOrUpdate);
        QCOMPARE(RetryPolicy::mayRetry(RetryPolicy::Request::Update, error), fetchOrUpdate);
    }

    void aTimeoutOrDropAfterSendingIsNeverRetriedForACreate()
    {
        using Kind = TwilioError::Kind;
        using Request = RetryPolicy::Request;
        QVERIFY(!RetryPolicy::mayRetry(Request::Create, networkError(Kind::Timeout, true)));
        QVERIFY(!RetryPolicy::mayRetry(Request::Create, networkError(Kind::Network, true)));
        QVERIFY(RetryPolicy::mayRetry(Request::Create, networkError(Kind::Network, false)));
        QVERIFY(RetryPolicy::mayRetry(Request::Fetch, networkError(Kind::Timeout, true)));
        QVERIFY(RetryPolicy::mayRetry(Request::Update, networkError(Kind::Network, true)));
        QVERIFY(!RetryPolicy::mayRetry(Request::Fetch, networkError(Kind::BadAnswer, true)));
    }

    void waitsAreFullJitterUnderADoublingCeiling()
    {
        RetryPolicy policy;
        policy.baseDelayMs = 500;
        policy.maxDelayMs = 1500;
        policy.maxAttempts = 5;
        policy.budgetMs = 60000;
        const TwilioError limited = apiError(429, 20429);
        const auto delay = [&](int attempt, double random) {
            return policy.delayBefore(attempt, RetryPolicy::Request::Create, limited, 0, random);
        };
        QCOMPARE(delay(2, 0.0), 0);
        QCOMPARE(delay(2, 1.0), 500);
        QCOMPARE(delay(3, 1.0), 1000);
        QCOMPARE(delay(4, 1.0), 1500); // capped
        QCOMPARE(delay(5, 0.5), 750);
        QCOMPARE(delay(6, 0.5), -1); // past maxAttempts
    }

    void noRetryStartsOnceTheBudgetIsSpent()
    {
        RetryPolicy policy;
        policy.budgetMs = 1000;
        const TwilioError limited = apiError(429, 20429);
        QCOMPARE(policy.delayBefore(2, RetryPolicy::Request::Create, limited, 1000, 0.0), -1);
        QCOMPARE(policy.delayBefore(2, RetryPolicy::Request::Create, limited, 999, 0.0), 0);
        TwilioError later = limited;
        later.retryAfterMs = 2000;
        QCOMPARE(policy.delayBefore(2, RetryPolicy::Request::Create, later, 0, 0.0), -1);
        later.retryAfterMs = 700;
        QCOMPARE(policy.delayBefore(2, RetryPolicy::Request::Create, later, 0, 0.0), 700);
    }

    void retryAfterIsReadAsSecondsOrAnHttpDate()
    {
        const QDateTime now(QDate(2015, 10, 21), QTime(7, 27, 58), Qt::UTC);
        QCOMPARE(RetryPolicy::parseRetryAfter("3", now), 3000);
        QCOMPARE(RetryPolicy::parseRetryAfter(" 0 ", now), 0);
        QCOMPARE(RetryPolicy::parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now), 2000);
        QCOMPARE(RetryPolicy::parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now), 0);
        QCOMPARE(RetryPolicy::parseRetryAfter("", now), -1);
        QCOMPARE(RetryPolicy::parseRetryAfter("-5", now), -1);
        QCOMPARE(RetryPolicy::parseRetryAfter("soon", now), -1);
        QCOMPARE(RetryPolicy::parseRetryAfter("GMT", now), -1);
        // Found by fuzz_retry_after: seconds x 1000 overflowed.
        QCOMPARE(RetryPolicy::parseRetryAfter("9909995399990999", now), 24 * 3600 * 1000);
    }

    // The client against a scripted peer.

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
