// Tests the simulator's own HTTP client (WebhookSender over WebhookDispatcher's kept-alive
// WebhookConnections) on loopback: against the app's ApiServer, which checks every signature,
// and against a bare QTcpServer the test scripts byte by byte.
#include "api/ApiServer.h"
#include "simulator/WebhookDispatcher.h"
#include "simulator/WebhookSender.h"
#include "twilio/SignatureValidator.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace flux;

namespace {

constexpr int WaitMs = 5000;
const QByteArray Token = "0123456789abcdef0123456789abcdef";

// Collects the answers a sender hands back, and whether one came from inside send().
struct Answers
{
    QList<WebhookSender::Answer> got;
    bool sending = false;
    bool answeredInsideSend = false;

    WebhookSender::Done collect()
    {
        return [this](const WebhookSender::Answer &answer) {
            answeredInsideSend = answeredInsideSend || sending;
            got.append(answer);
        };
    }
    void send(WebhookSender &sender, const QString &method, const QString &url,
              const FormParams &params)
    {
        sending = true;
        sender.send(method, url, params, collect());
        sending = false;
    }
};

// A bare HTTP/1.1 peer: records each request it reads (head and Content-Length body) with
// the connection it came on, and answers only what the test writes.
class ScriptedPeer
{
public:
    struct Received
    {
        int connection; // in the order the connections were accepted
        QByteArray head;
        QByteArray body;
        QTcpSocket *socket;
    };

    ScriptedPeer()
    {
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                const int index = int(sockets.size());
                sockets.append(socket);
                QObject::connect(socket, &QTcpSocket::readyRead, socket,
                                 [this, socket, index] { read(socket, index); });
            }
        });
        server.listen(QHostAddress::LocalHost, 0);
    }

    QString url(const QString &path = QStringLiteral("/hook")) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(server.serverPort()).arg(path);
    }
    // The form value `n` of each request, in the order they arrived.
    QStringList numbers() const
    {
        QStringList found;
        for (const Received &each : requests)
            found.append(FormEncoding::value(FormEncoding::parse(each.body), QStringLiteral("n")));
        return found;
    }
    static void answer(QTcpSocket *socket, const QByteArray &body, int status = 200,
                       const QByteArray &extraHeaders = {})
    {
        socket->write("HTTP/1.1 " + QByteArray::number(status) + " Whatever\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body);
    }

    QTcpServer server;
    QList<QTcpSocket *> sockets;
    QList<Received> requests;
    // Called for each whole request; by default it answers 200 "ok".
    std::function<void(const Received &)> onRequest = [](const Received &request) {
        answer(request.socket, "ok");
    };

private:
    void read(QTcpSocket *socket, int index)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = buffer.first(end + 4);
            qsizetype length = 0;
            for (const QByteArray &line : head.split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (buffer.size() < end + 4 + length)
                return;
            const Received received{index, head, buffer.mid(end + 4, length), socket};
            buffer.remove(0, end + 4 + length);
            requests.append(received);
            onRequest(received);
        }
    }
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

FormParams numbered(int n)
{
    return {{QStringLiteral("n"), QString::number(n)}};
}

} // namespace

class TestWebhookSender : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void manyRequestsInTurnShareOneKeptAliveConnectionToTheApp();
    void getCarriesItsParametersInTheSignedQuery();
    void theRequestGoesOutAsTwiliosDoes();
    void credentialsInTheUrlGoAsBasicAuthorization();
    void anAnswerInChunksIsReadWholeAndTheConnectionKept();
    void anAnswerRunningToTheCloseIsReadWhole();
    void anAnswerThatSaysCloseIsFollowedByANewConnection();
    void aConnectionTheAppClosedWhileIdleIsOpenedAgain();
    void aRequestTheAppClosedAKeptConnectionOnGoesOnceMoreOnANewOne();
    void aRequestIsNotSentTwiceWhenItsOwnConnectionCloses();
    void aHalfAnswerIsAnErrorAndNotSentAgain();
    void aNonSuccessStatusIsAnErrorWithItsBody();
    void anAppThatNeverAnswersTimesOut();
    void aRefusedConnectionIsReportedWithoutAnAnswer();
    void noMoreThanSixRequestsToAHostAreInFlightAndTheRestGoInOrder();
    void abortingDropsRequestsInFlightWithoutAnswerAndFreesTheirPlaces();
    void httpsGoesThroughQNetworkAccessManager();

