#include "http/HttpServer.h"

#include "base/LogCategories.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMetaEnum>
#include <QTcpServer>

namespace flux {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    default:
        return "OTHER";
    }
}

// Splits a pattern or a path into segments; "/a/{b}" -> ["a", "{b}"].
QStringList segments(const QString &path)
{
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

} // namespace

struct HttpServer::Match
{
    const Route *route = nullptr;
    QHash<QString, QString> params;
    bool pathKnown = false; // some route has this path, perhaps under another method
};

HttpServer::HttpServer(QObject *parent) : QAbstractHttpServer(parent) {}

void HttpServer::addRoutes(const QList<Route> &routes)
{
    m_routes.append(routes);
}

void HttpServer::setWebhookSignature(const SignatureValidator &validator,
                                     const QString &publicBaseUrl)
{
    m_validator = validator;
    m_publicBaseUrl = publicBaseUrl;
    while (m_publicBaseUrl.endsWith(QLatin1Char('/')))
        m_publicBaseUrl.chop(1);
}

quint16 HttpServer::listenOn(const QHostAddress &address, quint16 port)
{
    auto *server = new QTcpServer(this);
    if (!server->listen(address, port)) {
        delete server;
        return 0;
    }
    bind(server);
    m_port = server->serverPort();
    return m_port;
}

void HttpServer::stopAccepting()
{
    m_accepting = false;
    for (QTcpServer *server : servers())
        server->close();
}

HttpServer::Match HttpServer::match(const QByteArray &method, const QString &path) const
{
    Match best;
    int bestLiterals = -1;
    const QStringList pathSegments = segments(path);
    for (const Route &route : m_routes) {
        const QStringList patternSegments = segments(route.pattern);
        if (patternSegments.size() != pathSegments.size())
            continue;
        QHash<QString, QString> params;
        int literals = 0;
        bool matches = true;
        for (qsizetype i = 0; i < patternSegments.size() && matches; ++i) {
            const QString &part = patternSegments.at(i);
            if (part.startsWith(QLatin1Char('{')) && part.endsWith(QLatin1Char('}')))
                params.insert(part.mid(1, part.size() - 2), pathSegments.at(i));
            else if (part == pathSegments.at(i))
                ++literals;
            else
                matches = false;
        }
        if (!matches)
            continue;
        best.pathKnown = true;
        // Literal segments win over parameters: /call/twiml before /call/{call_sid}.
        if (route.method == method && literals > bestLiterals) {
            best.route = &route;
            best.params = params;
            bestLiterals = literals;
        }
    }
    return best;
}

QString HttpServer::signedUrl(const HttpRequest &request) const
{
    QString url = m_publicBaseUrl + request.path;
    if (!request.rawQuery.isEmpty())
        url += QLatin1Char('?') + request.rawQuery;
    return url;
}

bool HttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpRequest req;
    req.method = methodName(request.method());
    const QUrl url = request.url();
    req.path = url.path();
    req.rawQuery = url.query(QUrl::FullyEncoded);
    req.query = QUrlQuery(url);
    req.headers = request.headers();
    req.body = request.body();
    req.remote = request.remoteAddress();
    if (req.isForm())
        req.form = FormEncoding::parse(req.body);

    Responder responder(makeResponder(request, socket));
    if (!m_accepting) {
        qCDebug(lcHttp) << req.method << req.path << "-> 503 (stopping)";
        HttpResponse unavailable =
            HttpResponse::detail(503, QStringLiteral("Shutting down: try again shortly"));
        unavailable.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")});
        unavailable.headers.append({QByteArrayLiteral("Connection"), QByteArrayLiteral("close")});
        responder.send(unavailable);
        return true;
    }
    const Match found = match(req.method, req.path);
    if (!found.route) {
        const int status = found.pathKnown ? 405 : 404;
        qCDebug(lcHttp) << req.method << req.path << "->" << status;
        responder.send(HttpResponse::detail(status, found.pathKnown
                                                        ? QStringLiteral("Method Not Allowed")
                                                        : QStringLiteral("Not Found")));
        return true;
    }
    req.pathParams = found.params;
    const Route &route = *found.route;

    if (route.access == Route::Access::TwilioWebhook) {
        const QByteArray signature = req.header("X-Twilio-Signature");
        const QString signedOver = signedUrl(req);
        QString reason;
        if (signature.isEmpty())
            reason = QStringLiteral("missing X-Twilio-Signature");
        else if (!m_validator.hasToken())
            reason = QStringLiteral("no auth token to check signatures with");
        else if (req.isForm() || req.body.isEmpty()
                     // A GET or an empty POST is signed over the URL alone, like a form with
                     // no fields; any other body must be pinned by bodySHA256 in the URL.
                     ? !m_validator.isValid(signedOver, req.form, signature)
                     : !m_validator.isValidBody(signedOver, req.body, signature))
            reason = QStringLiteral("X-Twilio-Signature does not match %1").arg(signedOver);
        if (!reason.isEmpty()) {
            qCWarning(lcHttp).noquote() << "rejected webhook" << req.path << "from"
                                        << req.remote.toString() << ":" << reason;
            Q_EMIT webhookRejected(req.path, reason);
            responder.send(HttpResponse::detail(403, QStringLiteral("Invalid Twilio signature")));
            return true;
        }
        Q_EMIT webhookAccepted(req.path);
    }

    qCDebug(lcHttp) << req.method << req.path;
    route.handler(req, responder);
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Responder(makeResponder(request, socket))
        .send(HttpResponse::detail(404, QStringLiteral("Not Found")));
}

} // namespace flux
