// Holds HmacSha1 to RFC 2202's HMAC-SHA1 test cases and to QMessageAuthenticationCode.
#include "twilio/HmacSha1.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QtTest>

#include <thread>
#include <vector>

using namespace flux;

namespace {

QByteArray bytes(const std::optional<HmacSha1::Digest> &digest)
{
    if (!digest)
        return {};
    return QByteArray(reinterpret_cast<const char *>(digest->data()), qsizetype(digest->size()));
}

QByteArray qtMac(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha1);
}

QByteArray randomBytes(QRandomGenerator &random, qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (char &byte : data)
        byte = char(random.bounded(256));
    return data;
}

} // namespace

class TestHmacSha1 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyRfc2202TestCaseHolds_data();
    void everyRfc2202TestCaseHolds();
    void randomKeysAndMessagesAgreeWithQt();
    void aMessageInPartsHasTheMacOfTheWhole();
    void aCopySignsWithTheSameKey();
    void threadsSharingOneKeyGetTheRightMacs();
};

void TestHmacSha1::everyRfc2202TestCaseHolds_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("hexDigest");

    QTest::newRow("1") << QByteArray(20, '\x0b') << QByteArrayLiteral("Hi There")
                       << QByteArrayLiteral("b617318655057264e28bc0b6fb378c8ef146be00");
    QTest::newRow("2: a key shorter than the digest")
        << QByteArrayLiteral("Jefe") << QByteArrayLiteral("what do ya want for nothing?")
        << QByteArrayLiteral("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    QTest::newRow("3") << QByteArray(20, '\xaa') << QByteArray(50, '\xdd')
                       << QByteArrayLiteral("125d7342b9ac11cd91a39af48aa17b4f63f175d3");
    QTest::newRow("4") << QByteArray::fromHex("0102030405060708090a0b0c0d0e0f10111213141516171819")
                       << QByteArray(50, '\xcd')
                       << QByteArrayLiteral("4c9007f4026250c6bc8414f9bf50c86c2d7235da");
    // RFC 2202 also gives the digest truncated to 96 bits; the full one is checked here.
    QTest::newRow("5") << QByteArray(20, '\x0c') << QByteArrayLiteral("Test With Truncation")
                       << QByteArrayLiteral("4c1a03424b55e07fe7f27be1d58bb9324a9a5a04");
    QTest::newRow("6: a key longer than the block")
        << QByteArray(80, '\xaa')
        << QByteArrayLiteral("Test Using Larger Than Block-Size Key - Hash Key First")
        << QByteArrayLiteral("aa4ae5e15272d00e95705637ce8a3b55ed402112");
    QTest::newRow("7: a key and a message longer than the block")
        << QByteArray(80, '\xaa')
        << QByteArrayLiteral(
               "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data")
        << QByteArrayLiteral("e8e99d0f45237d786d6bbaa7965c7808bbff1a91");
}

void TestHmacSha1::everyRfc2202TestCaseHolds()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, hexDigest);
    QCOMPARE(bytes(HmacSha1(key).mac({message})).toHex(), hexDigest);
}

void TestHmacSha1::randomKeysAndMessagesAgreeWithQt()
{
    // Seeded, so a failure names the same case on every run. Key sizes cross the 64-byte block
    // (hashed first above it), message sizes cross block and padding boundaries (55, 56, 64).
    QRandomGenerator random(20261126);
    const QList<qsizetype> keySizes = {0, 1, 5, 20, 32, 63, 64, 65, 100, 200};
    for (int i = 0; i < 500; ++i) {
        const QByteArray key = randomBytes(random, keySizes.at(random.bounded(keySizes.size())));
        const QByteArray message = randomBytes(random, random.bounded(300));
        QCOMPARE(bytes(HmacSha1(key).mac({message})), qtMac(key, message));
    }
    // The empty key is a key like any other; the empty message a message like any other.
    QCOMPARE(bytes(HmacSha1(QByteArray()).mac({})), qtMac({}, {}));
}

void TestHmacSha1::aMessageInPartsHasTheMacOfTheWhole()
{
    QRandomGenerator random(7);
    const QByteArray key = randomBytes(random, 32);
    const HmacSha1 hmac(key);
    for (int i = 0; i < 200; ++i) {
        const QByteArray message = randomBytes(random, random.bounded(400));
        const qsizetype first = random.bounded(message.size() + 1);
        const qsizetype second = first + random.bounded(message.size() - first + 1);
        const QByteArrayView whole(message);
        QCOMPARE(bytes(hmac.mac({whole.first(first), QByteArrayView(),
                                 whole.sliced(first, second - first), whole.sliced(second)})),
                 qtMac(key, message));
    }
}

void TestHmacSha1::aCopySignsWithTheSameKey()
{
    const QByteArray message = QByteArrayLiteral("https://flux.example/twilio/status");
    HmacSha1 copy(QByteArrayLiteral("other"));
    {
        const HmacSha1 original(QByteArrayLiteral("token"));
        copy = original;
    }
    QCOMPARE(bytes(copy.mac({message})), qtMac(QByteArrayLiteral("token"), message));
    QVERIFY(bytes(copy.mac({message})) != qtMac(QByteArrayLiteral("other"), message));
}

void TestHmacSha1::threadsSharingOneKeyGetTheRightMacs()
{
    const QByteArray key = QByteArrayLiteral("shared-token");
    const HmacSha1 hmac(key);
    QList<QByteArray> messages;
    QList<QByteArray> expected;
    for (int i = 0; i < 100; ++i) {
        messages.append(QByteArray::number(i).repeated(i + 1));
        expected.append(qtMac(key, messages.last()));
    }
    std::vector<int> wrong(4, 0);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < wrong.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 20; ++round) {
                for (qsizetype i = 0; i < messages.size(); ++i)
                    wrong[t] += bytes(hmac.mac({messages.at(i)})) != expected.at(i);
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(wrong, std::vector<int>(wrong.size(), 0));
}

QTEST_GUILESS_MAIN(TestHmacSha1)
#include "TestHmacSha1.moc"
