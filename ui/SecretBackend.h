// SecretBackend: where SecretStore keeps secrets (the OS keychain, or memory), behind one small
// API.
#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

namespace flux {

// The names the token is filed under in the OS keychain.
namespace Keychain {
inline const QString Service = QStringLiteral("flux-calldesk");
inline const QString AuthTokenKey = QStringLiteral("twilio-auth-token");
} // namespace Keychain

class SecretBackend
{
public:
    struct Answer
    {
        enum class Kind
        {
            Done,       // read: `value` holds the secret; write, remove: it is done
            NotFound,   // read or remove: nothing is stored under the key
            Unavailable // no keychain, or it refused: `problem` says why (never the secret)
        };
        Kind kind = Kind::Done;
        QByteArray value;
        QString problem;
    };
    using Done = std::function<void(const Answer &)>;

    virtual ~SecretBackend() = default;

    // Each answers exactly once through `done`, later, on the calling thread's event loop; never
    // after the backend is destroyed.
    virtual void read(const QString &key, Done done) = 0;
    virtual void write(const QString &key, const QByteArray &value, Done done) = 0;
    virtual void remove(const QString &key, Done done) = 0;
};

} // namespace flux
