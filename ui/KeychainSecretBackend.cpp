#include "KeychainSecretBackend.h"

#include <qt6keychain/keychain.h>

namespace flux {

namespace {

SecretBackend::Answer answerOf(const QKeychain::Job &job)
{
    SecretBackend::Answer answer;
    switch (job.error()) {
    case QKeychain::NoError:
        answer.kind = SecretBackend::Answer::Kind::Done;
        if (const auto *read = qobject_cast<const QKeychain::ReadPasswordJob *>(&job))
            answer.value = read->binaryData();
        break;
    case QKeychain::EntryNotFound:
        answer.kind = SecretBackend::Answer::Kind::NotFound;
        break;
    default:
        // No Secret Service on the bus, a locked keychain the user would not open, ...: for us
        // they all mean the keychain cannot hold the token this time.
        answer.kind = SecretBackend::Answer::Kind::Unavailable;
        answer.problem = job.errorString();
        break;
    }
    return answer;
}

void run(QKeychain::Job *job, QObject *context, const QString &key, SecretBackend::Done done)
{
    job->setAutoDelete(true);
    // Never the plain-text QSettings fallback some QtKeychain builds offer: that is exactly the
    // file the token must stay out of.
    job->setInsecureFallback(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [done](QKeychain::Job *finished) { done(answerOf(*finished)); });
    job->start();
}

} // namespace

KeychainSecretBackend::KeychainSecretBackend(QString service) : m_service(std::move(service)) {}

void KeychainSecretBackend::read(const QString &key, Done done)
{
    run(new QKeychain::ReadPasswordJob(m_service), &m_context, key, std::move(done));
}

void KeychainSecretBackend::write(const QString &key, const QByteArray &value, Done done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setBinaryData(value);
    run(job, &m_context, key, std::move(done));
}

void KeychainSecretBackend::remove(const QString &key, Done done)
{
    run(new QKeychain::DeletePasswordJob(m_service), &m_context, key, std::move(done));
}

} // namespace flux
