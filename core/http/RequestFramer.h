// RequestFramer: follows the bytes of one HTTP/1.1 connection, finds where each request ends
// and refuses one that breaks the RequestLimits before Qt's parser has seen it whole.
#pragma once

#include "http/RequestLimits.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace flux {

class RequestFramer
{
public:
    struct Refusal
    {
        int status;     // 400, 411, 413, 414 or 431
        QString detail; // for the {"detail": ...} answer; never echoes the request
    };
    struct Step
    {
        int completed = 0; // requests whose last byte was in the bytes fed
        std::optional<Refusal> refusal;
    };

    explicit RequestFramer(const RequestLimits &limits) : m_limits(limits) {}

    // The next bytes of the connection, in order. After a refusal the framer stays refused.
    Step feed(QByteArrayView bytes);
    // Between requests: no byte of the next one has arrived.
    bool idle() const { return !m_refused && m_state == State::Head && m_head.isEmpty(); }

private:
    enum class State
    {
        Head,
        Body
    };
    // Checks a complete head; sets m_bodyLeft from its Content-Length.
    std::optional<Refusal> acceptHead(const QByteArray &head);
    std::optional<Refusal> checkPartialHead() const;

    RequestLimits m_limits;
    State m_state = State::Head;
    QByteArray m_head; // the current request's head so far, leading blank lines skipped
    qint64 m_bodyLeft = 0;
    bool m_refused = false;
};

} // namespace flux
