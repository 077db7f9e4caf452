// KeychainSecretBackend: secrets in the OS keychain through QtKeychain (Secret Service on Linux).
#pragma once

#include "SecretBackend.h"

#include <QObject>

namespace flux {

class KeychainSecretBackend : public SecretBackend
{
public:
    // `service` names the entries' owner; tests pass their own so they never touch the real one.
    explicit KeychainSecretBackend(QString service = Keychain::Service);

    void read(const QString &key, Done done) override;
    void write(const QString &key, const QByteArray &value, Done done) override;
    void remove(const QString &key, Done done) override;

private:
    QString m_service;
    // Jobs report to this object, so an answer arriving after we are gone goes nowhere.
    QObject m_context;
};

} // namespace flux
