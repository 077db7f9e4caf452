// HttpListener: one listening socket of the HttpServer; puts a ConnectionGuard on every
// connection before Qt's parser sees it, and caps how many connections are open at once.
#pragma once

#include "http/ConnectionGuard.h"
#include "http/RequestLimits.h"

#include <QTcpServer>

namespace flux {

class HttpListener : public QTcpServer
{
    Q_OBJECT
public:
    HttpListener(const RequestLimits &limits, ConnectionGuard::Serves serves,
                 QObject *parent = nullptr);

    ConnectionGuard::Serves serves() const { return m_serves; }
    int openConnections() const { return m_open; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    RequestLimits m_limits;
    ConnectionGuard::Serves m_serves;
    int m_open = 0;
    bool m_warnedFull = false;
};

} // namespace flux
