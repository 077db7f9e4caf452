// MemorySecretBackend: secrets in memory, as a keychain that works or one that is not there.
#pragma once

#include "SecretBackend.h"

#include <QHash>
#include <QObject>

namespace flux {

// Answers later on the event loop, like the real keychain, so callers take the same paths.
class MemorySecretBackend : public SecretBackend
{
public:
    // `available` false: every request fails, as when there is no keychain at all.
    explicit MemorySecretBackend(QHash<QString, QByteArray> entries = {}, bool available = true)
        : m_available(available), m_entries(std::move(entries))
    {}

    void read(const QString &key, Done done) override;
    void write(const QString &key, const QByteArray &value, Done done) override;
    void remove(const QString &key, Done done) override;

    // What is stored, for tests to look at.
    QHash<QString, QByteArray> entries() const { return m_entries; }

private:
    void answer(Done done, Answer answer);

    bool m_available;
    QHash<QString, QByteArray> m_entries;
    QObject m_context;
};

} // namespace flux
