// ConnectionGuard: watches one accepted socket ahead of Qt's HTTP parser: frames its requests,
// refuses oversized or slow ones unread, and closes idle or broken connections.
#pragma once

#include "http/RequestFramer.h"
#include "http/RequestLimits.h"

#include <QObject>
#include <QPointer>

class QTcpSocket;
class QTimer;

namespace flux {

class ConnectionGuard : public QObject
{
    Q_OBJECT
public:
    // Which routes a listener serves; the server answers 404 for the others.
    enum class Serves
    {
        Everything,
        Api,     // the scripted API (bearer token) and public routes
        Webhooks // Twilio's webhooks and public routes
    };

    // Becomes a child of `socket`. Must be created before anything else connects to the
    // socket's readyRead, so it sees each chunk of bytes before Qt's parser reads it.
    ConnectionGuard(QTcpSocket *socket, const RequestLimits &limits, Serves serves);

    static ConnectionGuard *of(QTcpSocket *socket);
    Serves serves() const { return m_serves; }

    // The server is about to handle a request Qt parsed. False when the guard did not see that
    // request end: the parsers disagree about the bytes, and the connection must not go on.
    bool admit();
    // The answer to an admitted request has been written.
    void answered();
    // Answers with {"detail": ...} and closes, unless an answer is still owed on this
    // connection: then it only closes, so no answer goes to the wrong request.
    void refuse(int status, const QString &detail);

private:
    enum class Timer
    {
        Off,
        Idle,     // between requests: the keep-alive limit
        Receiving // a request has started and must finish in time
    };
    void onReadyRead();
    void onTimeout();
    void checkQtParsedEverything();
    void updateTimer();
    void discardInput();
    void closeNow();

    QPointer<QTcpSocket> m_socket;
    RequestLimits m_limits;
    Serves m_serves;
    RequestFramer m_framer;
    QTimer *m_timer;
    Timer m_timerRole = Timer::Off;
    int m_framed = 0;   // requests whose last byte has arrived
    int m_admitted = 0; // of those, requests Qt parsed and the server took
    int m_owed = 0;     // admitted requests not yet answered
    bool m_closing = false;
    bool m_checkQueued = false;
};

} // namespace flux
