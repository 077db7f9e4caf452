// Attacks on the server's resources (oversized, malformed, slow and numerous requests) and what
// each gets. Sent over raw loopback sockets, byte for byte as written; an API token is sent
// wherever the attack is not about the token, so "no call was placed" proves that a request
// never reached its handler.
#include "EngineFixture.h"
#include "RawHttpClient.h"

#include "api/ApiServer.h"
#include "calls/CallStore.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>

using namespace flux;
using namespace flux::test;

namespace {

const QByteArray ValidBody = "{\"phone_number\":\"+15555550104\",\"task_title\":\"Limits\"}";

Config withLimits(int clientTimeoutMs = 10000, int maxConnections = 256)
{
    Config config = EngineFixture::simulatorConfig({});
    config.requestLimits.clientTimeoutMs = clientTimeoutMs;
    config.requestLimits.maxConnections = maxConnections;
    return config;
}

// A create request with the right token and the given framing headers, then `body`.
QByteArray create(EngineFixture &fixture, const QByteArray &framing, const QByteArray &body)
{
    return "POST /notifications/call HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/json\r\nAuthorization: Bearer " +
           fixture.engine().apiToken() + "\r\n" + framing + "\r\n" + body;
}

QByteArray lengthOf(const QByteArray &body)
{
    return "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
}

int storedCalls(EngineFixture &fixture)
{
    return int(fixture.engine().store()->recentCalls(1000).value().size());
}

// One request on a fresh connection; the raw answer.
QByteArray exchange(quint16 port, const QByteArray &request, RawHttpClient *keep = nullptr)
{
    RawHttpClient own;
    RawHttpClient &client = keep ? *keep : own;
    if (!client.connectTo(port))
        return {};
    client.send(request); // may fail half-way when the server refuses early: that is the point
    return client.readAnswer(5000);
}

bool stillServes(EngineFixture &fixture)
{
    LoopbackClient http;
    return http.get(fixture.url(QStringLiteral("/healthz"))).status == 200;
}

qint64 statusKiB(qint64 pid, const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

class TestSecurityLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bodyOverTheLimitIs413BeforeItIsSent()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const qint64 limit = fixture.engine().config().requestLimits.maxBodyBytes;
        RawHttpClient client;
        QVERIFY(client.connectTo(fixture.engine().server()->port()));
        // Only the head: the answer must not wait for a body.
        QVERIFY(client.send(
            create(fixture, "Content-Length: " + QByteArray::number(limit + 1) + "\r\n", {})));
        const QByteArray answer = client.readAnswer();
        QCOMPARE(RawHttpClient::status(answer), 413);
        QCOMPARE(RawHttpClient::header(answer, "Connection"), QByteArray("close"));
        QVERIFY(RawHttpClient::body(answer).contains("larger than"));
        QVERIFY(client.waitForClose(5000));
        QCOMPARE(storedCalls(fixture), 0);
        QVERIFY(stillServes(fixture));
    }

    void absurdContentLengthsAre413_data()
    {
        QTest::addColumn<QByteArray>("length");
        QTest::newRow("2 GB, Qt would reserve it") << QByteArray("2000000000");
        QTest::newRow("past 64 bits") << QByteArray("18446744073709551617");
        QTest::newRow("40 digits") << QByteArray(40, '9');
    }
    void absurdContentLengthsAre413()
    {
        QFETCH(QByteArray, length);
        EngineFixture fixture;
        QVERIFY(fixture.started());
        const QByteArray answer =
            exchange(fixture.engine().server()->port(),
                     create(fixture, "Content-Length: " + length + "\r\n", ValidBody));
        QCOMPARE(RawHttpClient::status(answer), 413);
        QCOMPARE(storedCalls(fixture), 0);
        QVERIFY(stillServes(fixture));
    }

