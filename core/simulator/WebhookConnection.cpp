#include "simulator/WebhookConnection.h"

#include <QTcpSocket>
#include <QTimerEvent>

namespace flux {

WebhookConnection::WebhookConnection(QString host, quint16 port, QObject *parent)
    : QObject(parent), m_host(std::move(host)), m_port(port)
{}

WebhookConnection::~WebhookConnection()
{
    abort();
}

void WebhookConnection::start(WebhookRequest request, QObject *owner, Done done)
{
    Q_ASSERT(!m_busy);
    m_busy = true;
    m_owner = owner;
    m_done = std::move(done);
    m_request = std::move(request);
    m_wire = m_request.toHttp1();
    m_retried = false;
    m_timeout.start(std::max(0, m_request.timeoutMs), Qt::PreciseTimer, this);
    // The app may have closed this connection while it was idle and the close not been read
    // yet: one already seen to be closed is not written to.
    if (m_socket && m_socket->state() != QAbstractSocket::ConnectedState)
        closeSocket();
    send();
}

void WebhookConnection::send()
{
    m_parser.reset();
    m_sentOnReused = m_socket != nullptr && m_answeredOnSocket > 0;
    if (!m_socket && !connectSocket())
        return;
    // While connecting, the socket keeps the bytes and sends them once connected.
    m_socket->write(m_wire);
}

bool WebhookConnection::connectSocket()
{
    m_socket = new QTcpSocket(this);
    m_answeredOnSocket = 0;
    m_socket->connectToHost(m_host, m_port);
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        // Refused inside connectToHost (loopback can be that quick): answered from the timer,
        // so never from inside start().
        m_refusal = m_socket->errorString();
        closeSocket();
        m_timeout.start(0, this);
        return false;
    }
    connect(m_socket, &QTcpSocket::readyRead, this, &WebhookConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &WebhookConnection::onClosed);
    connect(m_socket, &QTcpSocket::disconnected, this, &WebhookConnection::onClosed);
    return true;
}

void WebhookConnection::closeSocket()
{
    if (QTcpSocket *socket = std::exchange(m_socket, nullptr)) {
        socket->disconnect(this);
        socket->abort();
        // Later: this may run inside one of the socket's own signals.
        socket->deleteLater();
    }
}

void WebhookConnection::abort()
{
    m_timeout.stop();
    m_busy = false;
    m_owner = nullptr;
    m_done = {};
    m_refusal.clear();
    closeSocket();
}

void WebhookConnection::onReadyRead()
{
    if (!m_busy) {
        // Bytes nobody asked for: this connection is out of step with the app.
        closeSocket();
        return;
    }
    read();
}

bool WebhookConnection::read()
{
    switch (m_parser.feed(m_socket->readAll())) {
    case HttpResponseParser::Progress::Incomplete:
        return false;
    case HttpResponseParser::Progress::Failed:
        closeSocket();
        finish(m_request.broken(m_parser.failure()));
        return true;
    case HttpResponseParser::Progress::Complete:
        break;
    }
    if (!m_parser.keepAlive())
        closeSocket();
    finish(m_request.answered(m_parser.status(), m_parser.body()));
    return true;
}

void WebhookConnection::onClosed()
{
    if (!m_busy) {
        // The app closed the idle connection (its keep-alive limit): the next request opens one.
        closeSocket();
        return;
    }
    if (m_socket->bytesAvailable() > 0 && read())
        return;
    const QString why = m_socket->errorString();
    closeSocket();
    if (m_parser.closed() == HttpResponseParser::Progress::Complete) {
        finish(m_request.answered(m_parser.status(), m_parser.body()));
    } else if (m_sentOnReused && !m_retried && !m_parser.started()) {
        // The app closed this kept-alive connection as the request went out, having read none
        // of it or at least answered none of it: once more, on a new connection. A POST the app
        // did handle may so arrive twice; Twilio's callbacks may too, and the app records a
        // repeated status or keypress as a duplicate (QNetworkAccessManager retried the same way).
        m_retried = true;
        send();
    } else if (m_parser.started()) {
        finish(m_request.broken(m_parser.failure()));
    } else {
        finish(m_request.unreachable(why));
    }
}

void WebhookConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timeout.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_timeout.stop();
    if (!m_busy)
        return;
    if (!m_refusal.isNull()) {
        finish(m_request.unreachable(std::exchange(m_refusal, {})));
        return;
    }
    // The answer may still come: this socket cannot carry another request.
    closeSocket();
    finish(m_request.timedOut());
}

void WebhookConnection::finish(const WebhookSender::Answer &answer)
{
    m_timeout.stop();
    m_busy = false;
    m_owner = nullptr;
    if (m_socket)
        ++m_answeredOnSocket;
    const Done done = std::exchange(m_done, {});
    // Last: `done` may start the next request on this connection.
    if (done)
        done(answer);
}

} // namespace flux
