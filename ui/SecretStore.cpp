#include "SecretStore.h"

#include "UiLog.h"

#include <QEventLoop>
#include <QTimer>

namespace flux {

SecretStore::SecretStore(std::unique_ptr<SecretBackend> backend, QObject *parent)
    : QObject(parent), m_backend(std::move(backend))
{}

// Destroying the backend first drops any answer still on its way.
SecretStore::~SecretStore() = default;

void SecretStore::noteAnswer(const SecretBackend::Answer &answer)
{
    const bool available = answer.kind != SecretBackend::Answer::Kind::Unavailable;
    m_problem = available ? QString() : answer.problem;
    if (available == m_available)
        return;
    m_available = available;
    if (available)
        qCInfo(lcUi) << "the system keychain is available again";
    else
        qCWarning(lcUi).noquote() << u"the system keychain is not available (" + answer.problem +
                                         u"): the auth token is kept for this run only";
    Q_EMIT availableChanged(available);
}

void SecretStore::loadToken(int timeoutMs)
{
    QEventLoop loop;
    m_waiting = &loop;
    const int attempt = ++m_loadAttempts;
    m_backend->read(Keychain::AuthTokenKey, [this, attempt](const SecretBackend::Answer &answer) {
        noteAnswer(answer);
        if (answer.kind == SecretBackend::Answer::Kind::Done && !m_tokenSet) {
            m_token = answer.value;
            m_tokenSet = true;
        }
        // A late answer to an earlier attempt must not end a later wait.
        if (attempt == m_loadAttempts) {
            m_loadAnswered = attempt;
            if (m_waiting)
                m_waiting->quit();
        }
    });
    if (m_loadAnswered != attempt) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    m_waiting = nullptr;
    if (m_loadAnswered != attempt)
        noteAnswer({SecretBackend::Answer::Kind::Unavailable,
                    {},
                    tr("no answer within %1 s").arg(timeoutMs / 1000.0)});
}

void SecretStore::setToken(const QByteArray &token)
{
    m_token = token;
    m_tokenSet = true;
    const auto done = [this](const SecretBackend::Answer &answer) {
        noteAnswer(answer);
        Q_EMIT tokenSaved(answer.kind != SecretBackend::Answer::Kind::Unavailable);
    };
    if (token.isEmpty())
        m_backend->remove(Keychain::AuthTokenKey, done);
    else
        m_backend->write(Keychain::AuthTokenKey, token, done);
}

} // namespace flux
