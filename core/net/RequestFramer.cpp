#include "net/RequestFramer.h"

#include "net/HttpSyntax.h"

#include <cctype>
#include <cstring>

namespace flux {

namespace {

const QByteArray HeadEnd = QByteArrayLiteral("\r\n\r\n");

// Where the blank line that ends a head starts, or -1: glibc's memmem, several times faster on
// a head's few hundred bytes than QByteArrayView::indexOf with a four-byte needle.
qsizetype findHeadEnd(QByteArrayView bytes, qsizetype from = 0)
{
    const void *found = ::memmem(bytes.data() + from, size_t(bytes.size() - from), "\r\n\r\n", 4);
    return found ? static_cast<const char *>(found) - bytes.data() : -1;
}

RequestFramer::Refusal badRequest(const QString &why)
{
    return {HttpStatus::BadRequest, why};
}

RequestFramer::Refusal urlTooLong()
{
    return {HttpStatus::UriTooLong, QStringLiteral("URI Too Long")};
}

RequestFramer::Refusal headersTooLarge()
{
    return {HttpStatus::RequestHeaderFieldsTooLarge,
            QStringLiteral("Request Header Fields Too Large")};
}

// Every CR is followed by LF and every LF preceded by CR: a bare one is where parsers disagree
// about where a line ends, so a header could mean one thing here and another to a proxy.
// Byte searches, not a loop over every byte: a head has a dozen line breaks in hundreds of bytes.
bool hasBareLineBreak(QByteArrayView head)
{
    for (qsizetype at = head.indexOf('\n'); at >= 0; at = head.indexOf('\n', at + 1)) {
        if (at == 0 || head.at(at - 1) != '\r')
            return true;
    }
    for (qsizetype at = head.indexOf('\r'); at >= 0; at = head.indexOf('\r', at + 1)) {
        if (at + 1 >= head.size() || head.at(at + 1) != '\n')
            return true;
    }
    return false;
}

// A target or a field value holds no control character (a NUL could end it early for one
// reader and not for another); bytes past ASCII are left to the URL's decoding.
bool hasControl(QByteArrayView text, bool blanksAllowed)
{
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u == 0x7f || (u < 0x20 && !(blanksAllowed && u == '\t')) ||
            (!blanksAllowed && u == ' '))
            return true;
    }
    return false;
}

} // namespace

