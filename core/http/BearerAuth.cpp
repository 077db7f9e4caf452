#include "http/BearerAuth.h"

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
    const QByteArray theirs = digest(presented);
    unsigned char difference = 0;
    for (qsizetype i = 0; i < m_digest.size(); ++i)
        difference |= static_cast<unsigned char>(m_digest.at(i) ^ theirs.at(i));
    return difference == 0 ? Outcome::Accepted : Outcome::Wrong;
}

} // namespace flux
