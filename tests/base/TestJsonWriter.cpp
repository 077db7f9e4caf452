// Holds JsonWriter to the bytes QJsonDocument's compact writer gives for the same object, on
// random objects whose strings hold everything JSON escapes and UTF-8 encodes differently.
#include "base/JsonWriter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtTest>

using namespace flux;

namespace {

QByteArray qtBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// `object` through the writer, its keys in the order QJsonObject keeps them.
void write(JsonWriter &writer, const QJsonObject &object)
{
    writer.beginObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        writer.key(it.key());
        const QJsonValue value = it.value();
        if (value.isString())
            writer.string(value.toString());
        else if (value.isNull())
            writer.null();
        else
            write(writer, value.toObject());
    }
    writer.endObject();
}

QByteArray writerBytes(const QJsonObject &object)
{
    QByteArray bytes;
    JsonWriter writer(bytes);
    write(writer, object);
    return bytes;
}

// A unit, or a pair, from each kind the writer treats apart.
QString randomPiece(QRandomGenerator &random)
{
    switch (random.bounded(12)) {
    case 0:
        return QString(QChar(char16_t(random.bounded(0x20)))); // control characters
    case 1:
        return QStringLiteral("\"");
    case 2:
        return QStringLiteral("\\");
    case 3:
        return QString(QChar(char16_t(random.bounded(0x80, 0x800)))); // two UTF-8 bytes
    case 4: {
        char16_t u = char16_t(random.bounded(0x800, 0x10000)); // three, or a surrogate
        return QString(QChar(u));
    }
    case 5: { // a surrogate pair: four bytes
        const char32_t ucs4 = char32_t(random.bounded(0x10000, 0x110000));
        return QString::fromUcs4(&ucs4, 1);
    }
    case 6:
        return QString(QChar(char16_t(random.bounded(0xD800, 0xDC00)))); // a lone high one
    case 7:
        return QString(QChar(char16_t(random.bounded(0xDC00, 0xE000)))); // a lone low one
    case 8:
        return QString(QChar(random.bounded(2) ? char16_t(0xFFFF) : char16_t(0x7F)));
    default:
        return QString(QChar(char16_t(random.bounded(0x20, 0x7F)))); // plain ASCII
    }
}

QString randomText(QRandomGenerator &random, bool plain)
{
    QString text;
    const int length = random.bounded(plain ? 12 : 20);
    for (int i = 0; i < length; ++i) {
        // Runs of plain ASCII too, long enough for the writer to copy them eight at a time.
        const int run = plain ? 1 : random.bounded(3) == 0 ? random.bounded(1, 24) : 0;
        for (int j = 0; j < run; ++j)
            text += QChar(
                char16_t(plain ? random.bounded(u'a', u'z' + 1) : random.bounded(0x20, 0x7F)));
        if (!plain)
            text += randomPiece(random);
    }
    return text;
}

QJsonObject randomObject(QRandomGenerator &random, int depth)
{
    QJsonObject object;
    const int members = random.bounded(8);
    for (int i = 0; i < members; ++i) {
        const QString key = randomText(random, random.bounded(3) != 0);
        const int kind = random.bounded(depth > 0 ? 5 : 4);
        if (kind == 0)
            object.insert(key, QJsonValue::Null);
        else if (kind == 4)
            object.insert(key, randomObject(random, depth - 1));
        else
            object.insert(key, randomText(random, kind == 1));
    }
    return object;
}

} // namespace

class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aSmallObjectReadsAsWritten();
    void emptyObjectsAreBraces();
    void stringsAreEscapedAsQJsonDocumentEscapesThem_data();
    void stringsAreEscapedAsQJsonDocumentEscapesThem();
    void latin1KeysAndStringsAreWrittenAsTheirUnicode();
    void randomObjectsAreWrittenAsQJsonDocumentWritesThem();
};

