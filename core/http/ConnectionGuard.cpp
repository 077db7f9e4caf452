#include "http/ConnectionGuard.h"

#include "base/LogCategories.h"
#include "http/HttpResponse.h"

#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace flux {

namespace {

// How long a refused client may go on sending (its bytes dropped) after the answer: closing
// with unread input resets the connection, and a reset can destroy the answer before the
// client has read it.
constexpr int LingerMs = 1000;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 431:
        return "Request Header Fields Too Large";
    default:
        return "Error";
    }
}

// Written by hand, not through QHttpServerResponder: Qt has not parsed this request and has
// no QHttpServerRequest to answer.
QByteArray closingAnswer(int status, const QString &detail)
{
    const HttpResponse response = HttpResponse::detail(status, detail);
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
           "\r\nContent-Type: " + response.contentType +
           "\r\nContent-Length: " + QByteArray::number(response.body.size()) +
           "\r\nConnection: close\r\n\r\n" + response.body;
}

} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const RequestLimits &limits, Serves serves)
    : QObject(socket), m_socket(socket), m_limits(limits), m_serves(serves), m_framer(limits),
      m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ConnectionGuard::onTimeout);
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
    updateTimer();
}

ConnectionGuard *ConnectionGuard::of(QTcpSocket *socket)
{
    return socket ? socket->findChild<ConnectionGuard *>(QString(), Qt::FindDirectChildrenOnly)
                  : nullptr;
}

bool ConnectionGuard::admit()
{
    // Exactly one framed request may be waiting, and no earlier answer may be owed: with two,
    // Qt's parser has run them together, and Qt 6.4 cannot keep pipelined answers in order.
    if (m_closing || m_framed - m_admitted != 1 || m_owed > 0)
        return false;
    ++m_admitted;
    ++m_owed;
    updateTimer();
    return true;
}

void ConnectionGuard::answered()
{
    if (m_owed > 0)
        --m_owed;
    updateTimer();
}

void ConnectionGuard::refuse(int status, const QString &detail)
{
    if (!m_socket || m_closing)
        return;
    m_closing = true;
    m_timer->stop();
    m_timerRole = Timer::Off;
    discardInput();
    qCInfo(lcHttp).noquote() << "refused a request from" << m_socket->peerAddress().toString()
                             << "with" << status << "(" << detail << ") and closed the connection";
    if (m_owed > 0 || m_socket->state() != QAbstractSocket::ConnectedState) {
        // Not from inside a readyRead: Qt's own slot still runs after this one.
        QMetaObject::invokeMethod(this, &ConnectionGuard::closeNow, Qt::QueuedConnection);
        return;
    }
    m_socket->write(closingAnswer(status, detail));
    m_socket->flush();
    if (m_socket->bytesToWrite() == 0)
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR); // the client sees the end
    m_timer->start(std::min(LingerMs, m_limits.clientTimeoutMs));
}

void ConnectionGuard::onReadyRead()
{
    if (!m_socket)
        return;
    if (m_closing)
        return discardInput();
    // Qt's parser reads everything in its own readyRead slot, which runs after this one: what
    // is available now is exactly what arrived since.
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0)
        return;
    const RequestFramer::Step step = m_framer.feed(m_socket->peek(available));
    if (step.refusal)
        return refuse(step.refusal->status, step.refusal->detail);
    if (step.completed > 0) {
        m_framed += step.completed;
        if (!m_checkQueued) {
            m_checkQueued = true;
            QMetaObject::invokeMethod(this, &ConnectionGuard::checkQtParsedEverything,
                                      Qt::QueuedConnection);
        }
    }
    updateTimer();
}

void ConnectionGuard::checkQtParsedEverything()
{
    m_checkQueued = false;
    // Qt parses in the same readyRead as this guard frames, so a request still not admitted
    // was one Qt's parser refused (it then stops reading the socket and never answers).
    if (m_framed > m_admitted)
        refuse(400, QStringLiteral("Bad Request"));
}

void ConnectionGuard::onTimeout()
{
    if (m_closing || m_timerRole == Timer::Idle)
        return closeNow();
    qCInfo(lcHttp).noquote() << "request from"
                             << (m_socket ? m_socket->peerAddress().toString() : QString())
                             << "not complete within" << m_limits.clientTimeoutMs << "ms";
    refuse(408, QStringLiteral("Request not received in time"));
}

void ConnectionGuard::updateTimer()
{
    if (m_closing)
        return;
    Timer wanted = Timer::Receiving;
    if (m_framer.idle())
        wanted = m_owed == 0 && m_framed == m_admitted ? Timer::Idle : Timer::Off;
    if (wanted == m_timerRole)
        return;
    m_timerRole = wanted;
    if (wanted == Timer::Off)
        m_timer->stop();
    else
        m_timer->start(m_limits.clientTimeoutMs);
}

void ConnectionGuard::discardInput()
{
    if (!m_socket)
        return;
    // Qt keeps an unfinished request in a read transaction; releasing it frees the buffer.
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->skip(m_socket->bytesAvailable());
}

void ConnectionGuard::closeNow()
{
    m_timer->stop();
    m_closing = true;
    if (!m_socket)
        return;
    m_socket->abort();
    // Qt deletes a socket when it disconnects, but not one whose request its parser refused.
    m_socket->deleteLater();
}

} // namespace flux
