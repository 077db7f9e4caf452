// RequestFramer: reads the bytes of one HTTP/1.1 connection into whole requests (request line,
// header fields, a body of Content-Length bytes) and refuses one that breaks the RequestLimits
// or could be read two ways, before any of it reaches a handler.
#pragma once

#include "net/HttpStatus.h"
#include "net/RequestLimits.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace flux {

class RequestFramer
{
public:
    struct Refusal
    {
        HttpStatus status; // 400, 411, 413, 414, 431 or 505
        QString detail;    // for the {"detail": ...} answer; never echoes the request
    };
    struct Request
    {
        QByteArray method; // a token, as sent: "GET", "POST", ...
        QByteArray target; // the request line's target, still percent-encoded
        QList<QPair<QByteArray, QByteArray>> headers; // values without surrounding blanks
        QByteArray body;
        bool keepAlive = true; // false for "Connection: close", or HTTP/1.0 without keep-alive
    };
    struct Step
    {
        qsizetype consumed = 0;         // bytes of the input this step used
        std::optional<Request> request; // the request that ended in those bytes
        // The head asked for "100 Continue" and its body has not arrived yet.
        bool continueWanted = false;
        std::optional<Refusal> refusal;
    };

    explicit RequestFramer(const RequestLimits &limits) : m_limits(limits) {}

    // The next bytes of the connection, in order. Stops after the first request that ends in
    // them; feed the bytes after `consumed` again. After a refusal the framer stays refused.
    Step feed(QByteArrayView bytes);
    // Between requests: no byte of the next one has arrived.
    bool idle() const { return !m_refused && m_state == State::Head && m_head.isEmpty(); }

private:
    enum class State
    {
        Head,
        Body
    };
    // Checks a complete head and reads it into m_request; sets m_bodyLeft from its
    // Content-Length.
    std::optional<Refusal> acceptHead(QByteArrayView head);
    std::optional<Refusal> acceptRequestLine(QByteArrayView line, bool *http10);
    std::optional<Refusal> checkPartialHead() const;

    RequestLimits m_limits;
    State m_state = State::Head;
    QByteArray m_head; // the current request's head so far, leading blank lines skipped
    Request m_request; // the current request once its head is read
    bool m_continueWanted = false;
    qint64 m_bodyLeft = 0;
    bool m_refused = false;
};

} // namespace flux
