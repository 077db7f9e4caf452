#include "api/BearerAuth.h"

#include "base/ConstantTime.h"

#include <QCryptographicHash>

namespace flux {

namespace {
QByteArray digest(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}
} // namespace

bool BearerAuth::isUsableToken(const QByteArray &token)
{
    if (token.size() < MinTokenLength || token.size() > MaxTokenLength)
        return false;
    for (const char c : token) {
        if (c < 0x21 || c > 0x7e)
            return false;
    }
    return true;
}

BearerAuth::BearerAuth(const QByteArray &token)
    : m_digest(token.isEmpty() ? QByteArray() : digest(token))
{}

BearerAuth::Outcome BearerAuth::check(const QByteArray &authorizationHeader) const
{
    const QByteArray header = authorizationHeader.trimmed();
    const qsizetype space = header.indexOf(' ');
    if (space < 0 || header.left(space).compare("Bearer", Qt::CaseInsensitive) != 0)
        return Outcome::Missing;
    const QByteArray presented = header.mid(space + 1).trimmed();
    if (presented.isEmpty())
        return Outcome::Missing;
    if (m_digest.isEmpty())
        return Outcome::Wrong;
    // Digests of equal length, so the time tells neither the token's contents nor its length.
    return ConstantTime::equals(m_digest, digest(presented)) ? Outcome::Accepted : Outcome::Wrong;
}

} // namespace flux
