// Holds HttpResponse::jsonStrings to the bytes QJsonDocument writes for the same object.
#include "net/HttpResponse.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace flux;

class TestHttpResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stringsAreWrittenAsQJsonDocumentWritesThem_data();
    void stringsAreWrittenAsQJsonDocumentWritesThem();
};

void TestHttpResponse::stringsAreWrittenAsQJsonDocumentWritesThem_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("sid") << QStringLiteral("CA0123456789abcdef0123456789abcdef");
    QTest::newRow("empty") << QString();
    QTest::newRow("quote and backslash") << QStringLiteral("a\"b\\c/d");
    QTest::newRow("control characters")
        << QStringLiteral("\b\f\n\r\t") + QChar(0x01) + QChar(0x1F) + QChar(0x7F);
    QTest::newRow("non-ASCII") << QStringLiteral("\u00e9\u2028\u3000") + QChar(0xD83D) +
                                      QChar(0xDE00);
    QTest::newRow("lone surrogates") << QStringLiteral("a") + QChar(0xDC00) + QChar(0xD800);
}

void TestHttpResponse::stringsAreWrittenAsQJsonDocumentWritesThem()
{
    // The status webhook answers through jsonStrings; clients parse it as they parsed the
    // QJsonDocument rendering before, so not a byte may differ, escaping included.
    QFETCH(QString, value);
    const HttpResponse fast =
        HttpResponse::jsonStrings(HttpStatus::Created, {{QLatin1String("call_sid"), value},
                                                        {QLatin1String("result"), value}});
    const HttpResponse reference =
        HttpResponse::json(HttpStatus::Created, QJsonObject{{QStringLiteral("call_sid"), value},
                                                            {QStringLiteral("result"), value}});
    QCOMPARE(fast.body, reference.body);
    QCOMPARE(fast.status, HttpStatus::Created);
    QCOMPARE(fast.contentType, reference.contentType);
}

QTEST_GUILESS_MAIN(TestHttpResponse)
#include "TestHttpResponse.moc"
