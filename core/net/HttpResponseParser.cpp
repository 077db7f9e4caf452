#include "net/HttpResponseParser.h"

#include "net/HttpSyntax.h"

#include <algorithm>

namespace flux {

namespace {

constexpr qsizetype MaxLineBytes = 8 * 1024; // a chunk size or trailer line

// Where the blank line that ends a head ends, searching from `from`; -1 when not yet. A line
// may end in CRLF or a bare LF (RFC 9112 lets a recipient accept both).
qsizetype headEnd(const QByteArray &head, qsizetype from)
{
    for (qsizetype i = head.indexOf('\n', from); i >= 0; i = head.indexOf('\n', i + 1)) {
        if (i + 1 < head.size() && head.at(i + 1) == '\n')
            return i + 2;
        if (i + 2 < head.size() && head.at(i + 1) == '\r' && head.at(i + 2) == '\n')
            return i + 3;
    }
    return -1;
}

// A line split at its LF may still end in the CR of its CRLF.
QByteArrayView trimmed(QByteArrayView text)
{
    if (text.endsWith('\r'))
        text.chop(1);
    return HttpSyntax::trimmed(text);
}

} // namespace

HttpResponseParser::Progress HttpResponseParser::fail(const QString &why)
{
    m_state = State::Done;
    m_progress = Progress::Failed;
    m_keepAlive = false;
    m_failure = why;
    return m_progress;
}

HttpResponseParser::Progress HttpResponseParser::complete()
{
    m_state = State::Done;
    m_progress = Progress::Complete;
    return m_progress;
}

bool HttpResponseParser::takeLine(QByteArrayView &bytes, QByteArray &line, qsizetype limit)
{
    const qsizetype end = bytes.indexOf('\n');
    if (end < 0 || m_partial.size() + end > limit) {
        m_partial.append(bytes);
        bytes = {};
        if (m_partial.size() > limit)
            fail(QStringLiteral("a chunk line is longer than %1 bytes").arg(limit));
        return false;
    }
    line = std::exchange(m_partial, {});
    line.append(bytes.first(end));
    bytes = bytes.sliced(end + 1);
    if (line.endsWith('\r'))
        line.chop(1);
    return true;
}

HttpResponseParser::Progress HttpResponseParser::feed(QByteArrayView bytes)
{
    if (!bytes.isEmpty())
        m_started = true;
    while (!bytes.isEmpty() && m_progress == Progress::Incomplete) {
        switch (m_state) {
        case State::Head: {
            // Search only where the end can be: the last two bytes held plus the new ones.
            const qsizetype from = std::max<qsizetype>(0, m_head.size() - 2);
            const QByteArrayView window =
                bytes.first(std::min<qsizetype>(bytes.size(), MaxHeadBytes - m_head.size() + 1));
            m_head.append(window);
            const qsizetype end = headEnd(m_head, from);
            if (end < 0) {
                if (m_head.size() > MaxHeadBytes)
                    return fail(
                        QStringLiteral("the answer's head is over %1 bytes").arg(MaxHeadBytes));
                bytes = bytes.sliced(window.size());
                break;
            }
            bytes = bytes.sliced(window.size() - (m_head.size() - end));
            m_head.truncate(end);
            if (!acceptHead())
                return m_progress;
            m_head.clear();
            break;
        }
        case State::Body:
        case State::ChunkData: {
            const qsizetype taken = qsizetype(std::min<qint64>(m_left, bytes.size()));
            m_body.append(bytes.first(taken));
            bytes = bytes.sliced(taken);
            m_left -= taken;
            if (m_left == 0) {
                if (m_state == State::Body)
                    complete();
                else
                    m_state = State::ChunkEnd;
            }
            break;
        }
        case State::ChunkSize:
        case State::ChunkEnd:
        case State::Trailers: {
            QByteArray line;
            if (!takeLine(bytes, line, MaxLineBytes))
                break;
            if (m_state == State::ChunkSize) {
                if (!acceptChunkSize(line))
                    return m_progress;
            } else if (m_state == State::ChunkEnd) {
                if (!line.isEmpty())
                    return fail(QStringLiteral("a chunk is longer than its size says"));
                m_state = State::ChunkSize;
            } else if (line.isEmpty()) {
                complete();
            }
            // Trailer fields are read past: nothing here needs them.
            break;
        }
        case State::UntilClose:
            if (m_body.size() + bytes.size() > MaxBodyBytes)
                return fail(QStringLiteral("the answer's body is over %1 bytes").arg(MaxBodyBytes));
            m_body.append(bytes);
            bytes = {};
            break;
        case State::Done:
            break;
        }
    }
    // Nothing may follow the answer to a request sent alone: what does is not HTTP we can read.
    if (m_progress == Progress::Complete && !bytes.isEmpty())
        m_keepAlive = false;
    return m_progress;
}

HttpResponseParser::Progress HttpResponseParser::closed()
{
    if (m_progress != Progress::Incomplete)
        return m_progress;
    if (m_state == State::UntilClose)
        return complete();
    return fail(m_started ? QStringLiteral("the connection closed in the middle of the answer")
                          : QStringLiteral("the connection closed without an answer"));
}

bool HttpResponseParser::acceptHead()
{
    const QByteArrayView head(m_head);
    const qsizetype firstBreak = head.indexOf('\n');
    // "HTTP/1.x 200 OK": the version, a space, three digits, then a space or nothing.
    const QByteArrayView statusLine = trimmed(head.first(firstBreak));
    if (statusLine.size() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine.at(8) != ' ' ||
        (statusLine.size() > 12 && statusLine.at(12) != ' ')) {
        fail(QStringLiteral("the answer does not start with an HTTP/1 status line"));
        return false;
    }
    const qint64 status = HttpSyntax::parseLength(statusLine.sliced(9, 3), 1000).value_or(-1);
    if (status < 100) {
        fail(QStringLiteral("the answer's status is not a number"));
        return false;
    }
    // An interim answer (100 Continue, 103 Early Hints) comes before the real one.
    if (status < 200 && status != 101) {
        m_state = State::Head;
        return true;
    }
    if (status == 101) {
        fail(QStringLiteral("the server switched protocols"));
        return false;
    }
    const bool http10 = statusLine.at(7) == '0';
    bool close = http10;
    bool chunked = false;
    bool otherCoding = false;
    bool lengthsDisagree = false;
    qint64 length = -1;
    HttpSyntax::forEachPart(head.sliced(firstBreak + 1), '\n', [&](QByteArrayView line) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return; // the blank line at the end, or a line that is no field
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        if (HttpSyntax::sameToken(name, "Content-Length")) {
            const qint64 parsed = HttpSyntax::parseLength(value, MaxBodyBytes + 1).value_or(-1);
            lengthsDisagree = lengthsDisagree || parsed < 0 || (length >= 0 && parsed != length);
            length = parsed;
        } else if (HttpSyntax::sameToken(name, "Transfer-Encoding")) {
            // Only the last coding frames the body; chunked anywhere else is not HTTP/1.1.
            HttpSyntax::forEachPart(value, ',', [&](QByteArrayView coding) {
                chunked = HttpSyntax::sameToken(trimmed(coding), "chunked");
            });
            otherCoding = !chunked;
        } else if (HttpSyntax::sameToken(name, "Connection")) {
            HttpSyntax::forEachPart(value, ',', [&](QByteArrayView token) {
                if (HttpSyntax::sameToken(trimmed(token), "close"))
                    close = true;
                else if (http10 && HttpSyntax::sameToken(trimmed(token), "keep-alive"))
                    close = false;
            });
        }
    });
    if (lengthsDisagree && !chunked && !otherCoding) {
        fail(QStringLiteral("the answer's Content-Length is not one number"));
        return false;
    }
    m_status = int(status);
    m_keepAlive = !close;
    if (status == 204 || status == 304)
        complete();
    else if (chunked)
        m_state = State::ChunkSize;
    else if (otherCoding || length < 0) {
        // No length: the body runs to the close, so the connection cannot carry another request.
        m_state = State::UntilClose;
        m_keepAlive = false;
    } else if (length > MaxBodyBytes) {
        fail(QStringLiteral("the answer's body is over %1 bytes").arg(MaxBodyBytes));
        return false;
    } else if (length == 0) {
        complete();
    } else {
        m_left = length;
        m_body.reserve(qsizetype(length));
        m_state = State::Body;
    }
    return true;
}

bool HttpResponseParser::acceptChunkSize(const QByteArray &line)
{
    // The size in hex, then optional ";extension" parameters, which are ignored.
    QByteArrayView digits = QByteArrayView(line);
    if (const qsizetype semicolon = digits.indexOf(';'); semicolon >= 0)
        digits = digits.first(semicolon);
    digits = trimmed(digits);
    if (digits.isEmpty()) {
        fail(QStringLiteral("a chunk has no size"));
        return false;
    }
    qint64 size = 0;
    for (const char c : digits) {
        const int digit = c >= '0' && c <= '9'   ? c - '0'
                          : c >= 'a' && c <= 'f' ? c - 'a' + 10
                          : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                 : -1;
        if (digit < 0) {
            fail(QStringLiteral("a chunk's size is not hexadecimal"));
            return false;
        }
        size = size * 16 + digit;
        if (m_body.size() + size > MaxBodyBytes) {
            fail(QStringLiteral("the answer's body is over %1 bytes").arg(MaxBodyBytes));
            return false;
        }
    }
    if (size == 0) {
        m_state = State::Trailers;
    } else {
        m_left = size;
        m_state = State::ChunkData;
    }
    return true;
}

} // namespace flux
