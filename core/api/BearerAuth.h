// BearerAuth: checks "Authorization: Bearer <token>" against the scripted API's token.
#pragma once

#include <QByteArray>

namespace flux {

class BearerAuth
{
public:
    enum class Outcome
    {
        Accepted,
        Missing, // no Authorization header, or not a Bearer one
        Wrong
    };
    // A token a person can set: visible ASCII (no spaces, so it fits a header unquoted),
    // long enough not to be guessed.
    static constexpr int MinTokenLength = 16;
    static constexpr int MaxTokenLength = 512;
    static bool isUsableToken(const QByteArray &token);

    // With no token every request is refused: the API fails closed.
    explicit BearerAuth(const QByteArray &token = {});

    // Compares SHA-256 digests in constant time, so the time taken tells nothing about the
    // token's content or length.
    Outcome check(const QByteArray &authorizationHeader) const;

private:
    QByteArray m_digest;
};

} // namespace flux
