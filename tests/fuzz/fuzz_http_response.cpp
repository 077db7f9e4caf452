// Fuzzes HttpResponseParser: every answer an app (or whatever listens at a webhook URL) sends
// the simulator. Read whole or split where the input's first byte says, it must come out the
// same: a network may split an answer anywhere.
#include "net/HttpResponseParser.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray wire(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const qsizetype split = wire.isEmpty() ? 0 : data[0] % (wire.size() + 1);

    flux::HttpResponseParser whole;
    whole.feed(wire);
    whole.closed();
    flux::HttpResponseParser parts;
    parts.feed(QByteArrayView(wire).first(split));
    parts.feed(QByteArrayView(wire).sliced(split));
    parts.closed();
    if (whole.progress() != parts.progress())
        std::abort();
    if (whole.progress() == flux::HttpResponseParser::Progress::Complete &&
        (whole.status() != parts.status() || whole.body() != parts.body() ||
         whole.keepAlive() != parts.keepAlive()))
        std::abort();
    if (whole.body().size() > flux::HttpResponseParser::MaxBodyBytes)
        std::abort();
    return 0;
}
