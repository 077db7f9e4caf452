// RateLimiter: token buckets that cap how often calls may be placed, per client and overall.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>

#include <functional>

namespace flux {

class RateLimiter
{
public:
    struct Limits
    {
        // Calls per minute; a client may use a whole minute's worth at once. 0 means no limit.
        int perClientPerMinute = 30; // FLUX_RATE_PER_CLIENT
        int totalPerMinute = 60;     // FLUX_RATE_TOTAL
    };
    struct Decision
    {
        bool allowed = true;
        bool clientLimited = false; // the client's own bucket was empty, not the overall one
        int retryAfterSeconds = 0;  // when refused: until a token is back, at least 1
    };
    // Milliseconds from a monotonic clock; tests pass their own.
    using Clock = std::function<qint64()>;
    // Buckets kept at most; beyond it the longest-unused one goes (the overall bucket still
    // holds the line against a crowd of addresses).
    static constexpr int MaxTrackedClients = 10000;

    RateLimiter();
    explicit RateLimiter(Limits limits, Clock clock = {});

    // Takes a token from the client's bucket and from the overall one, or from neither.
    Decision take(const QHostAddress &client);
    qsizetype trackedClients() const { return m_clients.size(); }
    const Limits &limits() const { return m_limits; }

    // The bucket an address counts against: an IPv4 address, or an IPv6 /64 (one subscriber's
    // usual share, which a single client can hop around in).
    static QByteArray clientKey(const QHostAddress &address);

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };
    static void refill(Bucket &bucket, int perMinute, qint64 now);
    static int secondsUntilToken(const Bucket &bucket, int perMinute);
    void forgetFullBuckets(qint64 now);

    Limits m_limits;
    Clock m_clock;
    Bucket m_total;
    QHash<QByteArray, Bucket> m_clients;
    qint64 m_lastSweepMs = 0;
};

} // namespace flux
