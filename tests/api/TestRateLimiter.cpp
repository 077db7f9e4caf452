// RateLimiter on a hand-driven clock: bursts, refills, per-client and overall buckets, memory.
#include "api/RateLimiter.h"

#include <QTest>

using namespace flux;

namespace {
const QHostAddress Alice(QStringLiteral("192.0.2.1"));
const QHostAddress Bob(QStringLiteral("192.0.2.2"));

struct FakeClock
{
    qint64 nowMs = 1000;
    RateLimiter::Clock clock()
    {
        return [this] { return nowMs; };
    }
};

int allowedInARow(RateLimiter &limiter, const QHostAddress &client, int tries = 1000)
{
    int allowed = 0;
    while (allowed < tries && limiter.take(client).allowed)
        ++allowed;
    return allowed;
}
} // namespace

class TestRateLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aClientMayUseAMinutesWorthAtOnceThenWaits()
    {
        FakeClock time;
        RateLimiter limiter({6, 0}, time.clock());
        QCOMPARE(allowedInARow(limiter, Alice), 6);
        const auto refused = limiter.take(Alice);
        QVERIFY(!refused.allowed);
        QVERIFY(refused.clientLimited);
        QCOMPARE(refused.retryAfterSeconds, 10); // one call every 10 s at 6 per minute
    }

    void tokensComeBackAtTheConfiguredRate()
    {
        FakeClock time;
        RateLimiter limiter({6, 0}, time.clock());
        allowedInARow(limiter, Alice);
        time.nowMs += 9999;
        QVERIFY(!limiter.take(Alice).allowed);
        QCOMPARE(limiter.take(Alice).retryAfterSeconds, 1); // rounds up, never 0
        time.nowMs += 1;
        QVERIFY(limiter.take(Alice).allowed);
        QVERIFY(!limiter.take(Alice).allowed);
        time.nowMs += 10 * 60 * 1000; // a long pause refills to the burst, not beyond
        QCOMPARE(allowedInARow(limiter, Alice), 6);
    }

    void oneClientsBurstLeavesAnotherClientsAllowance()
    {
        FakeClock time;
        RateLimiter limiter({3, 0}, time.clock());
        QCOMPARE(allowedInARow(limiter, Alice), 3);
        QCOMPARE(allowedInARow(limiter, Bob), 3);
    }

    void theOverallLimitHoldsAcrossClients()
    {
        FakeClock time;
        RateLimiter limiter({3, 4}, time.clock());
        QCOMPARE(allowedInARow(limiter, Alice), 3);
        QVERIFY(limiter.take(Bob).allowed);
        const auto refused = limiter.take(Bob);
        QVERIFY(!refused.allowed);
        QVERIFY(!refused.clientLimited);
        QCOMPARE(refused.retryAfterSeconds, 15);
    }

    void aRefusedRequestSpendsNoToken()
    {
        FakeClock time;
        RateLimiter limiter({2, 3}, time.clock());
        allowedInARow(limiter, Alice);                  // Alice: 0 left; overall: 1 left
        QCOMPARE(allowedInARow(limiter, Alice, 50), 0); // refused by her bucket, overall kept
        QVERIFY(limiter.take(Bob).allowed);             // so Bob gets the last overall token
        QVERIFY(!limiter.take(Bob).allowed);            // refused overall: his own bucket kept
        time.nowMs += 20 * 1000;                        // one overall token back
        QVERIFY(limiter.take(Bob).allowed);
    }

    void zeroMeansNoLimit()
    {
        FakeClock time;
        RateLimiter limiter({0, 0}, time.clock());
        QCOMPARE(allowedInARow(limiter, Alice, 500), 500);
        QCOMPARE(limiter.trackedClients(), 0);
    }

    void addressesOfOneIpv6Slash64ShareABucket()
    {
        FakeClock time;
        RateLimiter limiter({2, 0}, time.clock());
        QVERIFY(limiter.take(QHostAddress(QStringLiteral("2001:db8:1:2::1"))).allowed);
        QVERIFY(limiter.take(QHostAddress(QStringLiteral("2001:db8:1:2:ffff::9"))).allowed);
        QVERIFY(!limiter.take(QHostAddress(QStringLiteral("2001:db8:1:2::77"))).allowed);
        QVERIFY(limiter.take(QHostAddress(QStringLiteral("2001:db8:1:3::1"))).allowed);
        QCOMPARE(RateLimiter::clientKey(QHostAddress(QStringLiteral("::ffff:192.0.2.1"))),
                 RateLimiter::clientKey(Alice));
    }

    void clientsWhoseBucketsRefilledAreForgotten()
    {
        FakeClock time;
        RateLimiter limiter({60, 0}, time.clock());
        for (int i = 1; i <= 100; ++i)
            QVERIFY(limiter.take(QHostAddress(QStringLiteral("198.51.100.%1").arg(i))).allowed);
        QCOMPARE(limiter.trackedClients(), 100);
        time.nowMs += 61 * 1000;
        QVERIFY(limiter.take(Alice).allowed);
        QCOMPARE(limiter.trackedClients(), 1);
    }

    void aCrowdOfAddressesCannotGrowTheTableWithoutBound()
    {
        FakeClock time;
        RateLimiter limiter({10, 0}, time.clock());
        const int crowd = RateLimiter::MaxTrackedClients + 500;
        for (int i = 0; i < crowd; ++i) {
            const QHostAddress address(quint32(0x0A000000 + i)); // 10.0.0.0/8
            QVERIFY(limiter.take(address).allowed);
        }
        QVERIFY(limiter.trackedClients() <= RateLimiter::MaxTrackedClients);
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "TestRateLimiter.moc"
