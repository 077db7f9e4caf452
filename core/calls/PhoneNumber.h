// PhoneNumber: the E.164 rule every number in the product is held to.
#pragma once

#include <QRegularExpression>
#include <QString>

namespace flux::PhoneNumber {
// "+" then 2 to 15 digits, the first not 0: ^\+[1-9]\d{1,14}$.
inline bool isE164(const QString &number)
{
    // \A..\z, not ^..$: PCRE's $ also matches before a final newline.
    static const QRegularExpression pattern(QStringLiteral("\\A\\+[1-9][0-9]{1,14}\\z"));
    return pattern.match(number).hasMatch();
}
inline const QString Hint =
    QStringLiteral("use E.164 format: + and the country code, e.g. +14155551234");
} // namespace flux::PhoneNumber