private:
    std::unique_ptr<WebhookDispatcher> m_dispatcher;
    std::unique_ptr<WebhookSender> m_sender;
};

void TestWebhookSender::init()
{
    m_dispatcher = std::make_unique<WebhookDispatcher>();
    m_sender = std::make_unique<WebhookSender>(m_dispatcher.get(), Token, WaitMs);
}

void TestWebhookSender::cleanup()
{
    m_sender.reset();
    m_dispatcher.reset();
}

void TestWebhookSender::manyRequestsInTurnShareOneKeptAliveConnectionToTheApp()
{
    ApiServer app;
    QStringList seen;
    const Route::Handler echo = [&seen](const HttpRequest &request, const Responder &responder) {
        seen.append(FormEncoding::value(request.form, QStringLiteral("n")));
        responder.send(HttpResponse{HttpStatus::Ok, "text/plain", request.body, {}});
    };
    app.addRoutes(
        {{HttpMethod::Post, QStringLiteral("/hook"), Route::Access::TwilioWebhook, {}, {}, echo}});
    const quint16 port = app.listenOn(QHostAddress::LocalHost, 0);
    QVERIFY(port != 0);
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);
    app.setWebhookSignature(SignatureValidator(Token), base);
    QSignalSpy rejected(&app, &ApiServer::webhookRejected);
    auto *listener = app.findChild<QTcpServer *>();
    QVERIFY(listener);
    QSignalSpy accepted(listener, &QTcpServer::newConnection);

    Answers answers;
    for (int n = 0; n < 20; ++n) {
        answers.send(*m_sender, QStringLiteral("POST"), base + QStringLiteral("/hook"),
                     numbered(n));
        QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), n + 1, WaitMs);
        QCOMPARE(answers.got.last().httpStatus, 200);
        QCOMPARE(answers.got.last().body, QByteArray("n=") + QByteArray::number(n));
        QVERIFY2(answers.got.last().error.isEmpty(), qPrintable(answers.got.last().error));
    }
    QCOMPARE(seen.size(), 20);
    QCOMPARE(rejected.size(), 0);
    QCOMPARE(accepted.size(), 1);
    QVERIFY(!answers.answeredInsideSend);
}

void TestWebhookSender::getCarriesItsParametersInTheSignedQuery()
{
    ApiServer app;
    QString query;
    const Route::Handler handler = [&query](const HttpRequest &request,
                                            const Responder &responder) {
        query = request.rawQuery;
        responder.send(HttpResponse::twiml("<Response/>"));
    };
    app.addRoutes({{HttpMethod::Get,
                    QStringLiteral("/twiml"),
                    Route::Access::TwilioWebhook,
                    {},
                    {},
                    handler}});
    const quint16 port = app.listenOn(QHostAddress::LocalHost, 0);
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);
    app.setWebhookSignature(SignatureValidator(Token), base);
    QSignalSpy rejected(&app, &ApiServer::webhookRejected);

    Answers answers;
    answers.send(*m_sender, QStringLiteral("GET"), base + QStringLiteral("/twiml?step=2"),
                 {{QStringLiteral("Digits"), QStringLiteral("1 2+")}});
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 1, WaitMs);
    QCOMPARE(answers.got.first().httpStatus, 200);
    QVERIFY(answers.got.first().body.contains("<Response"));
    QCOMPARE(query, QStringLiteral("step=2&Digits=1+2%2B"));
    QCOMPARE(rejected.size(), 0);
}

