#include "MemorySecretBackend.h"

#include <QMetaObject>

namespace flux {

void MemorySecretBackend::answer(Done done, Answer answer)
{
    if (!m_available)
        answer = {Answer::Kind::Unavailable, {}, QStringLiteral("no keychain in this session")};
    QMetaObject::invokeMethod(
        &m_context, [done, answer] { done(answer); }, Qt::QueuedConnection);
}

void MemorySecretBackend::read(const QString &key, Done done)
{
    if (m_available && m_entries.contains(key))
        return answer(std::move(done), {Answer::Kind::Done, m_entries.value(key), {}});
    answer(std::move(done), {Answer::Kind::NotFound, {}, {}});
}

void MemorySecretBackend::write(const QString &key, const QByteArray &value, Done done)
{
    if (m_available)
        m_entries.insert(key, value);
    answer(std::move(done), {});
}

void MemorySecretBackend::remove(const QString &key, Done done)
{
    const bool found = m_available && m_entries.remove(key) > 0;
    answer(std::move(done), {found ? Answer::Kind::Done : Answer::Kind::NotFound, {}, {}});
}

} // namespace flux
