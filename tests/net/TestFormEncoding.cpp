// Holds FormEncoding to the form bodies Twilio sends and python3-twilio writes.
#include "net/FormEncoding.h"

#include <QFile>
#include <QtTest>

using namespace flux;

namespace {

using Pairs = FormParams;

QString pairsText(const FormParams &params)
{
    QStringList out;
    for (const auto &[name, value] : params)
        out.append(name + QLatin1Char('=') + value);
    return out.join(QLatin1Char('|'));
}

} // namespace

class TestFormEncoding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plusDecodesAsASpace();
    void percent2BDecodesAsAPlus();
    void repeatedNamesAreKeptInOrder();
    void aNameWithoutEqualsHasAnEmptyValue();
    void encodeThenParseGivesBackTheSameParams_data();
    void encodeThenParseGivesBackTheSameParams();
    void encodeEscapesLikePythonQuotePlus();
    void malformedEscapesAreKeptLiterally_data();
    void malformedEscapesAreKeptLiterally();
    void brokenUtf8DecodesToReplacementCharacters();
    void encodeMatchesPythonTwilioCallsCreateByteForByte();
    void encodeGivesQUrlsPercentEncodingWithPlusForSpace();
};

void TestFormEncoding::plusDecodesAsASpace()
{
    const FormParams params = FormEncoding::parse("Body=It%27s+amazing&a+b=c");
    QCOMPARE(pairsText(params), QStringLiteral("Body=It's amazing|a b=c"));
}

void TestFormEncoding::percent2BDecodesAsAPlus()
{
    const FormParams params = FormEncoding::parse("To=%2B15558675310&From=%2b15017122661");
    QCOMPARE(FormEncoding::value(params, QStringLiteral("To")), QStringLiteral("+15558675310"));
    QCOMPARE(FormEncoding::value(params, QStringLiteral("From")), QStringLiteral("+15017122661"));
}

void TestFormEncoding::repeatedNamesAreKeptInOrder()
{
    const FormParams params = FormEncoding::parse("StatusCallbackEvent=initiated&To=%2B1&"
                                                  "StatusCallbackEvent=ringing&"
                                                  "StatusCallbackEvent=answered&"
                                                  "StatusCallbackEvent=completed");
    QCOMPARE(pairsText(params),
             QStringLiteral("StatusCallbackEvent=initiated|To=+1|StatusCallbackEvent=ringing|"
                            "StatusCallbackEvent=answered|StatusCallbackEvent=completed"));
    QCOMPARE(FormEncoding::value(params, QStringLiteral("StatusCallbackEvent")),
             QStringLiteral("initiated"));
    QVERIFY(FormEncoding::contains(params, QStringLiteral("To")));
    QVERIFY(!FormEncoding::contains(params, QStringLiteral("to")));
}

void TestFormEncoding::aNameWithoutEqualsHasAnEmptyValue()
{
    // Twilio sends FinishedOnKey= with nothing after it; a bare name means the same.
    const FormParams params = FormEncoding::parse("Digits=1&FinishedOnKey=&flag&&");
    QCOMPARE(pairsText(params), QStringLiteral("Digits=1|FinishedOnKey=|flag="));
    QVERIFY(FormEncoding::contains(params, QStringLiteral("FinishedOnKey")));
    QVERIFY(FormEncoding::parse(QByteArray()).isEmpty());
}

