// HttpSyntax: the small pieces of HTTP/1.1's grammar (RFC 9110, 9112) that both the server's
// RequestFramer and the simulator's HttpResponseParser read: tokens, lists, lengths.
#pragma once

#include <QByteArrayView>

#include <optional>

namespace flux::HttpSyntax {

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
