// LocalPorts: loopback ports for tests that start a server process or a peer of their own.
#pragma once

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace flux::test {

// A port free on 127.0.0.1 a moment ago (0 if none could be had).
inline quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

// Whether something accepts connections on 127.0.0.1:port.
inline bool accepts(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(200);
}

} // namespace flux::test