RequestFramer::Step RequestFramer::feed(QByteArrayView bytes)
{
    Step step;
    const auto refuse = [&](Refusal refusal) {
        m_refused = true;
        m_head.clear();
        m_request = {};
        step.continueWanted = false;
        step.refusal = std::move(refusal);
        return step;
    };
    if (m_refused)
        return refuse(badRequest(QStringLiteral("Bad Request")));

    qsizetype used = 0;
    while (used < bytes.size()) {
        QByteArrayView rest = bytes.sliced(used);
        if (m_state == State::Body) {
            const qint64 taken = std::min<qint64>(m_bodyLeft, rest.size());
            m_request.body.append(rest.first(taken));
            m_bodyLeft -= taken;
            used += taken;
            if (m_bodyLeft == 0) {
                m_state = State::Head;
                step.continueWanted = false;
                step.request = std::exchange(m_request, {});
                break;
            }
            continue;
        }
        // Blank lines before a request line are skipped (RFC 9112 section 2.2).
        if (m_head.isEmpty()) {
            qsizetype skip = 0;
            while (skip < rest.size() && (rest.at(skip) == '\r' || rest.at(skip) == '\n'))
                ++skip;
            used += skip;
            rest = rest.sliced(skip);
            if (rest.isEmpty())
                break;
        }
        // Take no more than the limits leave room for (plus the blank line that ends a head),
        // and search only where the end can be: the last three bytes held plus the new ones,
        // so a head trickled byte by byte costs no more than one sent whole.
        const qsizetype room =
            qsizetype(m_limits.maxUrlBytes) + m_limits.maxHeaderBytes + 8 - m_head.size();
        const QByteArrayView window = rest.first(std::min<qsizetype>(rest.size(), room));
        // A head that arrives whole, as nearly all do, is read where it lies, not copied.
        if (const qsizetype end = m_head.isEmpty() ? findHeadEnd(window) : -1; end >= 0) {
            const qsizetype headSize = end + HeadEnd.size();
            used += headSize;
            if (auto refusal = acceptHead(window.first(headSize)))
                return refuse(*refusal);
        } else {
            const qsizetype searchFrom = std::max<qsizetype>(0, m_head.size() - 3);
            m_head.append(window);
            const qsizetype headEnd = findHeadEnd(m_head, searchFrom);
            if (headEnd < 0) {
                if (auto refusal = checkPartialHead())
                    return refuse(*refusal);
                used += window.size();
                continue;
            }
            const qsizetype headSize = headEnd + HeadEnd.size();
            const qsizetype beyondHead = m_head.size() - headSize; // already in `window`
            used += window.size() - beyondHead;
            m_head.truncate(headSize);
            if (auto refusal = acceptHead(m_head))
                return refuse(*refusal);
            m_head.clear();
        }
        if (m_bodyLeft > 0) {
            m_state = State::Body;
            // Grown as the body arrives past this: a Content-Length alone reserves no more.
            m_request.body.reserve(std::min<qint64>(m_bodyLeft, 16 * 1024));
            step.continueWanted = m_continueWanted;
        } else {
            step.request = std::exchange(m_request, {});
            break;
        }
    }
    step.consumed = used;
    return step;
}

std::optional<RequestFramer::Refusal> RequestFramer::checkPartialHead() const
{
    const qsizetype lineEnd = m_head.indexOf("\r\n");
    if (lineEnd < 0) // the line so far, perhaps with the CR of its CRLF
        return m_head.size() > qsizetype(m_limits.maxUrlBytes) + 1 ? std::optional(urlTooLong())
                                                                   : std::nullopt;
    if (lineEnd > m_limits.maxUrlBytes)
        return urlTooLong();
    // The fields so far, perhaps with part of the blank line that will end them.
    if (m_head.size() - lineEnd - 2 > qsizetype(m_limits.maxHeaderBytes) + 2)
        return headersTooLarge();
    return std::nullopt;
}

std::optional<RequestFramer::Refusal> RequestFramer::acceptRequestLine(QByteArrayView line,
                                                                       bool *http10)
{
    // method SP request-target SP HTTP-version, one space each (RFC 9112 section 3).
    const qsizetype methodEnd = line.indexOf(' ');
    const qsizetype targetEnd = methodEnd > 0 ? line.indexOf(' ', methodEnd + 1) : -1;
    if (targetEnd <= methodEnd + 1)
        return badRequest(QStringLiteral("Malformed request line"));
    const QByteArrayView method = line.first(methodEnd);
    const QByteArrayView target = line.sliced(methodEnd + 1, targetEnd - methodEnd - 1);
    const QByteArrayView version = line.sliced(targetEnd + 1);
    for (const char c : method) {
        if (!HttpSyntax::isTokenChar(c))
            return badRequest(QStringLiteral("Malformed request line"));
    }
    if (hasControl(target, false))
        return badRequest(QStringLiteral("Malformed request target"));
    if (version == "HTTP/1.1") {
        *http10 = false;
    } else if (version == "HTTP/1.0") {
        *http10 = true;
    } else {
        const bool wellFormed = version.size() == 8 && version.startsWith("HTTP/") &&
                                std::isdigit(static_cast<unsigned char>(version.at(5))) &&
                                version.at(6) == '.' &&
                                std::isdigit(static_cast<unsigned char>(version.at(7)));
        if (!wellFormed)
            return badRequest(QStringLiteral("Malformed request line"));
        return Refusal{HttpStatus::HttpVersionNotSupported,
                       QStringLiteral("Only HTTP/1.1 and HTTP/1.0 are served")};
    }
    m_request.method = method.toByteArray();
    m_request.target = target.toByteArray();
    return std::nullopt;
}

