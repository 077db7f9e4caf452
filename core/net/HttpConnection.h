// HttpConnection: one accepted HTTP/1.1 connection. Reads its requests through a
// RequestFramer, hands them to the server one at a time, writes each answer in order, and
// closes the connection when it is idle, too slow, refused, or asked to close.
#pragma once

#include "net/HttpRequest.h"
#include "net/HttpResponse.h"
#include "net/RequestFramer.h"
#include "net/RequestLimits.h"

#include <QHostAddress>
#include <QObject>

#include <functional>

class QTcpSocket;
class QTimer;

namespace flux {

class Responder;

class HttpConnection : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(HttpRequest &request, const Responder &responder)>;

    // Takes `socket` (already connected) as its child; deletes itself once the socket is gone.
    HttpConnection(QTcpSocket *socket, const RequestLimits &limits, Handler handler,
                   QObject *parent = nullptr);

    // The answer to request number `sequence`, from its Responder. Stale numbers (the client
    // left, the connection was refused) are ignored.
    void answer(quint64 sequence, const HttpResponse &response);
    // A ResponseStream's side (see Responder::stream): writes the head of request `sequence`'s
    // answer and keeps its body open; false when it cannot be (stale number, client gone, HEAD).
    // While it is open no further request is read, no request timeout runs, and a client that
    // leaves more than the write backlog unread for the client timeout is closed.
    bool beginStream(quint64 sequence, const HttpResponse &head);
    bool writeStream(const QByteArray &bytes);
    // Ends the body: the connection closes once what was written has gone out.
    void endStream();
    bool isStreaming() const { return m_streaming; }
    bool isBacklogged() const { return writeBacklogged(); }

Q_SIGNALS:
    // The open stream ended: endStream(), the client left or was too slow, the connection closed.
    void streamClosed();

private:
    enum class Timer
    {
        Off,
        Idle,      // between requests: the keep-alive limit
        Receiving, // a request has started and must finish in time
        Sending    // answers wait for the client to read them, and it must, in time
    };
    // Frames and handles what has arrived, one request at a time, until a request is waiting
    // for its answer or the input runs out.
    void pump();
    void handle(RequestFramer::Request &&framed);
    // Hands `bytes` to the kernel now, in order after anything the socket still holds.
    void send(const QByteArray &bytes);
    void onBytesWritten();
    // More answers must not pile up while this many bytes wait for the client to read them.
    bool writeBacklogged() const;
    // Ends the connection once the answers written so far have gone out, or the time is up.
    void closeAfterWriting(int withinMs);
    void onTimeout();
    void updateTimer();
    // Answers {"detail": ...} and closes, reading no further request.
    void refuse(HttpStatus status, const QString &detail);
    void discardInput();
    void closeNow();
    // The stream is over, whatever ended it: says so once.
    void streamEnded();

    QTcpSocket *m_socket;
    RequestLimits m_limits;
    Handler m_handler;
    QHostAddress m_peer;
    RequestFramer m_framer;
    QByteArray m_input;        // read from the socket, not yet framed
    qsizetype m_inputUsed = 0; // of m_input, bytes already framed
    QTimer *m_timer;
    Timer m_timerRole = Timer::Off;
    quint64 m_sequence = 0; // of the request handed out last
    bool m_waiting = false; // for the answer to request m_sequence
    bool m_headRequest = false;
    bool m_closeAfterAnswer = false;
    bool m_pumping = false;
    bool m_pumpQueued = false;
    bool m_closing = false;
    bool m_streaming = false; // the answer to request m_sequence is a ResponseStream, still open
    bool m_shutdownPending = false; // SHUT_WR once the last answer is written
};

} // namespace flux
