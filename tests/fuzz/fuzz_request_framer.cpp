// Fuzzes RequestFramer and RequestTarget: every byte any client sends the server. However the
// bytes are split into reads, the same requests (or the same refusal) must come out, each
// within the limits, and every target must read as QUrl reads it.
#include "net/RequestFramer.h"
#include "net/RequestTarget.h"

#include <cstdint>
#include <cstdlib>

namespace {

struct Outcome
{
    QList<flux::RequestFramer::Request> requests;
    int refusal = 0;
};

bool same(const QList<flux::RequestFramer::Request> &a,
          const QList<flux::RequestFramer::Request> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].method != b[i].method || a[i].target != b[i].target ||
            a[i].headers != b[i].headers || a[i].body != b[i].body ||
            a[i].keepAlive != b[i].keepAlive)
            return false;
    }
    return true;
}

flux::RequestLimits smallLimits()
{
    flux::RequestLimits limits;
    limits.maxBodyBytes = 64;
    limits.maxUrlBytes = 96;
    limits.maxHeaderBytes = 256;
    return limits;
}

// Feeds `input` in reads of the sizes `cuts` gives in turn (cycling), as a connection would.
Outcome frame(QByteArrayView input, QByteArrayView cuts)
{
    flux::RequestFramer framer(smallLimits());
    Outcome outcome;
    qsizetype cut = 0;
    while (!input.isEmpty()) {
        const qsizetype size =
            cuts.isEmpty()
                ? input.size()
                : std::min<qsizetype>(input.size(),
                                      1 + static_cast<unsigned char>(cuts.at(cut++ % cuts.size())));
        QByteArrayView read = input.first(size);
        input = input.sliced(size);
        while (!read.isEmpty()) {
            auto step = framer.feed(read);
            if (step.refusal) {
                outcome.refusal = int(step.refusal->status);
                return outcome;
            }
            if (step.consumed <= 0 || step.consumed > read.size())
                std::abort();
            if (step.request)
                outcome.requests.append(std::move(*step.request));
            read = read.sliced(step.consumed);
        }
    }
    return outcome;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // The first bytes choose the read sizes; the rest is what the client sent.
    const QByteArrayView all(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype cutBytes = all.isEmpty() ? 0 : static_cast<unsigned char>(all.at(0)) % 8;
    if (all.size() < 1 + cutBytes)
        return 0;
    const QByteArrayView cuts = all.sliced(1, cutBytes);
    const QByteArrayView input = all.sliced(1 + cutBytes);

    const Outcome whole = frame(input, {});
    const Outcome pieces = frame(input, cuts);
    const Outcome bytewise = frame(input, QByteArrayView("\0", 1));
    if (!same(whole.requests, pieces.requests) || !same(whole.requests, bytewise.requests) ||
        whole.refusal != pieces.refusal || whole.refusal != bytewise.refusal)
        std::abort();
    const flux::RequestLimits limits = smallLimits();
    for (const flux::RequestFramer::Request &request : whole.requests) {
        if (request.body.size() > limits.maxBodyBytes || request.method.isEmpty() ||
            request.target.isEmpty())
            std::abort();
        const flux::RequestTarget quick = flux::RequestTarget::parse(request.target);
        const flux::RequestTarget qurl = flux::RequestTarget::parseWithQUrl(request.target);
        if (quick.path != qurl.path || quick.rawQuery != qurl.rawQuery)
            std::abort();
    }
    return 0;
}
