// HttpConnection: how one HTTP/1.1 connection behaves on the wire (closing when asked, HTTP/1.0,
// 100 Continue, HEAD, encoded paths), over raw loopback sockets against the running engine.
#include "EngineFixture.h"
#include "RawHttpClient.h"

#include "api/ApiServer.h"
#include "calls/CallStore.h"
#include "net/Responder.h"
#include "net/ResponseStream.h"

#include <QTest>
#include <QTimer>

using namespace flux;
using namespace flux::test;

namespace {

const QByteArray ValidBody = "{\"phone_number\":\"+15555550104\",\"task_title\":\"Wire\"}";

QByteArray createHead(EngineFixture &fixture, const QByteArray &extra)
{
    return "POST /notifications/call HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/json\r\nAuthorization: Bearer " +
           fixture.engine().apiToken() +
           "\r\nContent-Length: " + QByteArray::number(ValidBody.size()) + "\r\n" + extra + "\r\n";
}

int storedCalls(EngineFixture &fixture)
{
    return int(fixture.engine().store()->recentCalls(1000).value().size());
}

// A server of its own with routes that misbehave on purpose: a big answer, a late one, one
// that is never given.
struct TestServer
{
    explicit TestServer(int clientTimeoutMs = 10000)
    {
        RequestLimits limits;
        limits.clientTimeoutMs = clientTimeoutMs;
        server.setRequestLimits(limits);
        const auto big = [this](const HttpRequest &, const Responder &responder) {
            ++bigServed;
            HttpResponse response;
            response.contentType = "application/octet-stream";
            response.body = QByteArray(64 * 1024, 'b');
            responder.send(response);
        };
        const auto late = [this](const HttpRequest &, const Responder &responder) {
            ++lateStarted;
            QTimer::singleShot(200, &server, [this, responder] {
                responder.send(HttpResponse::detail(HttpStatus::Ok, QStringLiteral("late")));
                ++lateAnswered;
            });
        };
        const auto forgotten = [](const HttpRequest &, const Responder &) {};
        const auto streamed = [this](const HttpRequest &, const Responder &responder) {
            HttpResponse head;
            head.contentType = "text/plain";
            head.body = "first\n";
            stream = responder.stream(head);
            stream.onClosed([this] { ++streamsClosed; });
        };
        server.addRoutes({Route(HttpMethod::Get, QStringLiteral("/big"), Route::Access::Public, {},
                                QStringLiteral("big"), big),
                          Route(HttpMethod::Get, QStringLiteral("/late"), Route::Access::Public, {},
                                QStringLiteral("late"), late),
                          Route(HttpMethod::Get, QStringLiteral("/forgotten"),
                                Route::Access::Public, {}, QStringLiteral("none"), forgotten),
                          Route(HttpMethod::Get, QStringLiteral("/stream"), Route::Access::Public,
                                {}, QStringLiteral("stream"), streamed)});
        port = server.listenOn(QHostAddress::LocalHost, 0);
    }
    ApiServer server;
    quint16 port = 0;
    int bigServed = 0;
    int lateStarted = 0;
    int lateAnswered = 0;
    ResponseStream stream; // the latest /stream
    int streamsClosed = 0;
};

// Reads what `client` has received until it contains `text`.
bool receives(QTcpSocket &client, QByteArray &received, const QByteArray &text)
{
    return QTest::qWaitFor(
        [&] {
            received += client.readAll();
            return received.contains(text);
        },
        5000);
}

} // namespace

class TestHttpConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aClientAskingToCloseGetsItsAnswerThenTheEnd()
    {
        EngineFixture fixture;
        QVERIFY(fixture.started());
        RawHttpClient client;
        QVERIFY(client.connectTo(fixture.engine().server()->port()));
        QVERIFY(client.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        const QByteArray answer = client.readAnswer(5000);
        QCOMPARE(RawHttpClient::status(answer), 200);
        QCOMPARE(RawHttpClient::header(answer, "Connection"), QByteArray("close"));
        QVERIFY(client.waitForClose(5000));
    }

    void anHttp10ClientIsAnsweredAndClosedUnlessItKeepsAlive()
    {
        EngineFixture fixture;
        QVERIFY(fixture.started());
        RawHttpClient plain;
        QVERIFY(plain.connectTo(fixture.engine().server()->port()));
        QVERIFY(plain.send("GET /healthz HTTP/1.0\r\n\r\n"));
        QCOMPARE(RawHttpClient::status(plain.readAnswer(5000)), 200);
        QVERIFY(plain.waitForClose(5000));

        RawHttpClient keeping;
        QVERIFY(keeping.connectTo(fixture.engine().server()->port()));
        for (int i = 0; i < 2; ++i) {
            QVERIFY(keeping.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
            QCOMPARE(RawHttpClient::status(keeping.readAnswer(5000)), 200);
        }
        QVERIFY(!keeping.closed());
    }

    void aClientThatExpectsContinueIsToldToSendItsBody()
    {
        EngineFixture fixture;
        QVERIFY(fixture.started());
        RawHttpClient client;
        QVERIFY(client.connectTo(fixture.engine().server()->port()));
        QVERIFY(client.send(createHead(fixture, "Expect: 100-continue\r\n")));
        const QByteArray interim = client.readAnswer(5000);
        QCOMPARE(RawHttpClient::status(interim), 100);
        QCOMPARE(storedCalls(fixture), 0);
        QVERIFY(client.send(ValidBody));
        QCOMPARE(RawHttpClient::status(client.readAnswer(10000)), 201);
        QCOMPARE(storedCalls(fixture), 1);
    }

    void anAnswerToHeadHasItsLengthButNoBody()
    {
        EngineFixture fixture;
        QVERIFY(fixture.started());
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, fixture.engine().server()->port());
        QVERIFY(socket.waitForConnected(5000));
        // HEAD has no route (405), and its answer must not carry the body the GET would: the
        // GET behind it must be read from the right byte.
        socket.write(
            "HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray received;
        QVERIFY(QTest::qWaitFor(
            [&] {
                received += socket.readAll();
                return received.count("HTTP/1.1 ") == 2 && received.endsWith("}");
            },
            5000));
        const qsizetype second = received.indexOf("HTTP/1.1 ", 1);
        const QByteArray head = received.left(second);
        QVERIFY2(head.startsWith("HTTP/1.1 405 "), head.constData());
        QVERIFY(head.endsWith("\r\n\r\n"));
        QVERIFY(RawHttpClient::header(head, "Content-Length").toInt() > 0);
        QVERIFY(received.mid(second).startsWith("HTTP/1.1 200 OK\r\n"));
    }

    void aPercentEncodedPathIsDecodedBeforeRouting()
    {
        EngineFixture fixture;
        QVERIFY(fixture.started());
        RawHttpClient client;
        QVERIFY(client.connectTo(fixture.engine().server()->port()));
        QVERIFY(client.send("GET /heal%74hz HTTP/1.1\r\nHost: x\r\n\r\n"));
        QCOMPARE(RawHttpClient::status(client.readAnswer(5000)), 200);
        QVERIFY(client.send("GET /heal%2Fthz HTTP/1.1\r\nHost: x\r\n\r\n"));
        QCOMPARE(RawHttpClient::status(client.readAnswer(5000)), 404);
    }

    void aHandlerThatNeverAnswersGivesA500()
    {
        TestServer test;
        RawHttpClient client;
        QVERIFY(client.connectTo(test.port));
        QVERIFY(client.send("GET /forgotten HTTP/1.1\r\nHost: x\r\n\r\n"));
        QCOMPARE(RawHttpClient::status(client.readAnswer(5000)), 500);
        QVERIFY(client.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n"));
        QCOMPARE(RawHttpClient::status(client.readAnswer(5000)), 200);
    }

    void aStreamedAnswerHasNoLengthAndEndsWithTheConnection()
    {
        TestServer test;
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, test.port);
        QVERIFY(client.waitForConnected(5000));
        client.write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray received;
        QVERIFY(receives(client, received, "\r\n\r\nfirst\n"));
        QVERIFY(received.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(!received.contains("Content-Length"));
        QVERIFY(received.contains("\r\nConnection: close\r\n"));
        QVERIFY(test.stream.write("second\n"));
        QVERIFY(receives(client, received, "first\nsecond\n"));
        test.stream.close();
        QCOMPARE(test.streamsClosed, 1);
        QVERIFY(!test.stream.write("late\n"));
        QVERIFY(QTest::qWaitFor(
            [&] {
                received += client.readAll();
                return client.state() == QAbstractSocket::UnconnectedState;
            },
            5000));
        QVERIFY(received.endsWith("first\nsecond\n"));
        QCOMPARE(test.streamsClosed, 1);
    }

    void aStreamOutlivesTheRequestTimeoutAndEndsWhenTheClientLeaves()
    {
        TestServer test(300);
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, test.port);
        QVERIFY(client.waitForConnected(5000));
        client.write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray received;
        QVERIFY(receives(client, received, "first\n"));
        QTest::qWait(1000); // more than three client timeouts
        QVERIFY(test.stream.isOpen());
        QVERIFY(test.stream.write("still\n"));
        QVERIFY(receives(client, received, "still\n"));
        client.abort();
        QTRY_COMPARE_WITH_TIMEOUT(test.streamsClosed, 1, 5000);
        QVERIFY(!test.stream.isOpen());
        QVERIFY(!test.stream.write("gone\n"));
        QTRY_COMPARE_WITH_TIMEOUT(test.server.openConnections(), 0, 5000);
    }

    void aStreamWhoseClientStopsReadingIsHeldBackThenClosed()
    {
        TestServer test(500);
        QTcpSocket client;
        client.setReadBufferSize(4096);
        client.connectToHost(QHostAddress::LocalHost, test.port);
        QVERIFY(client.waitForConnected(5000));
        client.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        client.write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(test.stream.isOpen(), 5000);
        // The writer is told to wait once the kernel's buffers and the backlog are full.
        const QByteArray chunk(64 * 1024, 's');
        int written = 0;
        while (!test.stream.backlogged() && written < 1000) {
            QVERIFY(test.stream.write(chunk));
            ++written;
        }
        QVERIFY2(test.stream.backlogged(), QByteArray::number(written).constData());
        QTRY_COMPARE_WITH_TIMEOUT(test.streamsClosed, 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(test.server.openConnections(), 0, 5000);
    }

    void aLateAnswerForAClientThatLeftIsDropped()
    {
        TestServer test;
        {
            RawHttpClient leaving;
            QVERIFY(leaving.connectTo(test.port));
            QVERIFY(leaving.send("GET /late HTTP/1.1\r\nHost: x\r\n\r\n"));
            QVERIFY(QTest::qWaitFor([&] { return test.lateStarted == 1; }, 5000));
        } // gone before the answer
        QVERIFY(QTest::qWaitFor([&] { return test.lateAnswered == 1; }, 5000));
        RawHttpClient next;
        QVERIFY(next.connectTo(test.port));
        QVERIFY(next.send("GET /late HTTP/1.1\r\nHost: x\r\n\r\n"));
        QCOMPARE(RawHttpClient::body(next.readAnswer(5000)), QByteArray("{\"detail\":\"late\"}"));
    }

    void aClientThatSendsAndNeverReadsIsHeldBackThenClosed()
    {
        // 1,000 pipelined requests for 64 KiB each, 62.5 MiB of answers, to a client that reads
        // nothing: the server must stop reading its requests, not buffer the answers, and close
        // it once it has taken nothing for the client timeout.
        TestServer test(500);
        QTcpSocket client;
        client.setReadBufferSize(4096);
        client.connectToHost(QHostAddress::LocalHost, test.port);
        QVERIFY(client.waitForConnected(5000));
        client.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        const QByteArray request = "GET /big HTTP/1.1\r\nHost: x\r\n\r\n";
        client.write(request.repeated(1000));
        QTRY_COMPARE_WITH_TIMEOUT(test.server.openConnections(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(test.server.openConnections(), 0, 5000);
        // The answers that fit the backlog and the kernel's socket buffers (about 4 MiB here,
        // tcp_wmem's and tcp_rmem's maximums, so about 64 answers), not all 1,000.
        QVERIFY2(test.bigServed > 0 && test.bigServed < 500,
                 QByteArray::number(test.bigServed).constData());
    }

    void aClientThatAsksToCloseAndNeverReadsIsClosedInTime()
    {
        TestServer test(500);
        QTcpSocket client;
        client.setReadBufferSize(4096);
        client.connectToHost(QHostAddress::LocalHost, test.port);
        QVERIFY(client.waitForConnected(5000));
        client.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        const QByteArray request = "GET /big HTTP/1.1\r\nHost: x\r\n\r\n";
        client.write(request.repeated(3) + "GET /big HTTP/1.1\r\nConnection: close\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(test.bigServed, 4, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(test.server.openConnections(), 0, 5000);
    }

    void anErrorGoesOutWithItsReasonPhraseAndDetail()
    {
        EngineFixture fixture;
        QVERIFY(fixture.started());
        RawHttpClient client;
        QVERIFY(client.connectTo(fixture.engine().server()->port()));
        QVERIFY(client.send("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n"));
        const QByteArray answer = client.readAnswer(5000);
        QVERIFY2(answer.startsWith("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n"),
                 answer.constData());
        QCOMPARE(RawHttpClient::body(answer), QByteArray("{\"detail\":\"Not Found\"}"));
    }
};

QTEST_GUILESS_MAIN(TestHttpConnection)
#include "TestHttpConnection.moc"
