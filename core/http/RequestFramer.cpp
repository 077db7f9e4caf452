#include "http/RequestFramer.h"

#include <array>

namespace flux {

namespace {

const QByteArray HeadEnd = QByteArrayLiteral("\r\n\r\n");

RequestFramer::Refusal badRequest(const QString &why)
{
    return {400, why};
}

RequestFramer::Refusal urlTooLong()
{
    return {414, QStringLiteral("URI Too Long")};
}

RequestFramer::Refusal headersTooLarge()
{
    return {431, QStringLiteral("Request Header Fields Too Large")};
}

// RFC 9110 token characters, the only ones a header name may use: a table, as every byte of
// every header name of every request is looked up.
constexpr std::array<bool, 256> TokenChars = [] {
    std::array<bool, 256> table{};
    for (int c = '0'; c <= '9'; ++c)
        table[c] = true;
    for (int c = 'a'; c <= 'z'; ++c)
        table[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c)
        table[c] = true;
    for (const char c :
         {'!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~'})
        table[static_cast<unsigned char>(c)] = true;
    return table;
}();

bool isTokenChar(char c)
{
    return TokenChars[static_cast<unsigned char>(c)];
}

// Every CR is followed by LF and every LF preceded by CR: a bare one is where parsers disagree
// about where a line ends, so a header could mean one thing here and another to Qt.
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

// Content-Length is 1*DIGIT; anything else (signs, spaces, lists) is refused, not guessed at.
// Values above `cap` come back as `cap`, before they could overflow.
std::optional<qint64> parseLength(QByteArrayView text, qint64 cap)
{
    if (text.isEmpty())
        return std::nullopt;
    qint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = std::min(cap, value * 10 + (c - '0'));
    }
    return value;
}

} // namespace

RequestFramer::Step RequestFramer::feed(QByteArrayView bytes)
{
    Step step;
    const auto refuse = [&](Refusal refusal) {
        m_refused = true;
        m_head.clear();
        step.refusal = std::move(refusal);
        return step;
    };
    if (m_refused)
        return refuse(badRequest(QStringLiteral("Bad Request")));

    while (!bytes.isEmpty()) {
        if (m_state == State::Body) {
            const qint64 taken = std::min<qint64>(m_bodyLeft, bytes.size());
            m_bodyLeft -= taken;
            bytes = bytes.sliced(taken);
            if (m_bodyLeft == 0) {
                m_state = State::Head;
                ++step.completed;
            }
            continue;
        }
        // Blank lines before a request line are skipped, as Qt's parser does.
        if (m_head.isEmpty()) {
            qsizetype skip = 0;
            while (skip < bytes.size() && (bytes.at(skip) == '\r' || bytes.at(skip) == '\n'))
                ++skip;
            bytes = bytes.sliced(skip);
            if (bytes.isEmpty())
                break;
        }
        // Take no more than the limits leave room for (plus the blank line that ends a head),
        // and search only where the end can be: the last three bytes held plus the new ones,
        // so a head trickled byte by byte costs no more than one sent whole.
        const qsizetype room =
            qsizetype(m_limits.maxUrlBytes) + m_limits.maxHeaderBytes + 8 - m_head.size();
        const QByteArrayView window = bytes.first(std::min<qsizetype>(bytes.size(), room));
        const qsizetype searchFrom = std::max<qsizetype>(0, m_head.size() - 3);
        m_head.append(window);
        const qsizetype end = m_head.indexOf(HeadEnd, searchFrom);
        if (end < 0) {
            if (auto refusal = checkPartialHead())
                return refuse(*refusal);
            bytes = bytes.sliced(window.size());
            continue;
        }
        const qsizetype headSize = end + HeadEnd.size();
        const qsizetype beyondHead = m_head.size() - headSize; // already in `window`
        bytes = bytes.sliced(window.size() - beyondHead);
        m_head.truncate(headSize);
        if (auto refusal = acceptHead(m_head))
            return refuse(*refusal);
        m_head.clear();
        if (m_bodyLeft > 0)
            m_state = State::Body;
        else
            ++step.completed;
    }
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

std::optional<RequestFramer::Refusal> RequestFramer::acceptHead(const QByteArray &head)
{
    const qsizetype lineEnd = head.indexOf("\r\n");
    if (lineEnd > m_limits.maxUrlBytes)
        return urlTooLong();
    // Every field line with its CRLF, without the blank line that ends the head.
    if (head.size() - lineEnd - 4 > m_limits.maxHeaderBytes)
        return headersTooLarge();
    if (hasBareLineBreak(head))
        return badRequest(QStringLiteral("Lines must end with CRLF"));

    std::optional<qint64> length;
    const QByteArrayView fields = QByteArrayView(head).sliced(lineEnd + 2);
    for (qsizetype at = 0; at < fields.size() - 2;) {
        // Every LF ends a CRLF here (bare ones were refused above): a byte search, not a
        // two-byte one, finds the line's end.
        const qsizetype next = fields.indexOf('\n', at) - 1;
        const QByteArrayView line = fields.sliced(at, next - at);
        at = next + 2;
        // A folded line would let a Content-Length hide in a continuation: refuse it (RFC 9112
        // allows that) rather than guess how Qt's parser joins it.
        if (line.startsWith(' ') || line.startsWith('\t'))
            return badRequest(QStringLiteral("Folded header lines are not accepted"));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return badRequest(QStringLiteral("Malformed header line"));
        const QByteArrayView name = line.first(colon);
        for (const char c : name) {
            if (!isTokenChar(c))
                return badRequest(QStringLiteral("Malformed header name"));
        }
        if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
            return Refusal{411, QStringLiteral("Send the body with a Content-Length, not "
                                               "Transfer-Encoding")};
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            if (length)
                return badRequest(QStringLiteral("More than one Content-Length"));
            length = parseLength(line.sliced(colon + 1).trimmed(), m_limits.maxBodyBytes + 1);
            if (!length)
                return badRequest(QStringLiteral("Invalid Content-Length"));
        }
    }
    if (length && *length > m_limits.maxBodyBytes)
        return Refusal{
            413, QStringLiteral("Request body larger than %1 bytes").arg(m_limits.maxBodyBytes)};
    m_bodyLeft = length.value_or(0);
    return std::nullopt;
}

} // namespace flux
