#include "net/HttpListener.h"

#include "base/LogCategories.h"

#include <QTcpSocket>

namespace flux {

HttpListener::HttpListener(const RequestLimits &limits, HttpConnection::Handler handler,
                           QObject *parent)
    : QTcpServer(parent), m_limits(limits), m_handler(std::move(handler))
{}

void HttpListener::endStreams()
{
    const auto connections = findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly);
    for (HttpConnection *connection : connections)
        connection->endStream();
}

void HttpListener::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_open >= m_limits.maxConnections) {
        // Said once per crowd, not once per connection: a flood must not flood the log too.
        if (!m_warnedFull)
            qCWarning(lcHttp) << "connection limit reached on port" << serverPort() << "("
                              << m_limits.maxConnections << "): closing new connections";
        m_warnedFull = true;
        socket->abort();
        delete socket;
        return;
    }
    if (m_open < m_limits.maxConnections * 3 / 4)
        m_warnedFull = false;
    // A client cannot make the socket hold more than one request at its limits: past that
    // the socket stops reading and the kernel's window pushes back on the sender.
    socket->setReadBufferSize(m_limits.readBufferBytes());
    auto *connection = new HttpConnection(socket, m_limits, m_handler, this);
    ++m_open;
    connect(connection, &QObject::destroyed, this, [this] { --m_open; });
}

} // namespace flux
