// Fuzzes X-Twilio-Signature canonicalisation: input is "URL\nform body\nsignature". A signature
// computed over a URL and parameters must validate against them; anything else must not crash.
#include "twilio/SignatureValidator.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<QByteArray> parts = input.split('\n');
    const QString url = QString::fromUtf8(parts.value(0));
    const QByteArray body = parts.value(1);
    const QByteArray claimed = parts.value(2);
    const flux::FormParams params = flux::FormEncoding::parse(body);
    const QByteArray token = "fuzz-auth-token";

    const flux::SignatureValidator validator(token);
    const QByteArray computed = flux::SignatureValidator::compute(token, url, params);
    if (!validator.isValid(url, params, computed))
        std::abort();
    // Fuzzed signatures and raw bodies: only the absence of crashes and hangs is checked.
    (void)validator.isValid(url, params, claimed);
    (void)validator.isValidBody(url, body, claimed);
    return 0;
}
