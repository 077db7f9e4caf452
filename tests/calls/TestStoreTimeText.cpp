// Holds the store's hand-written time text to what QDateTime writes: the same bytes for any
// instant, in any zone, so files written before and after it read and sort alike.
#include "calls/CallStoreSchema.h"

#include <QRandomGenerator>
#include <QTimeZone>
#include <QtTest>

using namespace flux;

namespace {
QString qtText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime utc(int year, int month, int day, int hour, int minute, int second, int ms)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, ms), Qt::UTC);
}
} // namespace

class TestStoreTimeText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void instantsReadAsQtWritesThem_data();
    void instantsReadAsQtWritesThem();
    void randomInstantsOverTenThousandYearsMatchQt();
    void everyZoneIsWrittenInUtc_data();
    void everyZoneIsWrittenInUtc();
    void anInvalidTimeIsANullText();
    void yearsQtCannotWriteAreNullToo();
    void theTextReadsBackAsTheSameInstant();
    void noTimeIsStampedWithNow();
};

void TestStoreTimeText::instantsReadAsQtWritesThem_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("expected");
    QTest::newRow("the epoch") << utc(1970, 1, 1, 0, 0, 0, 0)
                               << QStringLiteral("1970-01-01T00:00:00.000Z");
    QTest::newRow("a webhook's stamp")
        << utc(2026, 11, 25, 19, 40, 1, 123) << QStringLiteral("2026-11-25T19:40:01.123Z");
    QTest::newRow("a millisecond before the epoch")
        << utc(1969, 12, 31, 23, 59, 59, 999) << QStringLiteral("1969-12-31T23:59:59.999Z");
    QTest::newRow("a leap day") << utc(2024, 2, 29, 12, 0, 0, 7)
                                << QStringLiteral("2024-02-29T12:00:00.007Z");
    QTest::newRow("2000 was a leap year")
        << utc(2000, 2, 29, 0, 0, 0, 0) << QStringLiteral("2000-02-29T00:00:00.000Z");
    QTest::newRow("1900 was not") << utc(1900, 3, 1, 0, 0, 0, 0)
                                  << QStringLiteral("1900-03-01T00:00:00.000Z");
    QTest::newRow("2100 will not be")
        << utc(2100, 3, 1, 0, 0, 0, 0) << QStringLiteral("2100-03-01T00:00:00.000Z");
    QTest::newRow("the last millisecond of a year")
        << utc(2025, 12, 31, 23, 59, 59, 999) << QStringLiteral("2025-12-31T23:59:59.999Z");
    QTest::newRow("the first year")
        << utc(1, 1, 1, 0, 0, 0, 0) << QStringLiteral("0001-01-01T00:00:00.000Z");
    QTest::newRow("the last year Qt writes")
        << utc(9999, 12, 31, 23, 59, 59, 999) << QStringLiteral("9999-12-31T23:59:59.999Z");
}

void TestStoreTimeText::instantsReadAsQtWritesThem()
{
    QFETCH(QDateTime, time);
    QFETCH(QString, expected);
    QCOMPARE(qtText(time), expected);
    QCOMPARE(CallStoreSchema::toText(time), expected);
    QCOMPARE(CallStoreSchema::msecsToText(time.toMSecsSinceEpoch()), expected);
    QCOMPARE(CallStoreSchema::stampOrNow(time), expected);
}

void TestStoreTimeText::randomInstantsOverTenThousandYearsMatchQt()
{
    // Fixed seed: a failure names an instant that fails again.
    QRandomGenerator random(20261126);
    const qint64 first = utc(1, 1, 1, 0, 0, 0, 0).toMSecsSinceEpoch();
    const qint64 last = utc(9999, 12, 31, 23, 59, 59, 999).toMSecsSinceEpoch();
    const qint64 recent = utc(2020, 1, 1, 0, 0, 0, 0).toMSecsSinceEpoch();
    for (int i = 0; i < 200000; ++i) {
        // Half over every year, half in this decade, where the store's stamps fall.
        const qint64 msecs = i % 2
                                 ? random.bounded(first, last + 1)
                                 : recent + random.bounded(qint64(0), qint64(10) * 365 * 86400000);
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
        const QString expected = qtText(time);
        if (CallStoreSchema::msecsToText(msecs) != expected)
            QFAIL(qPrintable(QStringLiteral("%1 ms: %2, Qt wrote %3")
                                 .arg(msecs)
                                 .arg(CallStoreSchema::msecsToText(msecs), expected)));
    }
}

void TestStoreTimeText::everyZoneIsWrittenInUtc_data()
{
    QTest::addColumn<QDateTime>("time");
    const QDate date(2026, 3, 29);
    const QTime time(1, 30, 15, 250);
    QTest::newRow("UTC") << QDateTime(date, time, Qt::UTC);
    QTest::newRow("local time") << QDateTime(date, time, Qt::LocalTime);
    QTest::newRow("five and a half hours ahead") << QDateTime(date, time, Qt::OffsetFromUTC, 19800);
    QTest::newRow("eight hours behind, across midnight")
        << QDateTime(QDate(2026, 12, 31), QTime(20, 0, 0, 1), Qt::OffsetFromUTC, -8 * 3600);
    QTest::newRow("Berlin, on the night clocks go forward")
        << QDateTime(date, QTime(3, 30, 0, 999), QTimeZone("Europe/Berlin"));
    QTest::newRow("Kathmandu") << QDateTime(date, time, QTimeZone("Asia/Kathmandu"));
    QTest::newRow("Pacific, before the epoch")
        << QDateTime(QDate(1965, 7, 4), time, QTimeZone("America/Los_Angeles"));
}

void TestStoreTimeText::everyZoneIsWrittenInUtc()
{
    QFETCH(QDateTime, time);
    QVERIFY(time.isValid());
    const QString text = CallStoreSchema::toText(time);
    QCOMPARE(text, qtText(time));
    QVERIFY(text.endsWith(QLatin1Char('Z')));
}

void TestStoreTimeText::anInvalidTimeIsANullText()
{
    QVERIFY(qtText(QDateTime()).isNull());
    QVERIFY(CallStoreSchema::toText(QDateTime()).isNull());
}

void TestStoreTimeText::yearsQtCannotWriteAreNullToo()
{
    for (const QDateTime &time : {utc(10000, 1, 1, 0, 0, 0, 0), utc(-1, 12, 31, 23, 59, 59, 999),
                                  utc(-5000, 6, 1, 0, 0, 0, 0)}) {
        QVERIFY2(time.isValid(), qPrintable(time.toString()));
        QCOMPARE(CallStoreSchema::toText(time), qtText(time));
        QCOMPARE(CallStoreSchema::toText(time).isNull(), qtText(time).isNull());
    }
}

void TestStoreTimeText::theTextReadsBackAsTheSameInstant()
{
    const QDateTime time = utc(2026, 11, 25, 19, 40, 1, 123);
    QCOMPARE(CallStoreSchema::fromText(CallStoreSchema::toText(time)), time);
}

void TestStoreTimeText::noTimeIsStampedWithNow()
{
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const QString text = CallStoreSchema::stampOrNow(QDateTime());
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    const QDateTime read = CallStoreSchema::fromText(text);
    QVERIFY2(read.isValid(), qPrintable(text));
    QCOMPARE(text, qtText(read));
    QVERIFY(read.toMSecsSinceEpoch() >= before);
    QVERIFY(read.toMSecsSinceEpoch() <= after);
}

QTEST_GUILESS_MAIN(TestStoreTimeText)
#include "TestStoreTimeText.moc"
