// HttpSyntax: the small pieces of HTTP/1.1's grammar (RFC 9110, 9112) that both the server's
// RequestFramer and the simulator's HttpResponseParser read: tokens, lists, lengths.
#pragma once

#include <QByteArrayView>

#include <array>
#include <cstddef>
#include <optional>

namespace flux::HttpSyntax {

// A lookup table of the ASCII letters, digits and the `extra` characters: the character classes
// the grammars are made of (tchar, unreserved), looked up for every byte of every request.
template <std::size_t N> constexpr std::array<bool, 256> alphanumericAnd(const char (&extra)[N])
{
    std::array<bool, 256> table{};
    for (int c = '0'; c <= '9'; ++c)
        table[c] = true;
    for (int c = 'a'; c <= 'z'; ++c)
        table[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c)
        table[c] = true;
    for (std::size_t i = 0; i + 1 < N; ++i) // without the terminating NUL
        table[static_cast<unsigned char>(extra[i])] = true;
    return table;
}

// A tchar: the only bytes a method or a header name may use.
bool isTokenChar(char c);
// Without the blanks (SP, HTAB) around it.
QByteArrayView trimmed(QByteArrayView text);
// Header names and list tokens compare without regard to case.
bool sameToken(QByteArrayView a, QByteArrayView b);
// Content-Length is 1*DIGIT; anything else (signs, blanks, lists) is nullopt, not guessed at.
// Values above `cap` come back as `cap`, before they could overflow: pass the limit plus one to
// tell "over the limit" apart.
std::optional<qint64> parseLength(QByteArrayView text, qint64 cap);

// Calls `each` with every part of `text` between `separator`s (Qt 6.4's view has no split()).
template <typename Each> void forEachPart(QByteArrayView text, char separator, Each each)
{
    for (qsizetype at = text.indexOf(separator); at >= 0; at = text.indexOf(separator)) {
        each(text.first(at));
        text = text.sliced(at + 1);
    }
    each(text);
}

// Whether a comma-separated list (Connection, Expect) holds `token`.
bool listHas(QByteArrayView list, QByteArrayView token);

} // namespace flux::HttpSyntax
