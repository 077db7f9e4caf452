#include "twilio/RetryPolicy.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace flux {

namespace {
constexpr int TooManyRequests = 429;
constexpr int TwilioTooManyRequestsCode = 20429;
constexpr int ServiceUnavailable = 503;
// Longer Retry-After values are cut to this; it is beyond any budget, so they mean giving up.
constexpr qint64 LongestRetryAfterMs = 24 * 3600 * 1000;
} // namespace

bool RetryPolicy::isTransient(const TwilioError &error)
{
    switch (error.kind) {
    case TwilioError::Kind::Timeout:
    case TwilioError::Kind::Network:
        return true;
    case TwilioError::Kind::BadAnswer:
        return false;
    case TwilioError::Kind::Api:
        break;
    }
    const int status = error.httpStatus;
    return status == TooManyRequests || error.code == TwilioTooManyRequestsCode || status == 500 ||
           status == 502 || status == ServiceUnavailable || status == 504;
}

bool RetryPolicy::provesNothingPlaced(const TwilioError &error)
{
    if (error.kind == TwilioError::Kind::Network)
        return !error.requestSent;
    if (error.kind != TwilioError::Kind::Api)
        return false;
    // A 4xx is Twilio refusing the request as it stands (validation, auth, rate limit); a 503
    // is the API turning work away before doing it. Other 5xx may come after the call exists.
    return (error.httpStatus >= 400 && error.httpStatus < 500) ||
           error.httpStatus == ServiceUnavailable;
}

bool RetryPolicy::mayRetry(Request request, const TwilioError &error)
{
    if (!isTransient(error))
        return false;
    return request != Request::Create || provesNothingPlaced(error);
}

int RetryPolicy::delayBefore(int attempt, Request request, const TwilioError &last,
                             qint64 elapsedMs, double random01) const
{
    if (attempt > maxAttempts || attempt < 2 || !mayRetry(request, last))
        return -1;
    const qint64 left = qint64(budgetMs) - elapsedMs;
    if (left <= 0)
        return -1;
    qint64 wait = 0;
    if (last.retryAfterMs >= 0) {
        // Twilio asked for this wait; one that does not fit the budget means giving up now
        // rather than hammering it sooner or blocking the caller longer than promised.
        wait = last.retryAfterMs;
    } else {
        const double ceiling =
            std::min<double>(maxDelayMs, baseDelayMs * std::pow(2.0, attempt - 2));
        wait = qint64(std::clamp(random01, 0.0, 1.0) * std::max(0.0, ceiling));
    }
    if (wait >= left)
        return -1;
    return int(wait);
}

int RetryPolicy::parseRetryAfter(const QByteArray &header, const QDateTime &now)
{
    const QByteArray text = header.trimmed();
    if (text.isEmpty())
        return -1;
    bool ok = false;
    const qint64 seconds = text.toLongLong(&ok);
    qint64 ms = -1;
    if (ok) {
        // Clamped before scaling: a huge value must not overflow into a short (or negative) wait.
        ms = seconds < 0 ? -1 : std::min(seconds, LongestRetryAfterMs / 1000) * 1000;
    } else {
        // "Wed, 21 Oct 2015 07:28:00 GMT" (RFC 7231 IMF-fixdate).
        if (!text.endsWith(" GMT"))
            return -1;
        QDateTime at = QLocale::c().toDateTime(QString::fromLatin1(text.chopped(4)),
                                               QStringLiteral("ddd, dd MMM yyyy hh:mm:ss"));
        if (!at.isValid())
            return -1;
        at.setTimeSpec(Qt::UTC);
        ms = std::max<qint64>(0, now.msecsTo(at));
    }
    if (ms < 0)
        return -1;
    // Far away is as good as never: the budget check then gives up instead of waiting.
    return int(std::min(ms, LongestRetryAfterMs));
}

} // namespace flux
