// RetryPolicy: which failed Twilio REST requests are tried again, and how long to wait first.
#pragma once

#include "twilio/TwilioError.h"

#include <QByteArray>
#include <QDateTime>

namespace flux {

// Twilio's Calls resource has no idempotency key: a create that reached Twilio may have placed
// the call even when its answer was lost (a timeout, a 500, a gateway error), and sending it
// again could ring the phone twice. So a create is retried only when the failure proves Twilio
// placed nothing: a 429 (rate limited, code 20429), a 503 (overloaded, refused before work), or a
// connection that failed before the request went out. A fetch is a read and ending a call is
// idempotent (completed stays completed), so those are retried on any transient failure.
struct RetryPolicy
{
    enum class Request
    {
        Create, // POST Calls.json
        Fetch,  // GET Calls/{sid}.json
        Update, // POST Calls/{sid}.json with a final Status
    };

    int maxAttempts = 3;   // the first attempt included; 1 turns retries off
    int baseDelayMs = 500; // the first retry waits up to this, each later one up to twice as long
    int maxDelayMs = 4000; // no single wait is longer
    int budgetMs = 8000;   // no retry starts later than this after the first attempt began

    // Rate limits, 5xx answers, timeouts and network failures: worth another attempt later.
    static bool isTransient(const TwilioError &error);
    // Twilio's answer, or the lack of a connection, shows that no call was placed.
    static bool provesNothingPlaced(const TwilioError &error);
    static bool mayRetry(Request request, const TwilioError &error);

    // How long to wait before attempt number `attempt` (2 is the first retry) after `last`
    // failed, `elapsedMs` after the first attempt began; -1 when it is not to be made. The wait
    // is Retry-After when Twilio sent one, else "full jitter": random01 x min(max, base x 2^n).
    int delayBefore(int attempt, Request request, const TwilioError &last, qint64 elapsedMs,
                    double random01) const;

    // Retry-After as delta-seconds or an HTTP date, in milliseconds from `now`; -1 if unusable.
    static int parseRetryAfter(const QByteArray &header, const QDateTime &now);
};

} // namespace flux
