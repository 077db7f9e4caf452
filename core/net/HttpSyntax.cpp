#include "net/HttpSyntax.h"

#include <algorithm>

namespace flux::HttpSyntax {

namespace {

// RFC 9110's tchar.
constexpr std::array<bool, 256> TokenChars = alphanumericAnd("!#$%&'*+-.^_`|~");

} // namespace

bool isTokenChar(char c)
{
    return TokenChars[static_cast<unsigned char>(c)];
}

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

bool sameToken(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

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

bool listHas(QByteArrayView list, QByteArrayView token)
{
    bool found = false;
    forEachPart(list, ',',
                [&](QByteArrayView part) { found = found || sameToken(trimmed(part), token); });
    return found;
}

} // namespace flux::HttpSyntax
