// Holds PhoneNumber to E.164 as Twilio reads it: '+', then 2 to 15 ASCII digits, the first not 0.
#include "calls/PhoneNumber.h"

#include <QtTest>

using namespace flux;

class TestPhoneNumber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void e164NumbersAreAccepted_data();
    void e164NumbersAreAccepted();
    void anythingElseIsRejected_data();
    void anythingElseIsRejected();
    void theHintShowsAValidNumber();
};

void TestPhoneNumber::e164NumbersAreAccepted_data()
{
    QTest::addColumn<QString>("number");
    QTest::newRow("US") << QStringLiteral("+14155551234");
    QTest::newRow("UK") << QStringLiteral("+442071838750");
    QTest::newRow("Twilio's example To") << QStringLiteral("+15558675310");
    QTest::newRow("shortest: country code and one digit") << QStringLiteral("+12");
    QTest::newRow("longest: 15 digits") << QStringLiteral("+123456789012345");
    QTest::newRow("zeros after the first digit") << QStringLiteral("+4900000000");
}

void TestPhoneNumber::e164NumbersAreAccepted()
{
    QFETCH(QString, number);
    QVERIFY(PhoneNumber::isE164(number));
}

void TestPhoneNumber::anythingElseIsRejected_data()
{
    QTest::addColumn<QString>("number");
    QTest::newRow("empty") << QString();
    QTest::newRow("plus alone") << QStringLiteral("+");
    QTest::newRow("+1 alone") << QStringLiteral("+1");
    QTest::newRow("leading zero") << QStringLiteral("+04155551234");
    QTest::newRow("too long: 16 digits") << QStringLiteral("+1234567890123456");
    QTest::newRow("missing plus") << QStringLiteral("14155551234");
    QTest::newRow("national format") << QStringLiteral("(415) 555-1234");
    QTest::newRow("international prefix 00") << QStringLiteral("0014155551234");
    QTest::newRow("double plus") << QStringLiteral("++14155551234");
    QTest::newRow("letters") << QStringLiteral("+1415555CALL");
    QTest::newRow("hex-looking") << QStringLiteral("+1415555123a");
    QTest::newRow("inner spaces") << QStringLiteral("+1 415 555 1234");
    QTest::newRow("leading space") << QStringLiteral(" +14155551234");
    QTest::newRow("trailing space") << QStringLiteral("+14155551234 ");
    QTest::newRow("trailing newline") << QStringLiteral("+14155551234\n");
    QTest::newRow("inner newline") << QStringLiteral("+1415\n5551234");
    QTest::newRow("dashes") << QStringLiteral("+1-415-555-1234");
    QTest::newRow("extension") << QStringLiteral("+14155551234;ext=1");
    QTest::newRow("nul inside") << QStringLiteral("+1415") + QChar(0) + QStringLiteral("5551234");
    QTest::newRow("arabic-indic digits") << QStringLiteral("+١٤١٥٥٥٥١٢٣٤");
    QTest::newRow("fullwidth digits") << QStringLiteral("+１４１５５５５１２３４");
    QTest::newRow("devanagari digit") << QStringLiteral("+1415555123४");
    QTest::newRow("fullwidth plus") << QStringLiteral("＋14155551234");
    QTest::newRow("superscript digit") << QStringLiteral("+1415555123²");
}

void TestPhoneNumber::anythingElseIsRejected()
{
    QFETCH(QString, number);
    QVERIFY(!PhoneNumber::isE164(number));
}

void TestPhoneNumber::theHintShowsAValidNumber()
{
    // The hint is shown to whoever typed a bad number; its example must pass the same rule.
    const qsizetype plus = PhoneNumber::Hint.lastIndexOf(QLatin1Char('+'));
    QVERIFY(plus >= 0);
    QVERIFY(PhoneNumber::isE164(PhoneNumber::Hint.mid(plus)));
}

QTEST_GUILESS_MAIN(TestPhoneNumber)
#include "TestPhoneNumber.moc"
