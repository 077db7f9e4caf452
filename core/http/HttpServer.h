// HttpServer: the app's HTTP/1.1 server: its listeners, and the route table's dispatcher. Limits,
// the API token, rate limits, signature checks and error shaping happen here once, before any
// handler runs.
#pragma once

#include "http/BearerAuth.h"
#include "http/HttpConnection.h"
#include "http/RateLimiter.h"
#include "http/RequestLimits.h"
#include "http/Route.h"
#include "twilio/SignatureValidator.h"

#include <QHostAddress>
#include <QObject>

namespace flux {

class HttpListener;

class HttpServer : public QObject
{
    Q_OBJECT
public:
    using Serves = HttpConnection::Serves;

    explicit HttpServer(QObject *parent = nullptr);

    void addRoutes(const QList<Route> &routes);
    const QList<Route> &routes() const { return m_routes; }

    // Webhook routes are checked against `publicBaseUrl` + path + query with this validator.
    void setWebhookSignature(const SignatureValidator &validator, const QString &publicBaseUrl);
    // Lets webhooks through unsigned: only for an explicit opt-out that the caller logs.
    void setSkipWebhookSignature(bool skip) { m_skipSignature = skip; }
    // Route::Access::ApiToken routes require this bearer token; with none they refuse all.
    void setApiToken(const QByteArray &token) { m_bearer = BearerAuth(token); }
    // For listeners opened afterwards.
    void setRequestLimits(const RequestLimits &limits) { m_limits = limits; }
    // For routes marked rateLimited, per client address and overall.
    void setCallRateLimits(const RateLimiter::Limits &limits)
    {
        m_rateLimiter = RateLimiter(limits);
    }

    // Returns the bound port, or 0 when the address could not be bound. A listener serves
    // the public routes and, as `serves` says, the API routes, the webhooks or both.
    quint16 listenOn(const QHostAddress &address, quint16 port, Serves serves = Serves::Everything);
    // The first listener's port.
    quint16 port() const { return m_port; }
    // Connections open on all listeners.
    int openConnections() const;

    // For shutdown: no new connections, and every request still arriving on an open one is
    // answered 503 before any handler runs, so nothing is written for it.
    void stopAccepting();
    bool isAccepting() const { return m_accepting; }

Q_SIGNALS:
    void webhookAccepted(const QString &path);
    void webhookRejected(const QString &path, const QString &reason);

private:
    void handleRequest(HttpRequest &request, const Responder &responder, Serves serves);
    struct Match;
    Match match(const QByteArray &method, const QString &path, Serves serves) const;
    QString signedUrl(const HttpRequest &request) const;
    // Each answers and returns true when the request must not reach its handler.
    bool refuseUnsigned(const HttpRequest &request, const Responder &responder);
    bool refuseUnauthenticated(const HttpRequest &request, const Responder &responder) const;
    bool refuseOverRate(const HttpRequest &request, const Responder &responder);

    QList<HttpListener *> m_listeners;
    QList<Route> m_routes;
    // Each route's pattern split into segments once, not on every request; same order.
    QList<QStringList> m_patternSegments;
    SignatureValidator m_validator;
    QString m_publicBaseUrl;
    bool m_skipSignature = false;
    BearerAuth m_bearer;
    RequestLimits m_limits;
    RateLimiter m_rateLimiter;
    quint16 m_port = 0;
    bool m_accepting = true;
};

} // namespace flux
