#include "http/HttpSyntax.h"

#include <algorithm>
#include <array>

namespace flux::HttpSyntax {

namespace {

// A table, as every byte of every method and header name of every request is looked up.
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
