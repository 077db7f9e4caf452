// SecretStore: the Twilio auth token, kept in the OS keychain, or in memory for this run when
// there is none.
#pragma once

#include "SecretBackend.h"

#include <QByteArray>
#include <QObject>

#include <memory>

class QEventLoop;

namespace flux {

class SecretStore : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 3000;

    // The caller picks the backend: KeychainSecretBackend in the app, MemorySecretBackend in tests.
    explicit SecretStore(std::unique_ptr<SecretBackend> backend, QObject *parent = nullptr);
    ~SecretStore() override;

    // Reads the stored token, spinning a local event loop for at most `timeoutMs`: start-up needs
    // it before the configuration can be loaded. A keychain that fails or stays silent makes the
    // store unavailable; should it answer later, availableChanged(true) says so and its token is
    // taken unless one was set meanwhile.
    void loadToken(int timeoutMs = DefaultTimeoutMs);

    QByteArray token() const { return m_token; }
    bool hasToken() const { return !m_token.isEmpty(); }
    // Takes effect at once for this run; the keychain is written in the background. An empty
    // token removes the stored one.
    void setToken(const QByteArray &token);

    // False once the keychain has failed (until it next succeeds): the token is then kept in
    // memory for this run only. `problem` says why, in the keychain's words.
    bool available() const { return m_available; }
    QString problem() const { return m_problem; }

Q_SIGNALS:
    void availableChanged(bool available);
    // After a write or removal has reached the backend, or failed to.
    void tokenSaved(bool keptInKeychain);

private:
    void noteAnswer(const SecretBackend::Answer &answer);

    std::unique_ptr<SecretBackend> m_backend;
    QByteArray m_token;
    bool m_tokenSet = false; // set by setToken() (or a load), so a late read must not replace it
    bool m_available = true;
    QString m_problem;
    QEventLoop *m_waiting = nullptr;
    int m_loadAttempts = 0;
    int m_loadAnswered = 0;
};

} // namespace flux
