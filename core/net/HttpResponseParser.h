// HttpResponseParser: reads one HTTP/1.1 answer from a connection's bytes as they arrive: the
// status, the headers that frame it, and the body by Content-Length, by chunks or up to the close.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace flux {

class HttpResponseParser
{
public:
    enum class Progress
    {
        Incomplete, // more bytes are needed
        Complete,   // status() and body() hold the answer
        Failed      // not HTTP, or too big: failure() says why; the connection is unusable
    };
    // An answer bigger than these fails rather than growing without bound: a TwiML document
    // or a status callback's answer is a few KB.
    static constexpr qsizetype MaxHeadBytes = 64 * 1024;
    static constexpr qsizetype MaxBodyBytes = 16 * 1024 * 1024;

    // The next bytes of the connection, in order. Bytes after a complete answer (the request
    // is not pipelined, so nothing may follow it) make keepAlive() false.
    Progress feed(QByteArrayView bytes);
    // The peer closed the connection: completes an answer whose body runs until the close,
    // fails any other unfinished one.
    Progress closed();
    // For the next answer on the same connection.
    void reset() { *this = HttpResponseParser(); }

    Progress progress() const { return m_progress; }
    bool started() const { return m_started; } // a byte of the answer has arrived
    int status() const { return m_status; }
    const QByteArray &body() const { return m_body; }
    // The connection may carry the next request: HTTP/1.1 without `Connection: close` (or 1.0
    // with keep-alive), a framed body, and nothing after it.
    bool keepAlive() const { return m_keepAlive; }
    const QString &failure() const { return m_failure; }

private:
    enum class State
    {
        Head,       // status line and headers, up to the blank line
        Body,       // m_left more bytes by Content-Length
        ChunkSize,  // a chunk's size line
        ChunkData,  // m_left more bytes of a chunk
        ChunkEnd,   // the CRLF after a chunk's data
        Trailers,   // trailer fields after the last chunk, up to the blank line
        UntilClose, // no framing: the body ends with the connection
        Done
    };
    // Takes one line (without its line break) from m_line plus `bytes`; false when the line
    // has not ended yet. `limit` bounds what a line may hold.
    bool takeLine(QByteArrayView &bytes, QByteArray &line, qsizetype limit);
    bool acceptHead();
    bool acceptChunkSize(const QByteArray &line);
    Progress fail(const QString &why);
    Progress complete();

    State m_state = State::Head;
    Progress m_progress = Progress::Incomplete;
    QByteArray m_head;    // the head so far
    QByteArray m_partial; // a chunk size or trailer line so far
    QByteArray m_body;
    qint64 m_left = 0;
    int m_status = 0;
    bool m_started = false;
    bool m_keepAlive = false;
    QString m_failure;
};

} // namespace flux
