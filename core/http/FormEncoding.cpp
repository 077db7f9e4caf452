#include "http/FormEncoding.h"

#include <QUrl>

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
QString decodeComponent(const QByteArray &part)
{
    QByteArray bytes;
    bytes.reserve(part.size());
    for (qsizetype i = 0; i < part.size(); ++i) {
        const char c = part.at(i);
        if (c == '+') {
            bytes += ' ';
        } else if (c == '%' && i + 2 < part.size() && hexValue(part.at(i + 1)) >= 0 &&
                   hexValue(part.at(i + 2)) >= 0) {
            bytes += static_cast<char>(hexValue(part.at(i + 1)) * 16 + hexValue(part.at(i + 2)));
            i += 2;
        } else {
            bytes += c;
        }
    }
    return QString::fromUtf8(bytes);
}
} // namespace

FormParams parse(const QByteArray &body)
{
    FormParams params;
    if (body.isEmpty())
        return params;
    for (const QByteArray &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QByteArray name = eq < 0 ? pair : pair.left(eq);
        const QByteArray val = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        params.append({decodeComponent(name), decodeComponent(val)});
    }
    return params;
}

QByteArray encodeComponent(const QString &text)
{
    QByteArray encoded = QUrl::toPercentEncoding(text, QByteArrayLiteral(" "));
    encoded.replace(' ', '+');
    return encoded;
}

QByteArray encode(const FormParams &params)
{
    QByteArray out;
    for (const auto &[name, val] : params) {
        if (!out.isEmpty())
            out += '&';
        out += encodeComponent(name) + '=' + encodeComponent(val);
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