void TestJsonWriter::aSmallObjectReadsAsWritten()
{
    QByteArray bytes;
    JsonWriter writer(bytes);
    writer.beginObject();
    writer.nullField(QLatin1String("a"));
    writer.key(QLatin1String("b"));
    writer.beginObject();
    writer.field(QLatin1String("c"), QStringLiteral("d\n"));
    writer.field(QLatin1String("e"), QLatin1String("f"));
    writer.endObject();
    writer.field(QLatin1String("g"), QString(QChar(0x01)));
    writer.endObject();
    QCOMPARE(bytes,
             QByteArray("{\"a\":null,\"b\":{\"c\":\"d\\n\",\"e\":\"f\"},\"g\":\"\\u0001\"}"));
}

void TestJsonWriter::emptyObjectsAreBraces()
{
    const QJsonObject nested{{QStringLiteral("x"), QJsonObject()}};
    QCOMPARE(writerBytes(QJsonObject()), QByteArray("{}"));
    QCOMPARE(writerBytes(nested), QByteArray("{\"x\":{}}"));
    QCOMPARE(writerBytes(nested), qtBytes(nested));
}

void TestJsonWriter::stringsAreEscapedAsQJsonDocumentEscapesThem_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("a sid") << QStringLiteral("CA0123456789abcdef0123456789abcdef");
    QTest::newRow("quote, backslash and slash") << QStringLiteral("a\"b\\c/d");
    QTest::newRow("control characters and DEL")
        << QStringLiteral("\b\f\n\r\t") + QChar(0x00) + QChar(0x01) + QChar(0x1F) + QChar(0x7F);
    QTest::newRow("two and three UTF-8 bytes")
        << QStringLiteral("\u00e9\u07ff\u0800\u2028\u3000\uffff");
    QTest::newRow("a surrogate pair") << QStringLiteral("a") + QChar(0xD83D) + QChar(0xDE00);
    QTest::newRow("a lone low surrogate") << QStringLiteral("a") + QChar(0xDC00) + QChar(0x41);
    QTest::newRow("a high surrogate before a non-surrogate")
        << QStringLiteral("a") + QChar(0xD800) + QChar(0x41);
    QTest::newRow("two high surrogates, then a low one")
        << QString(QChar(0xD800)) + QChar(0xD801) + QChar(0xDC01);
    QTest::newRow("a high surrogate at the end") << QStringLiteral("a") + QChar(0xDBFF);
    QTest::newRow("escapes after plain text")
        << QStringLiteral("plain text first, then \"quoted\" \u00e9\n");
}

void TestJsonWriter::stringsAreEscapedAsQJsonDocumentEscapesThem()
{
    QFETCH(QString, text);
    const QJsonObject object{{text, text}};
    QCOMPARE(writerBytes(object), qtBytes(object));
}

void TestJsonWriter::latin1KeysAndStringsAreWrittenAsTheirUnicode()
{
    QByteArray latin1;
    for (int c = 0; c < 256; ++c)
        latin1 += char(c);
    const QLatin1String text(latin1.constData(), latin1.size());
    QByteArray bytes;
    JsonWriter writer(bytes);
    writer.beginObject();
    writer.field(text, text);
    writer.endObject();
    const QJsonObject object{{QString(text), QString(text)}};
    QCOMPARE(bytes, qtBytes(object));
}

void TestJsonWriter::randomObjectsAreWrittenAsQJsonDocumentWritesThem()
{
    // Fixed seed: a failure names an object that fails again.
    QRandomGenerator random(20261126);
    for (int i = 0; i < 5000; ++i) {
        const QJsonObject object = randomObject(random, 3);
        const QByteArray expected = qtBytes(object);
        const QByteArray written = writerBytes(object);
        if (written != expected)
            QFAIL(qPrintable(QStringLiteral("object %1:\n written %2\n Qt wrote %3")
                                 .arg(i)
                                 .arg(QString::fromLatin1(written.toPercentEncoding()),
                                      QString::fromLatin1(expected.toPercentEncoding()))));
    }
}

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "TestJsonWriter.moc"
