#include "net/HttpServer.h"

#include "base/LogCategories.h"
#include "net/HttpListener.h"
#include "net/RequestHandler.h"
#include "net/Responder.h"

namespace flux {

HttpServer::HttpServer(QObject *parent) : QObject(parent) {}

quint16 HttpServer::listenOn(const QHostAddress &address, quint16 port, RequestHandler *handler)
{
    auto *listener = new HttpListener(
        m_limits,
        [this, handler](HttpRequest &request, const Responder &responder) {
            handleRequest(request, responder, handler);
        },
        this);
    if (!listener->listen(address, port)) {
        delete listener;
        return 0;
    }
    m_listeners.append(listener);
    if (m_port == 0)
        m_port = listener->serverPort();
    return listener->serverPort();
}

int HttpServer::openConnections() const
{
    int open = 0;
    for (const HttpListener *listener : m_listeners)
        open += listener->openConnections();
    return open;
}

void HttpServer::stopAccepting()
{
    m_accepting = false;
    for (HttpListener *listener : std::as_const(m_listeners)) {
        listener->close();
        // A stream has no end of its own: it would hold its client until the process is gone.
        listener->endStreams();
    }
}

void HttpServer::handleRequest(HttpRequest &req, const Responder &responder,
                               RequestHandler *handler) const
{
    if (!req.rawQuery.isEmpty())
        req.queryForm = FormEncoding::parse(req.rawQuery.toUtf8());
    if (req.isForm())
        req.form = FormEncoding::parse(req.body);

    if (!m_accepting) {
        qCDebug(lcHttp) << req.method << req.path << "-> 503 (stopping)";
        HttpResponse unavailable = HttpResponse::detail(
            HttpStatus::ServiceUnavailable, QStringLiteral("Shutting down: try again shortly"));
        unavailable.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")});
        unavailable.headers.append({QByteArrayLiteral("Connection"), QByteArrayLiteral("close")});
        responder.send(unavailable);
        return;
    }
    handler->handleRequest(req, responder);
}

} // namespace flux
