// RequestFramer: where each request on a connection ends, and which heads are refused unread.
#include "net/RequestFramer.h"

#include <QTest>

using namespace flux;

namespace {
RequestLimits smallLimits()
{
    RequestLimits limits;
    limits.maxBodyBytes = 100;
    limits.maxUrlBytes = 64;
    limits.maxHeaderBytes = 128;
    return limits;
}

QByteArray post(const QByteArray &body)
{
    return "POST /notifications/call HTTP/1.1\r\nHost: x\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// What feeding some bytes gave: every request that ended in them, or the refusal.
struct Framed
{
    QList<RequestFramer::Request> requests;
    std::optional<RequestFramer::Refusal> refusal;
    int completed() const { return int(requests.size()); }
};

// Feeds `bytes` as a connection does: again after each request, until all are used.
Framed frame(RequestFramer &framer, QByteArrayView bytes)
{
    Framed framed;
    do {
        auto step = framer.feed(bytes);
        if (step.refusal) {
            framed.refusal = step.refusal;
            break;
        }
        if (step.request)
            framed.requests.append(std::move(*step.request));
        if (step.consumed == 0)
            break;
        bytes = bytes.sliced(step.consumed);
    } while (!bytes.isEmpty());
    return framed;
}

// Feeds `bytes` one at a time, as the slowest network would deliver them.
Framed trickle(RequestFramer &framer, const QByteArray &bytes)
{
    Framed total;
    for (const char c : bytes) {
        Framed step = frame(framer, QByteArrayView(&c, 1));
        total.requests.append(step.requests);
        if (step.refusal) {
            total.refusal = step.refusal;
            break;
        }
    }
    return total;
}
} // namespace

class TestRequestFramer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aGetEndsAtTheBlankLine()
    {
        RequestFramer framer(smallLimits());
        QVERIFY(framer.idle());
        auto step = frame(framer, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
        QCOMPARE(step.completed(), 0);
        QVERIFY(!framer.idle());
        step = frame(framer, "\r\n");
        QCOMPARE(step.completed(), 1);
        QVERIFY(!step.refusal);
        QVERIFY(framer.idle());
    }

    void aBodyEndsAfterContentLengthBytesHoweverItIsSplit()
    {
        const QByteArray request = post("{\"a\":1}");
        RequestFramer whole(smallLimits());
        QCOMPARE(frame(whole, request).completed(), 1);
        RequestFramer split(smallLimits());
        QCOMPARE(frame(split, request.left(request.size() - 1)).completed(), 0);
        QCOMPARE(frame(split, request.right(1)).completed(), 1);
        RequestFramer bytewise(smallLimits());
        QCOMPARE(trickle(bytewise, request).completed(), 1);
        QVERIFY(bytewise.idle());
    }

    void requestsOnOneConnectionAreFramedOneAfterAnother()
    {
        RequestFramer framer(smallLimits());
        const QByteArray get = "GET / HTTP/1.1\r\n\r\n";
        QCOMPARE(frame(framer, QByteArray(post("abc") + get + post("") + get.left(5))).completed(),
                 3);
        QVERIFY(!framer.idle());
        QCOMPARE(frame(framer, get.mid(5)).completed(), 1);
    }

    void blankLinesBeforeARequestAreSkipped()
    {
        RequestFramer framer(smallLimits());
        QCOMPARE(frame(framer, "\r\n\r\n").completed(), 0);
        QVERIFY(framer.idle());
        QCOMPARE(frame(framer, "\r\nGET / HTTP/1.1\r\n\r\n").completed(), 1);
    }