void TestWebhookSender::theRequestGoesOutAsTwiliosDoes()
{
    ScriptedPeer peer;
    Answers answers;
    const FormParams params{{QStringLiteral("CallSid"), QStringLiteral("CA1")}};
    answers.send(*m_sender, QStringLiteral("POST"), peer.url(QStringLiteral("/hook?x=1")), params);
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 1, WaitMs);
    QCOMPARE(peer.requests.size(), 1);
    const QByteArray head = peer.requests.first().head;
    QVERIFY2(head.startsWith("POST /hook?x=1 HTTP/1.1\r\n"), head.constData());
    const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(peer.server.serverPort());
    QVERIFY2(head.contains(QByteArray(host + "\r\n")), head.constData());
    QVERIFY(head.contains("User-Agent: TwilioProxy/1.1\r\n"));
    QVERIFY(head.contains("Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n"));
    QVERIFY(head.contains("Content-Length: 11\r\n"));
    const QByteArray signature =
        SignatureValidator::compute(Token, peer.url(QStringLiteral("/hook?x=1")), params);
    QVERIFY(head.contains(QByteArray("X-Twilio-Signature: " + signature + "\r\n")));
    QCOMPARE(peer.requests.first().body, QByteArray("CallSid=CA1"));
}

void TestWebhookSender::credentialsInTheUrlGoAsBasicAuthorization()
{
    ScriptedPeer peer;
    Answers answers;
    QUrl url(peer.url(QStringLiteral("/hook")));
    url.setUserName(QStringLiteral("desk"));
    url.setPassword(QStringLiteral("p@ss:word"));
    answers.send(*m_sender, QStringLiteral("POST"), url.toString(),
                 {{QStringLiteral("CallSid"), QStringLiteral("CA1")}});
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 1, WaitMs);
    QCOMPARE(peer.requests.size(), 1);
    const QByteArray head = peer.requests.first().head;
    QVERIFY2(head.startsWith("POST /hook HTTP/1.1\r\n"), head.constData());
    const QByteArray expected = "Authorization: Basic " + QByteArray("desk:p@ss:word").toBase64();
    QVERIFY2(head.contains(QByteArray(expected + "\r\n")), head.constData());
    QVERIFY2(!head.contains("p@ss"), head.constData());
}

void TestWebhookSender::anAnswerInChunksIsReadWholeAndTheConnectionKept()
{
    ScriptedPeer peer;
    peer.onRequest = [](const ScriptedPeer::Received &request) {
        // In pieces that split the size lines, the data and the CRLFs between them.
        QTcpSocket *socket = request.socket;
        const QList<QByteArray> pieces{"HTTP/1.1 200 OK\r\nTransfer-",
                                       "Encoding: chunked\r\n\r",
                                       "\n5;name=value\r\nHel",
                                       "lo\r",
                                       "\n7\r\n, world\r\n",
                                       "0\r\nX-Trailer: yes\r\n",
                                       "\r\n"};
        for (const QByteArray &piece : pieces) {
            socket->write(piece);
            socket->flush();
            QTest::qWait(5);
        }
    };
    Answers answers;
    answers.send(*m_sender, QStringLiteral("POST"), peer.url(), numbered(0));
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 1, WaitMs);
    QCOMPARE(answers.got.first().httpStatus, 200);
    QCOMPARE(answers.got.first().body, QByteArray("Hello, world"));
    answers.send(*m_sender, QStringLiteral("POST"), peer.url(), numbered(1));
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 2, WaitMs);
    QCOMPARE(answers.got.last().body, QByteArray("Hello, world"));
    QCOMPARE(peer.sockets.size(), 1);
}

