// RequestLimits: how big and how slow a request may be before the server refuses it unread.
#pragma once

#include <QtGlobal>

namespace flux {

struct RequestLimits
{
    // The body, by its Content-Length: more is refused with 413 before a byte of it is read.
    qint64 maxBodyBytes = 64 * 1024; // FLUX_MAX_BODY_BYTES
    // The request line (method, URL, version): longer is refused with 414. The default fits
    // the TwiML URL of the longest task title this server accepts, written in 3-byte UTF-8.
    int maxUrlBytes = 40 * 1024; // FLUX_MAX_URL_BYTES
    // The header fields after the request line: more is refused with 431.
    int maxHeaderBytes = 16 * 1024; // FLUX_MAX_HEADER_BYTES
    // A request (headers and body) must arrive within this long of its first byte, or it is
    // answered 408 and the connection closed; an idle keep-alive connection is closed after it.
    int clientTimeoutMs = 10000; // FLUX_CLIENT_TIMEOUT_MS
    // Open connections per listener; more are closed as soon as they are accepted.
    int maxConnections = 256; // FLUX_MAX_CONNECTIONS

    // The most a socket buffers: one request at its limits plus room for the next one's start.
    qint64 readBufferBytes() const
    {
        return maxUrlBytes + maxHeaderBytes + maxBodyBytes + 64 * 1024;
    }
};

} // namespace flux
