// ConstantTime: comparing secrets (signatures, tokens) without the time taken telling where they
// first differ.
#pragma once

#include <QByteArray>

namespace flux::ConstantTime {

// True when both hold the same bytes. The time depends on the length only, not the contents.
inline bool equals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

} // namespace flux::ConstantTime
