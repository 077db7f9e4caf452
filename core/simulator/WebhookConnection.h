// WebhookConnection: one keep-alive HTTP/1.1 connection from the simulator to an app's host,
// carrying one webhook at a time and opening again when the app has closed it between requests.
#pragma once

#include "net/HttpResponseParser.h"
#include "simulator/WebhookRequest.h"

#include <QBasicTimer>
#include <QObject>

#include <functional>

class QTcpSocket;

namespace flux {

class WebhookConnection : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const WebhookSender::Answer &)>;

    WebhookConnection(QString host, quint16 port, QObject *parent = nullptr);
    // Closes without answering what is in flight.
    ~WebhookConnection() override;

    bool busy() const { return m_busy; }
    // Has a socket open (or opening) that a request can go out on without a new handshake.
    bool open() const { return m_socket != nullptr; }
    // For whom the request in flight went out; nullptr when idle.
    QObject *owner() const { return m_busy ? m_owner : nullptr; }

    // Sends `request` now, on the open socket or a new one; `done` gets the answer (or why
    // none came) later, never from inside start(), and not after abort(). Only when !busy().
    void start(WebhookRequest request, QObject *owner, Done done);
    // Drops the request in flight without calling back and closes the socket, which may still
    // carry its answer.
    void abort();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    // Writes the request on the open socket, or on a new one.
    void send();
    // False when the connection was refused at once.
    bool connectSocket();
    void closeSocket();
    void onReadyRead();
    // True when the answer is complete or broken, and handed on.
    bool read();
    void onClosed();
    void finish(const WebhookSender::Answer &answer);

    QString m_host;
    quint16 m_port;
    QTcpSocket *m_socket = nullptr;
    int m_answeredOnSocket = 0; // answers the current socket carried: > 0 means reused
    HttpResponseParser m_parser;
    QBasicTimer m_timeout;
    bool m_busy = false;
    WebhookRequest m_request;
    QByteArray m_wire; // the request's bytes, kept to send again on a new socket
    QObject *m_owner = nullptr;
    Done m_done;
    bool m_sentOnReused = false; // the request went out on a socket that had carried one
    bool m_retried = false;
    QString m_refusal; // why the connection was refused at once; answered from the timer
};

} // namespace flux
