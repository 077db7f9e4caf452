#include "http/FormEncoding.h"

#include <QUrl>

namespace flux::FormEncoding {

namespace {
QString decodeComponent(QByteArray part)
{
    part.replace('+', ' ');
    return QUrl::fromPercentEncoding(part);
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