    void aBodyExactlyAtTheLimitIsAccepted()
    {
        EngineFixture fixture;
        QVERIFY(fixture.started());
        const qint64 limit = fixture.engine().config().requestLimits.maxBodyBytes;
        const QByteArray body = ValidBody + QByteArray(limit - ValidBody.size(), ' ');
        QCOMPARE(body.size(), limit);
        const QByteArray answer =
            exchange(fixture.engine().server()->port(), create(fixture, lengthOf(body), body));
        QCOMPARE(RawHttpClient::status(answer), 201);
    }

    void oversizedHeadsAre414Or431AndClosed_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        const QByteArray longUrl = "/notifications/calls?x=" + QByteArray(41 * 1024, 'u');
        QTest::newRow("url past the limit") << "GET " + longUrl + " HTTP/1.1\r\nHost: x\r\n\r\n"
                                            << 414;
        QTest::newRow("url that never ends") << "GET " + QByteArray(100 * 1024, 'u') << 414;
        QTest::newRow("one huge header")
            << "GET /healthz HTTP/1.1\r\nX-Big: " + QByteArray(17 * 1024, 'h') + "\r\n\r\n"
            << 431;
        QTest::newRow("thousands of small headers")
            << "GET /healthz HTTP/1.1\r\n" + QByteArray("A: b\r\n").repeated(4000) + "\r\n"
            << 431;
        QTest::newRow("headers that never end")
            << "GET /healthz HTTP/1.1\r\nX: " + QByteArray(200 * 1024, 'h') << 431;
    }
    void oversizedHeadsAre414Or431AndClosed()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        EngineFixture fixture;
        QVERIFY(fixture.started());
        RawHttpClient client;
        QCOMPARE(
            RawHttpClient::status(exchange(fixture.engine().server()->port(), request, &client)),
            status);
        QVERIFY(client.waitForClose(5000));
        QVERIFY(stillServes(fixture));
    }

    void ambiguousFramingIsRefusedAndReachesNoHandler_data()
    {
        QTest::addColumn<QByteArray>("framing");
        QTest::addColumn<int>("status");
        const QByteArray length = lengthOf(ValidBody);
        QTest::newRow("chunked") << QByteArray("Transfer-Encoding: chunked\r\n") << 411;
        QTest::newRow("length and chunked") << length + "Transfer-Encoding: chunked\r\n" << 411;
        QTest::newRow("two lengths") << length + "Content-Length: 2\r\n" << 400;
        QTest::newRow("length behind a bare LF") << "X-A: 1\n" + length << 400;
        QTest::newRow("length in a folded line") << "X-A: 1\r\n " + length << 400;
        QTest::newRow("space before the colon")
            << "Content-Length : " + QByteArray::number(ValidBody.size()) + "\r\n"
            << 400;
    }
    void ambiguousFramingIsRefusedAndReachesNoHandler()
    {
        QFETCH(QByteArray, framing);
        QFETCH(int, status);
        EngineFixture fixture;
        QVERIFY(fixture.started());
        RawHttpClient client;
        const QByteArray answer = exchange(fixture.engine().server()->port(),
                                           create(fixture, framing, ValidBody), &client);
        QCOMPARE(RawHttpClient::status(answer), status);
        QVERIFY(client.waitForClose(5000));
        QCOMPARE(storedCalls(fixture), 0);
    }

    void requestsThatAreNotHttpAre400AndClosed_data()
    {
        // Framed fine (a line, a blank line) but no request line.
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("TLS hello bytes") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\r\n\r\n", 11);
        QTest::newRow("SSH banner") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n\r\n");
    }
    void requestsThatAreNotHttpAre400AndClosed()
    {
        QFETCH(QByteArray, request);
        EngineFixture fixture;
        QVERIFY(fixture.started());
        RawHttpClient client;
        const QByteArray answer = exchange(fixture.engine().server()->port(), request, &client);
        QCOMPARE(RawHttpClient::status(answer), 400);
        QVERIFY(client.waitForClose(5000));
        QVERIFY(stillServes(fixture));
    }

    void pipelinedRequestsAreAnsweredInOrder()
    {
        // A create is answered late (after Twilio's answer and a synced write), the health
        // check at once: the second answer must still wait for the first.
        EngineFixture fixture;
        QVERIFY(fixture.started());
        RawHttpClient client;
        QVERIFY(client.connectTo(fixture.engine().server()->port()));
        const QByteArray request = create(fixture, lengthOf(ValidBody), ValidBody);
        const QByteArray health = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        QVERIFY(client.send(request + health + request));
        const QByteArray first = client.readAnswer(10000);
        const QByteArray second = client.readAnswer(10000);
        const QByteArray third = client.readAnswer(10000);
        QCOMPARE(RawHttpClient::status(first), 201);
        QCOMPARE(RawHttpClient::status(second), 200);
        QVERIFY(RawHttpClient::body(second).contains("\"status\""));
        QCOMPARE(RawHttpClient::status(third), 201);
        QVERIFY(RawHttpClient::body(first) != RawHttpClient::body(third));
        QCOMPARE(storedCalls(fixture), 2);
    }

    void keepAliveRequestsOneAfterAnotherAreServed()
    {
        EngineFixture fixture;
        QVERIFY(fixture.started());
        RawHttpClient client;
        QVERIFY(client.connectTo(fixture.engine().server()->port()));
        for (int i = 0; i < 3; ++i) {
            QVERIFY(client.send(create(fixture, lengthOf(ValidBody), ValidBody)));
            QCOMPARE(RawHttpClient::status(client.readAnswer(10000)), 201);
        }
        QCOMPARE(storedCalls(fixture), 3);
    }

    void aHeadSentTooSlowlyIs408AndClosed()
    {
        EngineFixture fixture(withLimits(400));
        QVERIFY(fixture.started());
        RawHttpClient client;
        QVERIFY(client.connectTo(fixture.engine().server()->port()));
        QVERIFY(client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
        const QByteArray answer = client.readAnswer(5000);
        QCOMPARE(RawHttpClient::status(answer), 408);
        QVERIFY(client.waitForClose(5000));
    }

    void tricklingBytesDoesNotPutTheDeadlineOff()
    {
        // One byte every 50 ms keeps the connection busy; the deadline counts from the first.
        EngineFixture fixture(withLimits(600));
        QVERIFY(fixture.started());
        RawHttpClient client;
        QVERIFY(client.connectTo(fixture.engine().server()->port()));
        const QByteArray head = "GET /healthz HTTP/1.1\r\nX-Slow: " + QByteArray(200, 's');
        int sent = 0;
        for (; sent < head.size() && !client.closed(); ++sent) {
            if (!client.send(head.mid(sent, 1)))
                break;
            QTest::qWait(50);
        }
        QVERIFY2(client.waitForClose(5000), "closed while the client was still trickling");
        QVERIFY2(sent < head.size(), qPrintable(QStringLiteral("sent %1 bytes").arg(sent)));
    }

    void aBodySentTooSlowlyIs408()
    {
        EngineFixture fixture(withLimits(400));
        QVERIFY(fixture.started());
        RawHttpClient client;
        QVERIFY(client.connectTo(fixture.engine().server()->port()));
        QVERIFY(client.send(create(fixture, lengthOf(ValidBody), ValidBody.left(10))));
        QCOMPARE(RawHttpClient::status(client.readAnswer(5000)), 408);
        QVERIFY(client.waitForClose(5000));
        QCOMPARE(storedCalls(fixture), 0);
    }

    void idleConnectionsAreClosedSilently()
    {
        EngineFixture fixture(withLimits(300));
        QVERIFY(fixture.started());
        RawHttpClient silent;
        QVERIFY(silent.connectTo(fixture.engine().server()->port()));
        QVERIFY(silent.waitForClose(5000));
        QCOMPARE(silent.readAnswer(0), QByteArray());
        // The same after a request: keep-alive ends once the connection goes quiet.
        RawHttpClient served;
        QVERIFY(served.connectTo(fixture.engine().server()->port()));
        QVERIFY(served.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
        QCOMPARE(RawHttpClient::status(served.readAnswer()), 200);
        QVERIFY(served.waitForClose(5000));
    }

    void connectionsBeyondTheCapAreClosedAtOnce()
    {
        EngineFixture fixture(withLimits(30000, 4));
        QVERIFY(fixture.started());
        const quint16 port = fixture.engine().server()->port();
        std::vector<std::unique_ptr<RawHttpClient>> held;
        for (int i = 0; i < 4; ++i) {
            held.push_back(std::make_unique<RawHttpClient>());
            QVERIFY(held.back()->connectTo(port));
        }
        RawHttpClient extra;
        QVERIFY(extra.connectTo(port)); // the kernel accepts; the server closes it unread
        QVERIFY(extra.waitForClose(5000));
        QVERIFY(!held.front()->closed());

        held.front()->socket.abort();
        const auto servedAgain = [port] {
            RawHttpClient later;
            return later.connectTo(port) &&
                   later.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n") &&
                   RawHttpClient::status(later.readAnswer(1000)) == 200;
        };
        QTRY_VERIFY_WITH_TIMEOUT(servedAgain(), 5000);
    }

    void aHundredMegabyteBodyIsRefusedWithoutTheServerGrowing()
    {
        // The real binary in its own process, so its memory is measured alone.
        QTemporaryDir dir;
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        const QByteArray token = "limits-test-api-token-2023";
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_PHONE_NUMBER",
                                 "PUBLIC_BASE_URL", "FLUX_MODE", "FLUX_LISTEN"})
            env.remove(QString::fromLatin1(name));
        env.insert(QStringLiteral("FLUX_DATA_DIR"), dir.path());
        env.insert(QStringLiteral("FLUX_API_TOKEN"), QString::fromLatin1(token));
        QProcess app;
        app.setProcessEnvironment(env);
        app.setWorkingDirectory(dir.path());
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app.start(QStringLiteral(FLUX_APP_BINARY),
                  {QStringLiteral("--headless"), QStringLiteral("--listen"),
                   QStringLiteral("127.0.0.1:%1").arg(port)});
        QVERIFY(app.waitForStarted(10000));
        LoopbackClient http;
        http.timeoutMs = 2000;
        QTRY_COMPARE_WITH_TIMEOUT(
            http.get(QStringLiteral("http://127.0.0.1:%1/healthz").arg(port)).status, 200, 20000);
        const qint64 pid = app.processId();
        const qint64 rssBefore = statusKiB(pid, "VmRSS");
        const qint64 peakBefore = statusKiB(pid, "VmHWM");

        const qint64 bodySize = 100 * 1024 * 1024;
        RawHttpClient client;
        QVERIFY(client.connectTo(port));
        QVERIFY(client.send("POST /notifications/call HTTP/1.1\r\nHost: x\r\nAuthorization: "
                            "Bearer " +
                            token + "\r\nContent-Type: application/json\r\nContent-Length: " +
                            QByteArray::number(bodySize) + "\r\n\r\n"));
        const QByteArray chunk(1024 * 1024, 'x');
        QByteArray answer;
        while (client.bytesSent() < bodySize && !client.closed()) {
            answer = client.readAnswer(0);
            if (!answer.isEmpty() || !client.send(chunk, 2000))
                break;
        }
        if (answer.isEmpty())
            answer = client.readAnswer(5000);
        const qint64 rssAfter = statusKiB(pid, "VmRSS");
        const qint64 peakAfter = statusKiB(pid, "VmHWM");
        qInfo("100 MiB body: 413 after the client sent %lld bytes; server RSS %lld KiB before, "
              "%lld KiB after, peak %lld KiB before, %lld KiB after",
              client.bytesSent(), rssBefore, rssAfter, peakBefore, peakAfter);

        QCOMPARE(RawHttpClient::status(answer), 413);
        QVERIFY(rssBefore > 0 && peakAfter > 0);
        QVERIFY2(peakAfter - rssBefore < 32 * 1024, "the server's memory grew with the body");
        app.terminate();
        QVERIFY(app.waitForFinished(10000));
    }
};

QTEST_GUILESS_MAIN(TestSecurityLimits)
#include "TestSecurityLimits.moc"
