#include "api/RateLimiter.h"

#include <chrono>
#include <cmath>

namespace flux {

namespace {
constexpr qint64 MinuteMs = 60 * 1000;
constexpr qint64 SweepEveryMs = MinuteMs;
} // namespace

RateLimiter::RateLimiter() : RateLimiter(Limits{}) {}

RateLimiter::RateLimiter(Limits limits, Clock clock) : m_limits(limits), m_clock(std::move(clock))
{
    if (!m_clock) {
        m_clock = [] {
            return qint64(std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now().time_since_epoch())
                              .count());
        };
    }
    const qint64 now = m_clock();
    m_total = {double(m_limits.totalPerMinute), now};
    m_lastSweepMs = now;
}

QByteArray RateLimiter::clientKey(const QHostAddress &address)
{
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    if (mapped)
        return QByteArray::number(v4);
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR v6 = address.toIPv6Address();
        return QByteArray(reinterpret_cast<const char *>(v6.c), 8).toHex() + "/64";
    }
    return address.toString().toLatin1();
}

void RateLimiter::refill(Bucket &bucket, int perMinute, qint64 now)
{
    const qint64 elapsed = std::max<qint64>(0, now - bucket.updatedMs);
    bucket.tokens =
        std::min<double>(perMinute, bucket.tokens + elapsed * perMinute / double(MinuteMs));
    bucket.updatedMs = now;
}

int RateLimiter::secondsUntilToken(const Bucket &bucket, int perMinute)
{
    const double missingMs = (1.0 - bucket.tokens) * MinuteMs / perMinute;
    return std::max(1, int(std::ceil(missingMs / 1000.0)));
}

void RateLimiter::forgetFullBuckets(qint64 now)
{
    // A full bucket says nothing a fresh one would not: forgetting it loses nothing.
    const int perMinute = m_limits.perClientPerMinute;
    for (auto it = m_clients.begin(); it != m_clients.end();) {
        refill(it.value(), perMinute, now);
        if (it.value().tokens >= perMinute)
            it = m_clients.erase(it);
        else
            ++it;
    }
    m_lastSweepMs = now;
}

RateLimiter::Decision RateLimiter::take(const QHostAddress &client)
{
    const qint64 now = m_clock();
    Decision decision;
    const int perClient = m_limits.perClientPerMinute;
    const int total = m_limits.totalPerMinute;

    Bucket *bucket = nullptr;
    if (perClient > 0) {
        if (now - m_lastSweepMs >= SweepEveryMs)
            forgetFullBuckets(now);
        const QByteArray key = clientKey(client);
        auto it = m_clients.find(key);
        if (it == m_clients.end()) {
            if (m_clients.size() >= MaxTrackedClients)
                forgetFullBuckets(now);
            if (m_clients.size() >= MaxTrackedClients) {
                auto oldest = m_clients.begin();
                for (auto at = m_clients.begin(); at != m_clients.end(); ++at) {
                    if (at.value().updatedMs < oldest.value().updatedMs)
                        oldest = at;
                }
                m_clients.erase(oldest);
            }
            it = m_clients.insert(key, {double(perClient), now});
        }
        bucket = &it.value();
        refill(*bucket, perClient, now);
        if (bucket->tokens < 1.0) {
            decision.allowed = false;
            decision.clientLimited = true;
            decision.retryAfterSeconds = secondsUntilToken(*bucket, perClient);
            return decision;
        }
    }
    if (total > 0) {
        refill(m_total, total, now);
        if (m_total.tokens < 1.0) {
            decision.allowed = false;
            decision.retryAfterSeconds = secondsUntilToken(m_total, total);
            return decision;
        }
        m_total.tokens -= 1.0;
    }
    if (bucket)
        bucket->tokens -= 1.0;
    return decision;
}

} // namespace flux
