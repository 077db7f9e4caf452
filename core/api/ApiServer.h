// ApiServer: the app's HTTP API on a generic HttpServer: the route table, and who may call what.
// Routing, webhook signatures, the API token, rate limits and error shaping happen here once,
// before any handler runs.
#pragma once

#include "api/BearerAuth.h"
#include "api/RateLimiter.h"
#include "api/Route.h"
#include "net/HttpServer.h"
#include "net/RequestHandler.h"
#include "net/RequestLimits.h"
#include "twilio/SignatureValidator.h"

#include <QHostAddress>
#include <QObject>

#include <array>

namespace flux {

class ApiServer : public QObject
{
    Q_OBJECT
public:
    // Which routes a listener serves; the others are answered 404 there.
    enum class Serves
    {
        Everything,
        Api,     // the scripted API (bearer token) and public routes
        Webhooks // Twilio's webhooks and public routes
    };

    explicit ApiServer(QObject *parent = nullptr);

    void addRoutes(const QList<Route> &routes);
    const QList<Route> &routes() const { return m_routes; }

    // Webhook routes are checked against `publicBaseUrl` + path + query with this validator.
    void setWebhookSignature(const SignatureValidator &validator, const QString &publicBaseUrl);
    // Lets webhooks through unsigned: only for an explicit opt-out that the caller logs.
    void setSkipWebhookSignature(bool skip) { m_skipSignature = skip; }
    // Route::Access::ApiToken routes require this bearer token; with none they refuse all.
    void setApiToken(const QByteArray &token) { m_bearer = BearerAuth(token); }
    // For listeners opened afterwards.
    void setRequestLimits(const RequestLimits &limits) { m_http->setRequestLimits(limits); }
    // For routes marked rateLimited, per client address and overall.
    void setCallRateLimits(const RateLimiter::Limits &limits)
    {
        m_rateLimiter = RateLimiter(limits);
    }

    // Returns the bound port, or 0 when the address could not be bound. A listener serves
    // the public routes and, as `serves` says, the API routes, the webhooks or both.
    [[nodiscard]] quint16 listenOn(const QHostAddress &address, quint16 port,
                                   Serves serves = Serves::Everything);
    // The first listener's port.
    quint16 port() const { return m_http->port(); }
    // Connections open on all listeners.
    int openConnections() const { return m_http->openConnections(); }

    // For shutdown: no new connections, and every request still arriving on an open one is
    // answered 503 before any handler runs, so nothing is written for it.
    void stopAccepting() { m_http->stopAccepting(); }
    bool isAccepting() const { return m_http->isAccepting(); }

Q_SIGNALS:
    void webhookAccepted(const QString &path);
    void webhookRejected(const QString &path, const QString &reason);

private:
    // The RequestHandler of the listeners that serve one Serves.
    class ScopedHandler : public RequestHandler
    {
    public:
        ScopedHandler(ApiServer *api, Serves serves) : m_api(api), m_serves(serves) {}
        void handleRequest(HttpRequest &request, const Responder &responder) override
        {
            m_api->dispatch(request, responder, m_serves);
        }

    private:
        ApiServer *m_api;
        Serves m_serves;
    };

    void dispatch(HttpRequest &request, const Responder &responder, Serves serves);
    struct Match;
    Match match(HttpMethod method, const QString &path, Serves serves) const;
    QString signedUrl(const HttpRequest &request) const;
    // Each answers and returns true when the request must not reach its handler.
    bool refuseUnsigned(const HttpRequest &request, const Responder &responder);
    bool refuseUnauthenticated(const HttpRequest &request, const Responder &responder) const;
    bool refuseOverRate(const HttpRequest &request, const Responder &responder);

    HttpServer *m_http;
    std::array<ScopedHandler, 3> m_handlers;
    QList<Route> m_routes;
    // Each route's pattern split into segments once, not on every request; same order.
    QList<QStringList> m_patternSegments;
    SignatureValidator m_validator;
    QString m_publicBaseUrl;
    bool m_skipSignature = false;
    BearerAuth m_bearer;
    RateLimiter m_rateLimiter;
};

} // namespace flux