void TestFormEncoding::encodeThenParseGivesBackTheSameParams_data()
{
    QTest::addColumn<FormParams>("params");
    QTest::newRow("phone numbers") << Pairs{{QStringLiteral("To"), QStringLiteral("+15558675310")}};
    QTest::newRow("delimiters") << Pairs{{QStringLiteral("a&b=c"), QStringLiteral("x=y&z")},
                                         {QStringLiteral("+"), QStringLiteral("%2B %")}};
    QTest::newRow("empty values and names")
        << Pairs{{QStringLiteral("FinishedOnKey"), QString()}, {QString(), QStringLiteral("v")}};
    QTest::newRow("repeated names") << Pairs{{QStringLiteral("e"), QStringLiteral("2")},
                                             {QStringLiteral("e"), QStringLiteral("1")},
                                             {QStringLiteral("e"), QStringLiteral("2")}};
    QTest::newRow("non-ASCII") << Pairs{{QStringLiteral("Überlauf"), QStringLiteral("日本 😀 é")}};
    QTest::newRow("url") << Pairs{
        {QStringLiteral("Url"), QStringLiteral("https://x.example/a?b=1&c=d+e#f")}};
    QTest::newRow("whitespace") << Pairs{{QStringLiteral("t"), QStringLiteral(" \t\r\n ")}};
}

void TestFormEncoding::encodeThenParseGivesBackTheSameParams()
{
    QFETCH(FormParams, params);
    const QByteArray body = FormEncoding::encode(params);
    QCOMPARE(pairsText(FormEncoding::parse(body)), pairsText(params));
    QCOMPARE(FormEncoding::parse(body), params);
}

void TestFormEncoding::encodeEscapesLikePythonQuotePlus()
{
    // urllib.parse.urlencode([('a', '*~ é+&=/'), ('b', '')]) on /usr/bin/python3 3.11.
    const FormParams params = {{QStringLiteral("a"), QStringLiteral("*~ é+&=/")},
                               {QStringLiteral("b"), QString()}};
    QCOMPARE(FormEncoding::encode(params), QByteArrayLiteral("a=%2A~+%C3%A9%2B%26%3D%2F&b="));
    QCOMPARE(FormEncoding::encodeComponent(QStringLiteral("A-z_0.9~")),
             QByteArrayLiteral("A-z_0.9~"));
}

void TestFormEncoding::malformedEscapesAreKeptLiterally_data()
{
    // Expected values are what Python's urllib.parse.parse_qsl(..., keep_blank_values=True)
    // gives on /usr/bin/python3 3.11, which is what python3-twilio's users see.
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<FormParams>("expected");
    const QString a = QStringLiteral("a");
    QTest::newRow("lone percent") << QByteArrayLiteral("a=%") << Pairs{{a, QStringLiteral("%")}};
    QTest::newRow("one hex digit") << QByteArrayLiteral("a=%2") << Pairs{{a, QStringLiteral("%2")}};
    QTest::newRow("not hex") << QByteArrayLiteral("a=%zz") << Pairs{{a, QStringLiteral("%zz")}};
    QTest::newRow("good then bad")
        << QByteArrayLiteral("a=%41%zz") << Pairs{{a, QStringLiteral("A%zz")}};
    QTest::newRow("trailing percent")
        << QByteArrayLiteral("a=100%") << Pairs{{a, QStringLiteral("100%")}};
    QTest::newRow("percent in name")
        << QByteArrayLiteral("%=%") << Pairs{{QStringLiteral("%"), QStringLiteral("%")}};
    QTest::newRow("two equals") << QByteArrayLiteral("a==b") << Pairs{{a, QStringLiteral("=b")}};
    QTest::newRow("only delimiters") << QByteArrayLiteral("&&=&") << Pairs{{QString(), QString()}};
}

void TestFormEncoding::malformedEscapesAreKeptLiterally()
{
    QFETCH(QByteArray, body);
    QFETCH(FormParams, expected);
    const FormParams parsed = FormEncoding::parse(body);
    QCOMPARE(pairsText(parsed), pairsText(expected));
    QCOMPARE(parsed, expected);
}

