// RequestFramer: where each request on a connection ends, and which heads are refused unread.
#include "http/RequestFramer.h"

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

// Feeds `bytes` one at a time, as the slowest network would deliver them.
RequestFramer::Step trickle(RequestFramer &framer, const QByteArray &bytes)
{
    RequestFramer::Step total;
    for (const char c : bytes) {
        const auto step = framer.feed(QByteArrayView(&c, 1));
        total.completed += step.completed;
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
        auto step = framer.feed("GET /healthz HTTP/1.1\r\nHost: x\r\n");
        QCOMPARE(step.completed, 0);
        QVERIFY(!framer.idle());
        step = framer.feed("\r\n");
        QCOMPARE(step.completed, 1);
        QVERIFY(!step.refusal);
        QVERIFY(framer.idle());
    }

    void aBodyEndsAfterContentLengthBytesHoweverItIsSplit()
    {
        const QByteArray request = post("{\"a\":1}");
        RequestFramer whole(smallLimits());
        QCOMPARE(whole.feed(request).completed, 1);
        RequestFramer split(smallLimits());
        QCOMPARE(split.feed(request.left(request.size() - 1)).completed, 0);
        QCOMPARE(split.feed(request.right(1)).completed, 1);
        RequestFramer bytewise(smallLimits());
        QCOMPARE(trickle(bytewise, request).completed, 1);
        QVERIFY(bytewise.idle());
    }

    void requestsOnOneConnectionAreFramedOneAfterAnother()
    {
        RequestFramer framer(smallLimits());
        const QByteArray get = "GET / HTTP/1.1\r\n\r\n";
        QCOMPARE(framer.feed(post("abc") + get + post("") + get.left(5)).completed, 3);
        QVERIFY(!framer.idle());
        QCOMPARE(framer.feed(get.mid(5)).completed, 1);
    }

    void blankLinesBeforeARequestAreSkipped()
    {
        RequestFramer framer(smallLimits());
        QCOMPARE(framer.feed("\r\n\r\n").completed, 0);
        QVERIFY(framer.idle());
        QCOMPARE(framer.feed("\r\nGET / HTTP/1.1\r\n\r\n").completed, 1);
    }

    void everyLimitIsInclusive()
    {
        const RequestLimits limits = smallLimits();
        RequestFramer framer(limits);
        QCOMPARE(framer.feed(post(QByteArray(limits.maxBodyBytes, 'x'))).completed, 1);
        const QByteArray prefix = "GET /";
        const QByteArray suffix = " HTTP/1.1";
        const QByteArray line =
            prefix + QByteArray(limits.maxUrlBytes - prefix.size() - suffix.size(), 'u') + suffix;
        QCOMPARE(line.size(), limits.maxUrlBytes);
        const QByteArray field = "X: " + QByteArray(limits.maxHeaderBytes - 5, 'h') + "\r\n";
        QCOMPARE(field.size(), limits.maxHeaderBytes);
        QCOMPARE(framer.feed(line + "\r\n" + field + "\r\n").completed, 1);
        QCOMPARE(trickle(framer, line + "\r\n" + field + "\r\n").completed, 1);
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
    }
    void refusals()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        RequestFramer whole(smallLimits());
        const auto step = whole.feed(bytes);
        QVERIFY(step.refusal);
        QCOMPARE(step.refusal->status, status);
        QCOMPARE(step.completed, 0);
        RequestFramer bytewise(smallLimits());
        const auto trickled = trickle(bytewise, bytes);
        QVERIFY(trickled.refusal);
        QCOMPARE(trickled.refusal->status, status);
    }

    void aRefusedConnectionStaysRefused()
    {
        RequestFramer framer(smallLimits());
        QVERIFY(framer.feed("POST / HTTP/1.1\r\nContent-Length: 999\r\n\r\n").refusal);
        QVERIFY(!framer.idle());
        const auto next = framer.feed("GET / HTTP/1.1\r\n\r\n");
        QVERIFY(next.refusal);
        QCOMPARE(next.completed, 0);
    }
};

QTEST_GUILESS_MAIN(TestRequestFramer)
#include "TestRequestFramer.moc"
