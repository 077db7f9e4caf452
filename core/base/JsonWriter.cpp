#include "base/JsonWriter.h"

#include <QChar>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace flux {

namespace {

template <typename Unit> bool isPlain(Unit u)
{
    return u >= 0x20 && u < 0x80 && u != '"' && u != '\\';
}

char *writeEscape(char *cursor, char16_t u)
{
    static constexpr char Hex[] = "0123456789abcdef";
    *cursor++ = '\\';
    switch (u) {
    case u'"':
        *cursor++ = '"';
        break;
    case u'\\':
        *cursor++ = '\\';
        break;
    case u'\b':
        *cursor++ = 'b';
        break;
    case u'\f':
        *cursor++ = 'f';
        break;
    case u'\n':
        *cursor++ = 'n';
        break;
    case u'\r':
        *cursor++ = 'r';
        break;
    case u'\t':
        *cursor++ = 't';
        break;
    default:
        *cursor++ = 'u';
        *cursor++ = Hex[(u >> 12) & 0xf];
        *cursor++ = Hex[(u >> 8) & 0xf];
        *cursor++ = Hex[(u >> 4) & 0xf];
        *cursor++ = Hex[u & 0xf];
    }
    return cursor;
}

// Units are UTF-16 (char16_t) or Latin-1 (uchar), which never holds a surrogate. `before` and
// `after` (none when 0) go on either side of the quotes: a key's comma and colon come with it
// in the one resize, which costs more than the few bytes it makes room for.
template <typename Unit>
void appendQuoted(QByteArray &out, const Unit *src, const Unit *const end, char before = 0,
                  char after = 0)
{
    // Most text here is plain ASCII, a byte a unit: room for that, and for more only once a unit
    // is not, so that the answer's buffer is not grown for room it never uses.
    qsizetype at = out.size();
    out.resize(at + (end - src) + 2 + (before ? 1 : 0) + (after ? 1 : 0));
    char *cursor = out.data() + at;
    if (before)
        *cursor++ = before;
    *cursor++ = '"';
#if defined(__SSE2__)
    if constexpr (sizeof(Unit) == 2) {
        // Eight units at a time while all are plain: the answers' URIs and sids are long runs of
        // them, and a unit at a time was most of the simulator's Call resource. Unsigned 16-bit
        // compares through signed ones on units with their top bit flipped.
        const __m128i flip = _mm_set1_epi16(short(0x8000));
        const __m128i belowSpace = _mm_set1_epi16(short(0x8000 + 0x1f));
        const __m128i nonAscii = _mm_set1_epi16(short(0x8000 + 0x80));
        const __m128i quote = _mm_set1_epi16('"');
        const __m128i backslash = _mm_set1_epi16('\\');
        while (end - src >= 8) {
            const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i *>(src));
            const __m128i flipped = _mm_xor_si128(units, flip);
            const __m128i ascii = _mm_and_si128(_mm_cmpgt_epi16(flipped, belowSpace),
                                                _mm_cmplt_epi16(flipped, nonAscii));
            const __m128i escaped =
                _mm_or_si128(_mm_cmpeq_epi16(units, quote), _mm_cmpeq_epi16(units, backslash));
            if (_mm_movemask_epi8(_mm_andnot_si128(escaped, ascii)) != 0xffff)
                break;
            _mm_storel_epi64(reinterpret_cast<__m128i *>(cursor), _mm_packus_epi16(units, units));
            src += 8;
            cursor += 8;
        }
    }
#endif
    while (src != end && isPlain(*src))
        *cursor++ = char(*src++);
    if (src != end) {
        at = cursor - out.constData();
        out.resize(at + 6 * (end - src) + 2); // at most six bytes a unit (\uxxxx), the quote, after
        cursor = out.data() + at;
        while (src != end) {
            const char16_t u = *src++;
            if (isPlain(u)) {
                *cursor++ = char(u);
            } else if (u < 0x80) {
                cursor = writeEscape(cursor, u);
            } else if (u < 0x800) {
                *cursor++ = char(0xc0 | (u >> 6));
                *cursor++ = char(0x80 | (u & 0x3f));
            } else if (!QChar::isSurrogate(u)) {
                *cursor++ = char(0xe0 | (u >> 12));
                *cursor++ = char(0x80 | ((u >> 6) & 0x3f));
                *cursor++ = char(0x80 | (u & 0x3f));
            } else if (QChar::isHighSurrogate(u) && src != end && QChar::isLowSurrogate(*src)) {
                const char32_t ucs4 = QChar::surrogateToUcs4(u, char16_t(*src++));
                *cursor++ = char(0xf0 | (ucs4 >> 18));
                *cursor++ = char(0x80 | ((ucs4 >> 12) & 0x3f));
                *cursor++ = char(0x80 | ((ucs4 >> 6) & 0x3f));
                *cursor++ = char(0x80 | (ucs4 & 0x3f));
            } else {
                cursor = writeEscape(cursor, u); // no valid UTF-8 for it, as Qt's writer decides
            }
        }
        *cursor++ = '"';
        if (after)
            *cursor++ = after;
        out.resize(cursor - out.constData());
        return;
    }
    *cursor++ = '"';
    if (after)
        *cursor = after; // the buffer's last byte: plain text filled it exactly
}

} // namespace

void JsonWriter::appendString(QByteArray &out, QStringView text)
{
    appendQuoted(out, text.utf16(), text.utf16() + text.size());
}

void JsonWriter::appendString(QByteArray &out, QLatin1String text)
{
    const auto *units = reinterpret_cast<const uchar *>(text.data());
    appendQuoted(out, units, units + text.size());
}

void JsonWriter::beginObject()
{
    m_out += '{';
    m_afterValue = false;
}

void JsonWriter::endObject()
{
    m_out += '}';
    m_afterValue = true;
}

void JsonWriter::key(QLatin1String name)
{
    const auto *units = reinterpret_cast<const uchar *>(name.data());
    appendQuoted(m_out, units, units + name.size(), m_afterValue ? ',' : 0, ':');
    m_afterValue = false;
}

void JsonWriter::key(QStringView name)
{
    appendQuoted(m_out, name.utf16(), name.utf16() + name.size(), m_afterValue ? ',' : 0, ':');
    m_afterValue = false;
}

void JsonWriter::string(QStringView text)
{
    appendString(m_out, text);
    m_afterValue = true;
}

void JsonWriter::string(QLatin1String text)
{
    appendString(m_out, text);
    m_afterValue = true;
}

void JsonWriter::null()
{
    m_out += "null";
    m_afterValue = true;
}

} // namespace flux