void TestFormEncoding::brokenUtf8DecodesToReplacementCharacters()
{
    // Python gives one U+FFFD per maximal broken sequence, Qt's decoder one per byte; either
    // way nothing of the broken bytes survives and what follows is intact.
    for (const QByteArray &body :
         {QByteArrayLiteral("a=%E2%82"), QByteArrayLiteral("a=%FF"), QByteArrayLiteral("a=%C3%28x"),
          QByteArrayLiteral("a=%ED%A0%80")}) {
        const QString value = FormEncoding::value(FormEncoding::parse(body), QStringLiteral("a"));
        QVERIFY2(value.startsWith(QChar::ReplacementCharacter), body.constData());
        QVERIFY2(!value.contains(QLatin1Char('%')), body.constData());
    }
    QCOMPARE(FormEncoding::value(FormEncoding::parse("a=%C3%28x"), QStringLiteral("a")).right(2),
             QStringLiteral("(x"));
    QCOMPARE(FormEncoding::value(FormEncoding::parse("a=%E2%82%AC"), QStringLiteral("a")),
             QStringLiteral("€"));
}

void TestFormEncoding::encodeMatchesPythonTwilioCallsCreateByteForByte()
{
    QFile file(QStringLiteral(FLUX_TEST_DATA_DIR "/twilio_python_calls_create_request.txt"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    // The capture is '#' comment lines, the request head, a blank line, the body, then more
    // comments; Content-Length confirms the body was cut out whole.
    QList<QByteArray> lines = file.readAll().split('\n');
    while (!lines.isEmpty() && (lines.first().startsWith('#') || lines.first().isEmpty()))
        lines.removeFirst();
    qsizetype contentLength = -1;
    while (!lines.isEmpty() && !lines.first().isEmpty()) {
        const QByteArray header = lines.takeFirst();
        if (header.toLower().startsWith("content-length:"))
            contentLength = header.mid(header.indexOf(':') + 1).trimmed().toLongLong();
    }
    QVERIFY(lines.size() >= 2);
    const QByteArray sdkBody = lines.at(1);
    QCOMPARE(sdkBody.size(), contentLength);

    const FormParams params = {
        {QStringLiteral("To"), QStringLiteral("+15558675310")},
        {QStringLiteral("From"), QStringLiteral("+15017122661")},
        {QStringLiteral("Url"), QStringLiteral("https://example.com/twiml/voice")},
        {QStringLiteral("StatusCallback"), QStringLiteral("https://example.com/twilio/status")},
        {QStringLiteral("StatusCallbackEvent"), QStringLiteral("initiated")},
        {QStringLiteral("StatusCallbackEvent"), QStringLiteral("ringing")},
        {QStringLiteral("StatusCallbackEvent"), QStringLiteral("answered")},
        {QStringLiteral("StatusCallbackEvent"), QStringLiteral("completed")},
        {QStringLiteral("StatusCallbackMethod"), QStringLiteral("POST")},
    };
    QCOMPARE(FormEncoding::encode(params), sdkBody);
    QCOMPARE(FormEncoding::parse(sdkBody), params);
}

void TestFormEncoding::encodeGivesQUrlsPercentEncodingWithPlusForSpace()
{
    // The encoder used to be QUrl::toPercentEncoding(text, " ") with ' ' then made '+'; it is
    // written by hand now and must give the same bytes, lone surrogates included.
    QRandomGenerator random(20261126);
    const char16_t pool[] = {u'a',  u'Z', u'0', u'-',   u'.',   u'_',   u'~',  u' ',  u'+',
                             u'&',  u'=', u'%', u'/',   u'?',   u'#',   u'*',  u'\'', u'\0',
                             u'\n', 0x7f, 0xe9, 0x20ac, 0xd83d, 0xde00, 0xfffd};
    for (int i = 0; i < 100000; ++i) {
        QString text;
        const int length = random.bounded(0, 12);
        for (int c = 0; c < length; ++c)
            text += QChar(pool[random.bounded(int(std::size(pool)))]);
        QByteArray expected = QUrl::toPercentEncoding(text, QByteArrayLiteral(" "));
        expected.replace(' ', '+');
        QCOMPARE(FormEncoding::encodeComponent(text), expected);
    }
}

QTEST_GUILESS_MAIN(TestFormEncoding)
#include "TestFormEncoding.moc"
