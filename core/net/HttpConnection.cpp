#include "net/HttpConnection.h"

#include "net/HttpMethod.h"

#include "base/LogCategories.h"
#include "net/RequestTarget.h"
#include "net/Responder.h"

#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace flux {

namespace {

// How long a refused client may go on sending (its bytes dropped) after the answer: closing
// with unread input resets the connection, and a reset can destroy the answer before the
// client has read it.
constexpr int LingerMs = 1000;
// Answers written but not yet taken by the kernel: past this the connection reads no further
// request until the client has read some, so a client that sends and never reads cannot make
// the server buffer answers without end.
constexpr qint64 MaxWriteBacklogBytes = 256 * 1024;

bool asksToClose(const HttpResponse &response)
{
    for (const auto &[name, value] : response.headers) {
        if (name.compare("Connection", Qt::CaseInsensitive) == 0 &&
            value.compare("close", Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, const RequestLimits &limits, Handler handler,
                               QObject *parent)
    : QObject(parent), m_socket(socket), m_limits(limits), m_handler(std::move(handler)),
      m_peer(socket->peerAddress()), m_framer(limits), m_timer(new QTimer(this))
{
    socket->setParent(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::pump);
    connect(socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        m_closing = true;
        m_timer->stop();
        streamEnded();
        deleteLater();
    });
    updateTimer();
}

void HttpConnection::pump()
{
    if (m_pumping) // an answer written from inside a handler: the loop below goes on
        return;
    if (m_closing)
        return discardInput();
    if (m_streaming) {
        // No request follows a stream, and input left unread would hide the client's close.
        discardInput();
        return updateTimer();
    }
    m_pumping = true;
    while (!m_closing && !m_waiting && !writeBacklogged()) {
        if (m_inputUsed >= m_input.size()) {
            // At most the socket's read buffer: a client sending faster than its requests are
            // answered is held back by TCP, not buffered here.
            m_input = m_socket->readAll();
            m_inputUsed = 0;
            if (m_input.isEmpty())
                break;
        }
        RequestFramer::Step step = m_framer.feed(QByteArrayView(m_input).sliced(m_inputUsed));
        m_inputUsed += step.consumed;
        if (step.refusal) {
            refuse(step.refusal->status, step.refusal->detail);
            break;
        }
        if (step.continueWanted)
            send(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
        if (step.request)
            handle(std::move(*step.request));
    }
    if (m_inputUsed >= m_input.size()) {
        m_input.clear();
        m_inputUsed = 0;
    }
    m_pumping = false;
    updateTimer();
}

void HttpConnection::handle(RequestFramer::Request &&framed)
{
    m_waiting = true;
    const quint64 sequence = ++m_sequence;
    m_headRequest = httpMethodOf(framed.method) == HttpMethod::Head;
    m_closeAfterAnswer = !framed.keepAlive;
    updateTimer();

    HttpRequest request;
    RequestTarget target = RequestTarget::parse(framed.target);
    request.method = std::move(framed.method);
    request.path = std::move(target.path);
    request.rawQuery = std::move(target.rawQuery);
    request.headers = std::move(framed.headers);
    request.body = std::move(framed.body);
    request.remote = m_peer;
    m_handler(request, Responder(this, sequence));
}

void HttpConnection::answer(quint64 sequence, const HttpResponse &response)
{
    if (!m_waiting || sequence != m_sequence)
        return;
    m_waiting = false;
    if (m_closing || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    const bool askedToClose = asksToClose(response);
    const bool close = m_closeAfterAnswer || askedToClose;
    if (close && !askedToClose) {
        HttpResponse closing = response;
        closing.headers.append({QByteArrayLiteral("Connection"), QByteArrayLiteral("close")});
        send(closing.toBytes(!m_headRequest));
    } else {
        send(response.toBytes(!m_headRequest));
    }
    if (close)
        return closeAfterWriting(m_limits.clientTimeoutMs);
    if (m_pumping) // the loop in pump() goes on to the next request
        return;
    // Requests already here behind this one (pipelined) are read next, in order, but from the
    // event loop: not inside the code that sent this answer, which may be walking its own list.
    if (m_inputUsed < m_input.size() || m_socket->bytesAvailable() > 0) {
        if (!m_pumpQueued) {
            m_pumpQueued = true;
            QMetaObject::invokeMethod(
                this,
                [this] {
                    m_pumpQueued = false;
                    pump();
                },
                Qt::QueuedConnection);
        }
        return;
    }
    updateTimer();
}

bool HttpConnection::beginStream(quint64 sequence, const HttpResponse &head)
{
    if (!m_waiting || sequence != m_sequence)
        return false;
    if (m_closing || m_socket->state() != QAbstractSocket::ConnectedState) {
        m_waiting = false;
        return false;
    }
    send(head.toStreamBytes(!m_headRequest));
    if (m_headRequest) {
        m_waiting = false;
        closeAfterWriting(m_limits.clientTimeoutMs);
        return false;
    }
    // m_waiting stays set: the request is still being answered, so nothing after it is read.
    m_streaming = true;
    discardInput();
    updateTimer();
    return true;
}

bool HttpConnection::writeStream(const QByteArray &bytes)
{
    if (!m_streaming || m_closing || m_socket->state() != QAbstractSocket::ConnectedState)
        return false;
    send(bytes);
    updateTimer();
    return m_streaming; // a failed write may have ended it
}

void HttpConnection::endStream()
{
    if (!m_streaming)
        return;
    m_waiting = false;
    streamEnded();
    closeAfterWriting(m_limits.clientTimeoutMs);
}

void HttpConnection::streamEnded()
{
    if (!m_streaming)
        return;
    m_streaming = false;
    Q_EMIT streamClosed();
}

void HttpConnection::send(const QByteArray &bytes)
{
    // Straight to the kernel when the socket holds nothing written before, which is nearly
    // always. QTcpSocket::write would copy the bytes into its buffer and switch its write
    // notifier on, and once flushed off again: under GLib's event loop each switch rebuilds the
    // poll set and writes a wake-up, for every answer (bench-server.sh measures answering).
    qsizetype sent = 0;
    if (m_socket->bytesToWrite() == 0) {
        const ssize_t n = ::send(int(m_socket->socketDescriptor()), bytes.constData(),
                                 size_t(bytes.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0)
            sent = qsizetype(n);
        // On an error (the kernel's buffer full, the peer gone) the bytes go to QTcpSocket
        // below, which writes them once the kernel takes more, or reports the error.
    }
    if (sent == bytes.size())
        return;
    m_socket->write(bytes.constData() + sent, bytes.size() - sent);
    // The kernel is offered the rest now: a server shutting down may close the socket before
    // the event loop would have written it.
    m_socket->flush();
}

void HttpConnection::onBytesWritten()
{
    if (m_shutdownPending && m_socket->bytesToWrite() == 0) {
        m_shutdownPending = false;
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR); // the client sees the end
        m_timer->start(std::min(LingerMs, m_limits.clientTimeoutMs));
        return;
    }
    if (m_closing)
        return;
    if (m_timerRole == Timer::Sending && !writeBacklogged())
        pump(); // the client has read enough: go on with its requests (or its stream)
}

bool HttpConnection::writeBacklogged() const
{
    return m_socket->bytesToWrite() > MaxWriteBacklogBytes;
}

void HttpConnection::closeAfterWriting(int withinMs)
{
    // The answer's write failed and QTcpSocket dropped the connection (its disconnected handler
    // has already scheduled this object's end): there is nothing left to half-close.
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    m_closing = true;
    m_timerRole = Timer::Off;
    // Unread input is dropped as it comes: closing with it unread would reset the connection,
    // and a reset can destroy the answer before the client has read it.
    discardInput();
    // The client must take the answer within `withinMs`; then (or at once) the end is shown
    // with a half-close, and the client gets a moment to finish reading before the close.
    m_timer->start(withinMs);
    if (m_socket->bytesToWrite() == 0) {
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
        m_timer->start(std::min(LingerMs, withinMs));
    } else {
        m_shutdownPending = true;
    }
}

void HttpConnection::refuse(HttpStatus status, const QString &detail)
{
    if (m_closing)
        return;
    m_closing = true;
    m_timer->stop();
    m_timerRole = Timer::Off;
    qCInfo(lcHttp).noquote() << "refused a request from" << m_peer.toString() << "with"
                             << int(status) << "(" << detail << ") and closed the connection";
    if (m_waiting || m_socket->state() != QAbstractSocket::ConnectedState) {
        // An answer is still owed here, so no other may go first: close without one.
        QMetaObject::invokeMethod(this, &HttpConnection::closeNow, Qt::QueuedConnection);
        return;
    }
    HttpResponse refusal = HttpResponse::detail(status, detail);
    refusal.headers.append({QByteArrayLiteral("Connection"), QByteArrayLiteral("close")});
    send(refusal.toBytes());
    closeAfterWriting(std::min(LingerMs, m_limits.clientTimeoutMs));
}

void HttpConnection::onTimeout()
{
    if (m_closing || m_timerRole == Timer::Idle)
        return closeNow();
    if (m_timerRole == Timer::Sending) {
        qCInfo(lcHttp).noquote() << "client" << m_peer.toString() << "read no answer within"
                                 << m_limits.clientTimeoutMs << "ms: closed";
        return closeNow();
    }
    qCInfo(lcHttp).noquote() << "request from" << m_peer.toString() << "not complete within"
                             << m_limits.clientTimeoutMs << "ms";
    refuse(HttpStatus::RequestTimeout, QStringLiteral("Request not received in time"));
}

void HttpConnection::updateTimer()
{
    if (m_closing)
        return;
    // While a handler works on a request, the client waits on us, not we on it.
    // A stream is written for as long as its handler likes, but must be read.
    Timer wanted = Timer::Receiving;
    if (m_streaming)
        wanted = writeBacklogged() ? Timer::Sending : Timer::Off;
    else if (m_waiting)
        wanted = Timer::Off;
    else if (writeBacklogged())
        wanted = Timer::Sending;
    else if (m_framer.idle() && m_inputUsed >= m_input.size())
        wanted = Timer::Idle;
    if (wanted == m_timerRole)
        return;
    m_timerRole = wanted;
    if (wanted == Timer::Off)
        m_timer->stop();
    else
        m_timer->start(m_limits.clientTimeoutMs);
}

void HttpConnection::discardInput()
{
    m_input.clear();
    m_inputUsed = 0;
    m_socket->skip(m_socket->bytesAvailable());
}

void HttpConnection::closeNow()
{
    m_timer->stop();
    m_closing = true;
    streamEnded();
    m_socket->abort();
    deleteLater();
}

} // namespace flux
