// FormEncoding: application/x-www-form-urlencoded bodies, read and written as Twilio's SDKs do.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace flux {

// Ordered name/value pairs; a name may repeat (StatusCallbackEvent does).
using FormParams = QList<QPair<QString, QString>>;

namespace FormEncoding {
// Decodes `a=1&b=%2B2&c=x+y`; '+' is a space. Malformed escapes are kept literally.
FormParams parse(const QByteArray &body);
// Encodes like Python's urlencode (quote_plus): unreserved kept, space as '+', rest %XX.
QByteArray encode(const FormParams &params);
QByteArray encodeComponent(const QString &text);
// First value for a name, or an empty string.
QString value(const FormParams &params, const QString &name);
bool contains(const FormParams &params, const QString &name);
} // namespace FormEncoding

} // namespace flux
