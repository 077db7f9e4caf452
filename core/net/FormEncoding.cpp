#include "net/FormEncoding.h"

#include "net/HttpSyntax.h"

#include <QVarLengthArray>

#include <array>

namespace flux::FormEncoding {

namespace {
int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// By hand, not QUrl::fromPercentEncoding: Qt decodes "%zz" into a byte of its own making, while
// Python's parse_qsl (what Twilio's SDK users see) keeps a '%' not followed by two hex digits.
QString decodeComponent(QByteArrayView part)
{
    // Most names and many values have nothing to decode: straight to UTF-16.
    if (!part.contains('%') && !part.contains('+'))
        return QString::fromUtf8(part);
    QVarLengthArray<char, 256> bytes(part.size());
    qsizetype size = 0;
    for (qsizetype i = 0; i < part.size(); ++i) {
        const char c = part.at(i);
        int high = -1;
        int low = -1;
        if (c == '%' && i + 2 < part.size()) {
            high = hexValue(part.at(i + 1));
            low = hexValue(part.at(i + 2));
        }
        if (c == '+') {
            bytes[size++] = ' ';
        } else if (high >= 0 && low >= 0) {
            bytes[size++] = static_cast<char>(high * 16 + low);
            i += 2;
        } else {
            bytes[size++] = c;
        }
    }
    return QString::fromUtf8(QByteArrayView(bytes.data(), size));
}
} // namespace

FormParams parse(const QByteArray &body)
{
    FormParams params;
    if (body.isEmpty())
        return params;
    params.reserve(body.count('&') + 1);
    QByteArrayView rest(body);
    while (!rest.isEmpty()) {
        const qsizetype amp = rest.indexOf('&');
        const QByteArrayView pair = amp < 0 ? rest : rest.first(amp);
        rest = amp < 0 ? QByteArrayView() : rest.sliced(amp + 1);
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QByteArrayView name = eq < 0 ? pair : pair.first(eq);
        const QByteArrayView val = eq < 0 ? QByteArrayView() : pair.sliced(eq + 1);
        params.append({decodeComponent(name), decodeComponent(val)});
    }
    return params;
}

namespace {
// RFC 3986's unreserved characters, the only bytes quote_plus leaves as they are.
constexpr std::array<bool, 256> Unreserved = HttpSyntax::alphanumericAnd("-._~");

// By a table, not QUrl::toPercentEncoding and a replace(): the same bytes (TestFormEncoding
// compares), at a fraction of the cost, for every webhook the simulator sends and every create.
void appendComponent(QByteArray &out, const QString &text)
{
    static constexpr char Hex[] = "0123456789ABCDEF";
    // Written through a pointer into room made once (at most nine bytes per UTF-16 unit: three
    // UTF-8 bytes, each "%XX"), not one QByteArray::append per byte, and ASCII is read straight
    // from the UTF-16; the first other character sends the rest through toUtf8(), so surrogates
    // come out exactly as before.
    const qsizetype start = out.size();
    out.resize(start + text.size() * 9);
    char *to = out.data() + start;
    const auto put = [&to](unsigned char byte) {
        if (Unreserved[byte]) {
            *to++ = char(byte);
        } else if (byte == ' ') {
            *to++ = '+';
        } else {
            *to++ = '%';
            *to++ = Hex[byte >> 4];
            *to++ = Hex[byte & 0xf];
        }
    };
    const char16_t *units = reinterpret_cast<const char16_t *>(text.constData());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (units[i] < 0x80) {
            put(static_cast<unsigned char>(units[i]));
            continue;
        }
        const QByteArray rest = QStringView(text).sliced(i).toUtf8();
        for (const char c : rest)
            put(static_cast<unsigned char>(c));
        break;
    }
    out.truncate(to - out.constData());
}
} // namespace

QByteArray encodeComponent(const QString &text)
{
    QByteArray encoded; // appendComponent makes its own room
    appendComponent(encoded, text);
    return encoded;
}

QByteArray encode(const FormParams &params)
{
    // Room for the worst case (appendComponent's nine bytes per unit), so no component's room
    // reallocates what came before it; the unused tail is only capacity.
    qsizetype worst = 0;
    for (const auto &[name, val] : params)
        worst += (name.size() + val.size()) * 9 + 2;
    QByteArray out;
    out.reserve(worst);
    for (const auto &[name, val] : params) {
        if (!out.isEmpty())
            out += '&';
        appendComponent(out, name);
        out += '=';
        appendComponent(out, val);
    }
    return out;
}

QString value(const FormParams &params, const QString &name)
{
    for (const auto &pair : params) {
        if (pair.first == name)
            return pair.second;
    }
    return {};
}

bool contains(const FormParams &params, const QString &name)
{
    for (const auto &pair : params) {
        if (pair.first == name)
            return true;
    }
    return false;
}

} // namespace flux::FormEncoding