void TestWebhookSender::anAnswerRunningToTheCloseIsReadWhole()
{
    ScriptedPeer peer;
    peer.onRequest = [](const ScriptedPeer::Received &request) {
        request.socket->write("HTTP/1.0 200 OK\r\nContent-Type: text/xml\r\n\r\n<Response/>");
        request.socket->disconnectFromHost();
    };
    Answers answers;
    answers.send(*m_sender, QStringLiteral("GET"), peer.url(), {});
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 1, WaitMs);
    QCOMPARE(answers.got.first().httpStatus, 200);
    QCOMPARE(answers.got.first().body, QByteArray("<Response/>"));
}

void TestWebhookSender::anAnswerThatSaysCloseIsFollowedByANewConnection()
{
    ScriptedPeer peer;
    peer.onRequest = [](const ScriptedPeer::Received &request) {
        // The peer keeps its end open: the client must not wait for the close to reconnect.
        ScriptedPeer::answer(request.socket, "ok", 200, "Connection: close\r\n");
    };
    Answers answers;
    for (int n = 0; n < 2; ++n) {
        answers.send(*m_sender, QStringLiteral("POST"), peer.url(), numbered(n));
        QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), n + 1, WaitMs);
        QCOMPARE(answers.got.last().httpStatus, 200);
    }
    QCOMPARE(peer.sockets.size(), 2);
    QCOMPARE(peer.requests.size(), 2);
}

void TestWebhookSender::aConnectionTheAppClosedWhileIdleIsOpenedAgain()
{
    ScriptedPeer peer;
    Answers answers;
    answers.send(*m_sender, QStringLiteral("POST"), peer.url(), numbered(0));
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 1, WaitMs);
    // As the app does after its keep-alive limit.
    peer.sockets.first()->disconnectFromHost();
    QTest::qWait(50);
    answers.send(*m_sender, QStringLiteral("POST"), peer.url(), numbered(1));
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 2, WaitMs);
    QCOMPARE(answers.got.last().httpStatus, 200);
    QVERIFY2(answers.got.last().error.isEmpty(), qPrintable(answers.got.last().error));
    QCOMPARE(peer.sockets.size(), 2);
    QCOMPARE(peer.numbers(), QStringList({QStringLiteral("0"), QStringLiteral("1")}));
}

void TestWebhookSender::aRequestTheAppClosedAKeptConnectionOnGoesOnceMoreOnANewOne()
{
    // The close crosses the second request on the wire: the app read none of it, or at least
    // answered none of it, so it goes again, once, on a new connection.
    ScriptedPeer peer;
    peer.onRequest = [&peer](const ScriptedPeer::Received &request) {
        if (peer.requests.size() == 2)
            request.socket->abort();
        else
            ScriptedPeer::answer(request.socket, "ok");
    };
    Answers answers;
    answers.send(*m_sender, QStringLiteral("POST"), peer.url(), numbered(0));
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 1, WaitMs);
    answers.send(*m_sender, QStringLiteral("POST"), peer.url(), numbered(1));
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 2, WaitMs);
    QCOMPARE(answers.got.last().httpStatus, 200);
    QCOMPARE(peer.numbers(),
             QStringList({QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("1")}));
    QCOMPARE(peer.requests.at(1).connection, 0);
    QCOMPARE(peer.requests.at(2).connection, 1);
}

void TestWebhookSender::aRequestIsNotSentTwiceWhenItsOwnConnectionCloses()
{
    // A new connection closed before any answer: nothing says the app did not act on it.
    ScriptedPeer peer;
    peer.onRequest = [](const ScriptedPeer::Received &request) { request.socket->abort(); };
    Answers answers;
    answers.send(*m_sender, QStringLiteral("POST"), peer.url(), numbered(0));
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 1, WaitMs);
    QCOMPARE(answers.got.first().httpStatus, 0);
    QVERIFY2(answers.got.first().error.contains(QStringLiteral("could not be reached")),
             qPrintable(answers.got.first().error));
    QTest::qWait(50);
    QCOMPARE(peer.requests.size(), 1);
}

