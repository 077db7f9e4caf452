// Fuzzes RetryPolicy::parseRetryAfter: the Retry-After header of Twilio's (or a proxy's) error
// answers. The wait read is never negative nor over a day, and the policy never waits past its
// budget whatever the header says.
#include "twilio/RetryPolicy.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QDateTime now(QDate(2026, 11, 25), QTime(19, 31, 44), Qt::UTC);
    const QByteArray header(reinterpret_cast<const char *>(data), qsizetype(size));
    const int ms = flux::RetryPolicy::parseRetryAfter(header, now);
    if (ms < -1 || ms > 24 * 3600 * 1000)
        std::abort();
    const flux::RetryPolicy policy;
    flux::TwilioError limited;
    limited.httpStatus = 429;
    limited.code = 20429;
    limited.retryAfterMs = ms;
    const int wait =
        policy.delayBefore(2, flux::RetryPolicy::Request::Create, limited, 0, double(size % 7) / 6);
    if (wait >= policy.budgetMs)
        std::abort();
    return 0;
}
