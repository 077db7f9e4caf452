// RequestTarget: the quick read of a plain target must give what QUrl gives, for every target.
#include "net/RequestTarget.h"

#include <QRandomGenerator>
#include <QTest>

using namespace flux;

class TestRequestTarget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void targetsAreReadAsQUrlReadsThem_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("query");
        QTest::newRow("plain") << QByteArray("/notifications/call/status")
                               << "/notifications/call/status"
                               << "";
        QTest::newRow("query") << QByteArray("/call/twiml?task_title=A+b&task_id=t-1")
                               << "/call/twiml"
                               << "task_title=A+b&task_id=t-1";
        QTest::newRow("empty query") << QByteArray("/a?") << "/a"
                                     << "";
        QTest::newRow("escaped path") << QByteArray("/heal%74hz") << "/healthz"
                                      << "";
        QTest::newRow("escaped slash") << QByteArray("/a%2Fb") << "/a/b"
                                       << "";
        QTest::newRow("escapes in the query kept") << QByteArray("/a?t=x%3Ay%20z") << "/a"
                                                   << "t=x%3Ay%20z";
        QTest::newRow("unreserved escape decoded") << QByteArray("/a?t=%41%7e") << "/a"
                                                   << "t=A~";
        QTest::newRow("lower-case escape upper-cased") << QByteArray("/a?t=%3a") << "/a"
                                                       << "t=%3A";
        QTest::newRow("fragment dropped") << QByteArray("/a?b=1#f") << "/a"
                                          << "b=1";
        QTest::newRow("UTF-8 path")
            << QByteArray("/\xc3\xa9") << QString::fromUtf8("/\xc3\xa9") << "";
        QTest::newRow("absolute form") << QByteArray("http://example.com:8080/p?x=1") << "/p"
                                       << "x=1";
        QTest::newRow("double slash stays a path")
            << QByteArray("//notifications/call?x=1") << "//notifications/call"
            << "x=1";
        QTest::newRow("brace in the query encoded") << QByteArray("/a?b={x}") << "/a"
                                                    << "b=%7Bx%7D";
    }
    void targetsAreReadAsQUrlReadsThem()
    {
        QFETCH(QByteArray, target);
        QFETCH(QString, path);
        QFETCH(QString, query);
        const RequestTarget read = RequestTarget::parse(target);
        QCOMPARE(read.path, path);
        QCOMPARE(read.rawQuery, query);
        const RequestTarget qurl = RequestTarget::parseWithQUrl(target);
        QCOMPARE(qurl.path, path);
        QCOMPARE(qurl.rawQuery, query);
    }

    void randomTargetsAreReadAsQUrlReadsThem()
    {
        // Mostly plain bytes, with every byte QUrl treats specially mixed in.
        static const QByteArray Alphabet =
            "abcXYZ019-._~!$&'()*+,;=:@/?%#\"<>\\^`{|}[] \x7f\xc3\xa9";
        QRandomGenerator random(20261126);
        int quick = 0;
        for (int i = 0; i < 200000; ++i) {
            QByteArray target = "/";
            const int length = random.bounded(1, 24);
            for (int c = 0; c < length; ++c)
                target += Alphabet.at(random.bounded(Alphabet.size()));
            const RequestTarget read = RequestTarget::parse(target);
            const RequestTarget qurl = RequestTarget::parseWithQUrl(target);
            if (read.path != qurl.path || read.rawQuery != qurl.rawQuery)
                QFAIL(qPrintable(QStringLiteral("%1: path %2 / %3, query %4 / %5")
                                     .arg(QString::fromLatin1(target.toPercentEncoding()),
                                          read.path, qurl.path, read.rawQuery, qurl.rawQuery)));
            quick += !target.contains('%') && !target.contains('#');
        }
        QVERIFY(quick > 10000); // the quick path was taken, not only QUrl's
    }
};

QTEST_GUILESS_MAIN(TestRequestTarget)
#include "TestRequestTarget.moc"
