#include "net/RequestTarget.h"

#include <QUrl>

#include <array>

namespace flux {

namespace {

// The bytes QUrl leaves as they are, in a path it decodes and in a query it re-encodes: printable
// ASCII without '%' (an escape QUrl may decode or re-case) and '#' (a fragment). A query also
// loses the characters QUrl percent-encodes there. Measured against QUrl for every byte, and
// TestRequestTarget keeps comparing.
constexpr std::array<bool, 256> plainTable(bool query)
{
    std::array<bool, 256> table{};
    for (int c = 0x21; c < 0x7f; ++c)
        table[c] = true;
    table['%'] = false;
    table['#'] = false;
    if (query) {
        for (const char c : {'"', '<', '>', '\\', '^', '`', '{', '|', '}'})
            table[static_cast<unsigned char>(c)] = false;
    }
    return table;
}
constexpr std::array<bool, 256> PlainInPath = plainTable(false);
constexpr std::array<bool, 256> PlainInQuery = plainTable(true);

bool allPlain(QByteArrayView text, const std::array<bool, 256> &table)
{
    for (const char c : text) {
        if (!table[static_cast<unsigned char>(c)])
            return false;
    }
    return true;
}

RequestTarget fromUrl(const QUrl &url)
{
    return {url.path(), url.query(QUrl::FullyEncoded)};
}

} // namespace

RequestTarget RequestTarget::parse(QByteArrayView target)
{
    // The common case, every webhook and API call: an origin-form target ("/path?query") of
    // plain bytes, which QUrl would hand back unchanged. Anything else goes through QUrl.
    const qsizetype mark = target.indexOf('?');
    const QByteArrayView path = mark < 0 ? target : target.first(mark);
    const QByteArrayView query = mark < 0 ? QByteArrayView() : target.sliced(mark + 1);
    if (path.startsWith('/') && allPlain(path, PlainInPath) && allPlain(query, PlainInQuery))
        return {QString::fromLatin1(path), QString::fromLatin1(query)};
    return parseWithQUrl(target);
}

RequestTarget RequestTarget::parseWithQUrl(QByteArrayView target)
{
    // An origin-form target ("/path?query") is read behind an authority, so that "//a/b" stays
    // a path, as Qt's own HTTP server kept it, and is not read as host "a". An absolute-form
    // target ("http://host/path") brings its own.
    if (target.startsWith('/'))
        return fromUrl(QUrl::fromEncoded("http://127.0.0.1" + target.toByteArray()));
    QUrl url = QUrl::fromEncoded(target.toByteArray());
    url.setAuthority(QStringLiteral("127.0.0.1"));
    return fromUrl(url);
}

} // namespace flux
