// HttpServer: a generic HTTP/1.1 server: listening sockets, their connections and the request
// limits. It frames requests and hands each to a RequestHandler; it knows no route, token or
// signature (like qBittorrent's Http::Server behind IRequestHandler).
#pragma once

#include "net/RequestLimits.h"

#include <QHostAddress>
#include <QList>
#include <QObject>

namespace flux {

class HttpListener;
class Responder;
struct HttpRequest;
class RequestHandler;

class HttpServer : public QObject
{
    Q_OBJECT
public:
    explicit HttpServer(QObject *parent = nullptr);

    // For listeners opened afterwards.
    void setRequestLimits(const RequestLimits &limits) { m_limits = limits; }
    const RequestLimits &requestLimits() const { return m_limits; }

    // Every request on this listener goes to `handler`, which must outlive the server. Returns
    // the bound port, or 0 when the address could not be bound.
    [[nodiscard]] quint16 listenOn(const QHostAddress &address, quint16 port,
                                   RequestHandler *handler);
    // The first listener's port.
    quint16 port() const { return m_port; }
    // Connections open on all listeners.
    int openConnections() const;

    // For shutdown: no new connections, and every request still arriving on an open one is
    // answered 503 before any handler sees it, so nothing is done for it. Open ResponseStreams
    // are ended.
    void stopAccepting();
    bool isAccepting() const { return m_accepting; }

private:
    void handleRequest(HttpRequest &request, const Responder &responder,
                       RequestHandler *handler) const;

    QList<HttpListener *> m_listeners;
    RequestLimits m_limits;
    quint16 m_port = 0;
    bool m_accepting = true;
};

} // namespace flux
