// IdempotencyKey: what a client sends to make a request safe to send again, and what the
// store keeps of the first request that carried it.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace flux {

struct IdempotencyKey
{
    QString key;         // as the client sent it
    QString requestHash; // hex SHA-256 of the request it came with
    bool isEmpty() const { return key.isEmpty(); }
};

// The first request with a key: the notification it created and, once it had one, its answer.
struct IdempotentRequest
{
    IdempotencyKey key;
    QString notificationId;
    QDateTime createdAt;
    std::optional<int> status; // none while the first request is being answered
    QByteArray body;
};

} // namespace flux
