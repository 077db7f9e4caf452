// Fuzzes TwimlDocument::parse: the TwiML the simulator reads from an app, any bytes. A document
// it accepts, written back out, must read back the same.
#include "twilio/TwimlDocument.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray xml(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = flux::TwimlDocument::parse(xml);
    if (!parsed)
        return 0;
    const auto again = flux::TwimlDocument::parse(flux::TwimlDocument::write(parsed.value()));
    if (!again || flux::TwimlDocument::canonical(again.value()) !=
                      flux::TwimlDocument::canonical(parsed.value()))
        std::abort();
    return 0;
}
