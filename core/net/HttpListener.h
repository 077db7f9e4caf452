// HttpListener: one listening socket of the HttpServer; makes every accepted socket an
// HttpConnection, and caps how many connections are open at once.
#pragma once

#include "net/HttpConnection.h"
#include "net/RequestLimits.h"

#include <QTcpServer>

namespace flux {

class HttpListener : public QTcpServer
{
    Q_OBJECT
public:
    // `handler` takes every request of every connection.
    HttpListener(const RequestLimits &limits, HttpConnection::Handler handler,
                 QObject *parent = nullptr);

    int openConnections() const { return m_open; }
    // Ends every open ResponseStream of its connections (the server is stopping).
    void endStreams();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    RequestLimits m_limits;
    HttpConnection::Handler m_handler;
    int m_open = 0;
    bool m_warnedFull = false;
};

} // namespace flux