void TestWebhookSender::aHalfAnswerIsAnErrorAndNotSentAgain()
{
    ScriptedPeer peer;
    peer.onRequest = [&peer](const ScriptedPeer::Received &request) {
        if (peer.requests.size() == 1) {
            ScriptedPeer::answer(request.socket, "ok");
            return;
        }
        request.socket->write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf");
        request.socket->flush();
        request.socket->disconnectFromHost();
    };
    Answers answers;
    answers.send(*m_sender, QStringLiteral("POST"), peer.url(), numbered(0));
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 1, WaitMs);
    answers.send(*m_sender, QStringLiteral("POST"), peer.url(), numbered(1));
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 2, WaitMs);
    QCOMPARE(answers.got.last().httpStatus, 0);
    QVERIFY2(answers.got.last().error.contains(QStringLiteral("in the middle of the answer")),
             qPrintable(answers.got.last().error));
    QTest::qWait(50);
    QCOMPARE(peer.requests.size(), 2);
}

void TestWebhookSender::aNonSuccessStatusIsAnErrorWithItsBody()
{
    ScriptedPeer peer;
    peer.onRequest = [](const ScriptedPeer::Received &request) {
        ScriptedPeer::answer(request.socket, "{\"detail\":\"no\"}", 503);
    };
    Answers answers;
    answers.send(*m_sender, QStringLiteral("POST"), peer.url(), numbered(0));
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 1, WaitMs);
    QCOMPARE(answers.got.first().httpStatus, 503);
    QCOMPARE(answers.got.first().body, QByteArray("{\"detail\":\"no\"}"));
    QCOMPARE(answers.got.first().error, peer.url() + QStringLiteral(" answered HTTP 503"));
}

void TestWebhookSender::anAppThatNeverAnswersTimesOut()
{
    ScriptedPeer peer;
    peer.onRequest = [](const ScriptedPeer::Received &) {};
    WebhookSender sender(m_dispatcher.get(), Token, 200);
    Answers answers;
    answers.send(sender, QStringLiteral("POST"), peer.url(), numbered(0));
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 1, WaitMs);
    QCOMPARE(answers.got.first().httpStatus, 0);
    QCOMPARE(answers.got.first().error,
             peer.url() + QStringLiteral(" did not answer within 200 ms"));
    // The late answer must not be taken for the next request's: that one gets a connection
    // of its own.
    if (QTcpSocket *first = peer.requests.first().socket;
        first->state() == QAbstractSocket::ConnectedState)
        ScriptedPeer::answer(first, "late");
    peer.onRequest = [](const ScriptedPeer::Received &request) {
        ScriptedPeer::answer(request.socket, "ok");
    };
    answers.send(sender, QStringLiteral("POST"), peer.url(), numbered(1));
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 2, WaitMs);
    QCOMPARE(answers.got.last().body, QByteArray("ok"));
    QCOMPARE(peer.sockets.size(), 2);
}

void TestWebhookSender::aRefusedConnectionIsReportedWithoutAnAnswer()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    Answers answers;
    const QString url = QStringLiteral("http://127.0.0.1:%1/hook").arg(port);
    answers.send(*m_sender, QStringLiteral("POST"), url, numbered(0));
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 1, WaitMs);
    QCOMPARE(answers.got.first().httpStatus, 0);
    QVERIFY2(answers.got.first().error.startsWith(url + QStringLiteral(" could not be reached: ")),
             qPrintable(answers.got.first().error));
    QVERIFY(!answers.answeredInsideSend);
}