    void everyLimitIsInclusive()
    {
        const RequestLimits limits = smallLimits();
        RequestFramer framer(limits);
        QCOMPARE(frame(framer, post(QByteArray(limits.maxBodyBytes, 'x'))).completed(), 1);
        const QByteArray prefix = "GET /";
        const QByteArray suffix = " HTTP/1.1";
        const QByteArray line =
            prefix + QByteArray(limits.maxUrlBytes - prefix.size() - suffix.size(), 'u') + suffix;
        QCOMPARE(line.size(), limits.maxUrlBytes);
        const QByteArray field = "X: " + QByteArray(limits.maxHeaderBytes - 5, 'h') + "\r\n";
        QCOMPARE(field.size(), limits.maxHeaderBytes);
        QCOMPARE(frame(framer, QByteArray(line + "\r\n" + field + "\r\n")).completed(), 1);
        QCOMPARE(trickle(framer, line + "\r\n" + field + "\r\n").completed(), 1);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        const QByteArray line = "POST / HTTP/1.1\r\n";
        QTest::newRow("body one byte over") << line + "Content-Length: 101\r\n\r\n" << 413;
        QTest::newRow("20-digit length") << line + "Content-Length: 99999999999999999999\r\n\r\n"
                                         << 413;
        QTest::newRow("url one byte over")
            << "GET /" + QByteArray(64 - 13, 'u') + " HTTP/1.1\r\n\r\n"
            << 414;
        QTest::newRow("url that never ends") << "GET /" + QByteArray(200, 'u') << 414;
        QTest::newRow("headers one byte over")
            << line + "X: " + QByteArray(128 - 4, 'h') + "\r\n\r\n"
            << 431;
        QTest::newRow("headers that never end") << line + QByteArray(300, 'h') << 431;
        QTest::newRow("many small headers") << line + QByteArray("A: b\r\n").repeated(30) + "\r\n"
                                            << 431;
        QTest::newRow("chunked") << line + "Transfer-Encoding: chunked\r\n\r\n" << 411;
        QTest::newRow("length and chunked")
            << line + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
            << 411;
        QTest::newRow("two lengths") << line + "Content-Length: 5\r\nContent-Length: 5\r\n\r\n"
                                     << 400;
        QTest::newRow("signed length") << line + "Content-Length: +5\r\n\r\n" << 400;
        QTest::newRow("negative length") << line + "Content-Length: -1\r\n\r\n" << 400;
        QTest::newRow("listed length") << line + "Content-Length: 5, 5\r\n\r\n" << 400;
        QTest::newRow("hex length") << line + "Content-Length: 0x10\r\n\r\n" << 400;
        QTest::newRow("empty length") << line + "Content-Length:\r\n\r\n" << 400;
        QTest::newRow("bare LF hides a length") << line + "X: a\nContent-Length: 50\r\n\r\n" << 400;
        QTest::newRow("bare CR") << line + "X: a\rB: c\r\n\r\n" << 400;
        QTest::newRow("folded line") << line + "X: a\r\n Content-Length: 5\r\n\r\n" << 400;
        QTest::newRow("space before colon") << line + "Content-Length : 5\r\n\r\n" << 400;
        QTest::newRow("no colon") << line + "Content-Length 5\r\n\r\n" << 400;
        QTest::newRow("two spaces in the request line")
            << QByteArray("GET  / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
        QTest::newRow("lower-case version") << QByteArray("GET / http/1.1\r\n\r\n") << 400;
        QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
        QTest::newRow("method not a token") << QByteArray("G(T / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("control byte in the target")
            << QByteArray("GET /a\x01b HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("NUL in a header value") << line + QByteArray("X: a\0b\r\n\r\n", 10) << 400;
        QTest::newRow("TLS hello") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\r\n\r\n", 11) << 400;
        QTest::newRow("SSH banner") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n\r\n") << 400;
    }
    void refusals()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        RequestFramer whole(smallLimits());
        const auto step = frame(whole, bytes);
        QVERIFY(step.refusal);
        QCOMPARE(int(step.refusal->status), status);
        QCOMPARE(step.completed(), 0);
        RequestFramer bytewise(smallLimits());
        const auto trickled = trickle(bytewise, bytes);
        QVERIFY(trickled.refusal);
        QCOMPARE(int(trickled.refusal->status), status);
    }

    void aRequestIsReadIntoItsParts()
    {
        RequestFramer framer(smallLimits());
        const Framed framed =
            frame(framer, "POST /a/b?x=1 HTTP/1.1\r\nHost: h\r\nX-Sig:  v 1 \t\r\n"
                          "Empty:\r\nContent-Length: 3\r\n\r\nabc");
        QCOMPARE(framed.completed(), 1);
        const RequestFramer::Request &request = framed.requests.first();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.target, QByteArray("/a/b?x=1"));
        const QList<QPair<QByteArray, QByteArray>> headers = {
            {"Host", "h"}, {"X-Sig", "v 1"}, {"Empty", ""}, {"Content-Length", "3"}};
        QCOMPARE(request.headers, headers);
        QCOMPARE(request.body, QByteArray("abc"));
        QVERIFY(request.keepAlive);
    }

    void whetherTheConnectionStaysOpen_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<bool>("keepAlive");
        QTest::newRow("1.1") << QByteArray("GET / HTTP/1.1\r\n\r\n") << true;
        QTest::newRow("1.1 close")
            << QByteArray("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n") << false;
        QTest::newRow("1.1 listed close")
            << QByteArray("GET / HTTP/1.1\r\nConnection: te, close\r\n\r\n") << false;
        QTest::newRow("1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false;
        QTest::newRow("1.0 keep-alive")
            << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << true;
    }
    void whetherTheConnectionStaysOpen()
    {
        QFETCH(QByteArray, head);
        QFETCH(bool, keepAlive);
        RequestFramer framer(smallLimits());
        const Framed framed = frame(framer, head);
        QCOMPARE(framed.completed(), 1);
        QCOMPARE(framed.requests.first().keepAlive, keepAlive);
    }

    void aClientWaitingToSendItsBodyIsToldToContinue()
    {
        const QByteArray head =
            "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n";
        RequestFramer waiting(smallLimits());
        auto step = waiting.feed(head);
        QVERIFY(step.continueWanted);
        QVERIFY(!step.request);
        step = waiting.feed("abc");
        QVERIFY(!step.continueWanted);
        QVERIFY(step.request);
        QCOMPARE(step.request->body, QByteArray("abc"));
        // A client that sent the body anyway needs no interim answer.
        RequestFramer eager(smallLimits());
        step = eager.feed(QByteArray(head + "abc"));
        QVERIFY(!step.continueWanted);
        QVERIFY(step.request);
        // Nor does one without a body.
        RequestFramer bodiless(smallLimits());
        step = bodiless.feed("GET / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n");
        QVERIFY(!step.continueWanted);
        QVERIFY(step.request);
    }

    void eachStepStopsAtTheEndOfARequest()
    {
        RequestFramer framer(smallLimits());
        const QByteArray first = post("abc");
        const QByteArray both = first + "GET /next HTTP/1.1\r\n\r\n";
        const auto step = framer.feed(both);
        QVERIFY(step.request);
        QCOMPARE(step.consumed, first.size());
        const auto next = framer.feed(QByteArrayView(both).sliced(step.consumed));
        QVERIFY(next.request);
        QCOMPARE(next.request->target, QByteArray("/next"));
    }

    void aRefusedConnectionStaysRefused()
    {
        RequestFramer framer(smallLimits());
        QVERIFY(frame(framer, "POST / HTTP/1.1\r\nContent-Length: 999\r\n\r\n").refusal);
        QVERIFY(!framer.idle());
        const auto next = frame(framer, "GET / HTTP/1.1\r\n\r\n");
        QVERIFY(next.refusal);
        QCOMPARE(next.completed(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRequestFramer)
#include "TestRequestFramer.moc"