std::optional<RequestFramer::Refusal> RequestFramer::acceptHead(QByteArrayView head)
{
    const qsizetype lineEnd = head.indexOf("\r\n");
    if (lineEnd > m_limits.maxUrlBytes)
        return urlTooLong();
    // Every field line with its CRLF, without the blank line that ends the head.
    if (head.size() - lineEnd - 4 > m_limits.maxHeaderBytes)
        return headersTooLarge();
    if (hasBareLineBreak(head))
        return badRequest(QStringLiteral("Lines must end with CRLF"));
    bool http10 = false;
    if (auto refusal = acceptRequestLine(head.first(lineEnd), &http10))
        return refusal;

    std::optional<qint64> length;
    bool close = false;
    bool keepAlive = false;
    m_continueWanted = false;
    m_request.headers.reserve(12);
    const QByteArrayView fields = head.sliced(lineEnd + 2);
    for (qsizetype at = 0; at < fields.size() - 2;) {
        // Every LF ends a CRLF here (bare ones were refused above): a byte search, not a
        // two-byte one, finds the line's end.
        const qsizetype next = fields.indexOf('\n', at) - 1;
        const QByteArrayView line = fields.sliced(at, next - at);
        at = next + 2;
        // A folded line would let a Content-Length hide in a continuation: refuse it (RFC 9112
        // allows that) rather than guess how another reader joins it.
        if (line.startsWith(' ') || line.startsWith('\t'))
            return badRequest(QStringLiteral("Folded header lines are not accepted"));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return badRequest(QStringLiteral("Malformed header line"));
        const QByteArrayView name = line.first(colon);
        for (const char c : name) {
            if (!HttpSyntax::isTokenChar(c))
                return badRequest(QStringLiteral("Malformed header name"));
        }
        const QByteArrayView value = HttpSyntax::trimmed(line.sliced(colon + 1));
        if (hasControl(value, true))
            return badRequest(QStringLiteral("Malformed header value"));
        // Sizes first: most fields are none of these, and a size is cheaper to compare.
        if (name.size() == 17 && HttpSyntax::sameToken(name, "Transfer-Encoding"))
            return Refusal{HttpStatus::LengthRequired,
                           QStringLiteral("Send the body with a Content-Length, not "
                                          "Transfer-Encoding")};
        if (name.size() == 14 && HttpSyntax::sameToken(name, "Content-Length")) {
            if (length)
                return badRequest(QStringLiteral("More than one Content-Length"));
            length = HttpSyntax::parseLength(value, m_limits.maxBodyBytes + 1);
            if (!length)
                return badRequest(QStringLiteral("Invalid Content-Length"));
        } else if (name.size() == 10 && HttpSyntax::sameToken(name, "Connection")) {
            close = close || HttpSyntax::listHas(value, "close");
            keepAlive = keepAlive || HttpSyntax::listHas(value, "keep-alive");
        } else if (name.size() == 6 && HttpSyntax::sameToken(name, "Expect")) {
            // An HTTP/1.0 client cannot know 100 Continue (RFC 9110 section 10.1.1).
            m_continueWanted = !http10 && HttpSyntax::sameToken(value, "100-continue");
        }
        m_request.headers.append({name.toByteArray(), value.toByteArray()});
    }
    if (length && *length > m_limits.maxBodyBytes)
        return Refusal{
            HttpStatus::ContentTooLarge,
            QStringLiteral("Request body larger than %1 bytes").arg(m_limits.maxBodyBytes)};
    m_request.keepAlive = !close && (!http10 || keepAlive);
    m_bodyLeft = length.value_or(0);
    return std::nullopt;
}

} // namespace flux