void TestWebhookSender::noMoreThanSixRequestsToAHostAreInFlightAndTheRestGoInOrder()
{
    ScriptedPeer peer;
    QList<ScriptedPeer::Received> held;
    peer.onRequest = [&held](const ScriptedPeer::Received &request) { held.append(request); };
    Answers answers;
    for (int n = 0; n < 10; ++n)
        answers.send(*m_sender, QStringLiteral("POST"), peer.url(), numbered(n));
    QCOMPARE(m_dispatcher->waiting(), 10 - WebhookDispatcher::MaxInFlightPerHost);
    QTRY_COMPARE_WITH_TIMEOUT(held.size(), WebhookDispatcher::MaxInFlightPerHost, WaitMs);
    QTest::qWait(100);
    QCOMPARE(held.size(), WebhookDispatcher::MaxInFlightPerHost);
    QCOMPARE(peer.sockets.size(), WebhookDispatcher::MaxInFlightPerHost);
    QStringList first = peer.numbers();
    first.sort();
    QCOMPARE(first, QStringList({QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2"),
                                 QStringLiteral("3"), QStringLiteral("4"), QStringLiteral("5")}));
    // Each answer lets the oldest waiting request out, on the connection it freed.
    for (int n = 6; n < 10; ++n) {
        ScriptedPeer::answer(held.takeFirst().socket, "ok");
        QTRY_COMPARE_WITH_TIMEOUT(peer.requests.size(), n + 1, WaitMs);
        QCOMPARE(peer.numbers().last(), QString::number(n));
    }
    QCOMPARE(peer.sockets.size(), WebhookDispatcher::MaxInFlightPerHost);
    while (!held.isEmpty())
        ScriptedPeer::answer(held.takeFirst().socket, "ok");
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 10, WaitMs);
    QCOMPARE(m_dispatcher->waiting(), 0);
}

void TestWebhookSender::abortingDropsRequestsInFlightWithoutAnswerAndFreesTheirPlaces()
{
    ScriptedPeer peer;
    QList<ScriptedPeer::Received> held;
    peer.onRequest = [&held](const ScriptedPeer::Received &request) { held.append(request); };
    Answers dropped;
    for (int n = 0; n < WebhookDispatcher::MaxInFlightPerHost + 2; ++n)
        dropped.send(*m_sender, QStringLiteral("POST"), peer.url(), numbered(n));
    QTRY_COMPARE_WITH_TIMEOUT(held.size(), WebhookDispatcher::MaxInFlightPerHost, WaitMs);

    WebhookSender other(m_dispatcher.get(), Token, WaitMs);
    Answers kept;
    kept.send(other, QStringLiteral("POST"), peer.url(), numbered(100));
    m_sender->abortAll();
    QCOMPARE(m_dispatcher->waiting(), 1); // the other sender's, let out from the event loop
    QTRY_COMPARE_WITH_TIMEOUT(m_dispatcher->waiting(), 0, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(held.size(), WebhookDispatcher::MaxInFlightPerHost + 1, WaitMs);
    QCOMPARE(peer.numbers().last(), QStringLiteral("100"));
    ScriptedPeer::answer(held.last().socket, "ok");
    QTRY_COMPARE_WITH_TIMEOUT(kept.got.size(), 1, WaitMs);
    QCOMPARE(kept.got.first().httpStatus, 200);
    QTest::qWait(50);
    QVERIFY(dropped.got.isEmpty());
}

void TestWebhookSender::httpsGoesThroughQNetworkAccessManager()
{
    // Nothing listens, so TLS never starts; the answer names QNetworkAccessManager's error.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const QString url = QStringLiteral("https://127.0.0.1:%1/hook").arg(closed.serverPort());
    closed.close();
    Answers answers;
    answers.send(*m_sender, QStringLiteral("POST"), url, numbered(0));
    QTRY_COMPARE_WITH_TIMEOUT(answers.got.size(), 1, WaitMs);
    QCOMPARE(answers.got.first().httpStatus, 0);
    QCOMPARE(answers.got.first().error,
             url + QStringLiteral(" could not be reached: Connection refused"));
}

QTEST_GUILESS_MAIN(TestWebhookSender)
#include "TestWebhookSender.moc"
