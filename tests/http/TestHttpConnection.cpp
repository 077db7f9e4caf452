// HttpConnection: how one HTTP/1.1 connection behaves on the wire (closing when asked, HTTP/1.0,
// 100 Continue, HEAD, encoded paths), over raw loopback sockets against the running engine.
#include "EngineFixture.h"
#include "RawHttpClient.h"

#include "calls/CallStore.h"
#include "http/HttpServer.h"

#include <QTest>

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

    void everyStatusGoesOutWithItsReasonPhrase()
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
