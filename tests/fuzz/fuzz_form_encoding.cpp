// Fuzzes FormEncoding::parse: every webhook body Twilio (or anyone) sends. What it reads must
// survive being written and read again unchanged, as signatures depend on exact values.
#include "net/FormEncoding.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const flux::FormParams params = flux::FormEncoding::parse(body);
    if (flux::FormEncoding::parse(flux::FormEncoding::encode(params)) != params)
        std::abort();
    return 0;
}
