// HttpResponseParser: how the simulator reads an app's answer, whole or a byte at a time.
#include "net/HttpResponseParser.h"

#include <QTest>

using namespace flux;

namespace {
using Progress = HttpResponseParser::Progress;

// Feeds `bytes` one at a time, as the slowest network would deliver them.
Progress trickle(HttpResponseParser &parser, const QByteArray &bytes)
{
    Progress progress = Progress::Incomplete;
    for (const char c : bytes)
        progress = parser.feed(QByteArrayView(&c, 1));
    return progress;
}
} // namespace

class TestHttpResponseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answersAreReadTheSameWholeOrByteByByte_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("keepAlive");
        QTest::newRow("content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
                                                      "Content-Type: text/xml\r\n\r\nHello")
                                        << 200 << QByteArray("Hello") << true;
        QTest::newRow("no body") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << 204
                                 << QByteArray() << true;
        QTest::newRow("chunked, extensions and trailers")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                          "5;a=b\r\nHello\r\nA\r\n, world!!!\r\n0\r\nX-Trailer: 1\r\n\r\n")
            << 200 << QByteArray("Hello, world!!!") << true;
        QTest::newRow("connection close") << QByteArray("HTTP/1.1 500 Oops\r\nconnection: Close"
                                                        "\r\ncontent-length: 2\r\n\r\nno")
                                          << 500 << QByteArray("no") << false;
        QTest::newRow("1.0 without keep-alive")
            << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok") << 200
            << QByteArray("ok") << false;
        QTest::newRow("1.0 with keep-alive")
            << QByteArray(
                   "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok")
            << 200 << QByteArray("ok") << true;
        QTest::newRow("interim answer first")
            << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: "
                          "1\r\n\r\nx")
            << 201 << QByteArray("x") << true;
        QTest::newRow("bare line feeds") << QByteArray("HTTP/1.1 200 OK\nContent-Length: 2\n\nok")
                                         << 200 << QByteArray("ok") << true;
        QTest::newRow("bytes after the answer")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n")
            << 200 << QByteArray("ok") << false;
    }
    void answersAreReadTheSameWholeOrByteByByte()
    {
        QFETCH(QByteArray, wire);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, keepAlive);
        HttpResponseParser whole;
        HttpResponseParser trickled;
        for (HttpResponseParser *parser : {&whole, &trickled}) {
            const Progress progress =
                parser == &whole ? parser->feed(wire) : trickle(*parser, wire);
            QCOMPARE(progress, Progress::Complete);
            QCOMPARE(parser->status(), status);
            QCOMPARE(parser->body(), body);
            QCOMPARE(parser->keepAlive(), keepAlive);
        }
    }

    void aBodyWithoutLengthEndsWithTheConnection()
    {
        HttpResponseParser parser;
        QCOMPARE(parser.feed("HTTP/1.1 200 OK\r\n\r\n<Response/>"), Progress::Incomplete);
        QVERIFY(!parser.keepAlive());
        QCOMPARE(parser.closed(), Progress::Complete);
        QCOMPARE(parser.body(), QByteArray("<Response/>"));
    }

    void aCloseBeforeTheEndFailsAndSaysWhetherAnythingCame()
    {
        HttpResponseParser nothing;
        QVERIFY(!nothing.started());
        QCOMPARE(nothing.closed(), Progress::Failed);
        HttpResponseParser half;
        QCOMPARE(half.feed("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nhalf"),
                 Progress::Incomplete);
        QVERIFY(half.started());
        QCOMPARE(half.closed(), Progress::Failed);
        QVERIFY(half.failure().contains(QStringLiteral("middle")));
    }

    void whatIsNotAnHttpAnswerFails_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n");
        QTest::newRow("status not a number") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n");
        QTest::newRow("two lengths") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n"
                                                   "Content-Length: 2\r\n\r\nab");
        QTest::newRow("signed length")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n");
        QTest::newRow("chunk size not hex")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        QTest::newRow("chunk longer than its size")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n");
        QTest::newRow("switching protocols") << QByteArray("HTTP/1.1 101 Switching\r\n\r\n");
        QTest::newRow("body over the limit")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 999999999999\r\n\r\n");
        QTest::newRow("head over the limit") << QByteArray(
            "HTTP/1.1 200 OK\r\nX: " + QByteArray(HttpResponseParser::MaxHeadBytes, 'a'));
    }
    void whatIsNotAnHttpAnswerFails()
    {
        QFETCH(QByteArray, wire);
        HttpResponseParser parser;
        QCOMPARE(parser.feed(wire), Progress::Failed);
        QVERIFY(!parser.failure().isEmpty());
        QVERIFY(!parser.keepAlive());
        HttpResponseParser trickled;
        QCOMPARE(trickle(trickled, wire), Progress::Failed);
    }

    void resetReadsTheNextAnswerOnTheSameConnection()
    {
        HttpResponseParser parser;
        QCOMPARE(parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"), Progress::Complete);
        parser.reset();
        QVERIFY(!parser.started());
        QCOMPARE(parser.feed("HTTP/1.1 404 Not Found\r\nContent-Length: 1\r\n\r\nb"),
                 Progress::Complete);
        QCOMPARE(parser.status(), 404);
        QCOMPARE(parser.body(), QByteArray("b"));
    }
};

QTEST_GUILESS_MAIN(TestHttpResponseParser)
#include "TestHttpResponseParser.moc"
