#include "api/ApiServer.h"

#include "base/LogCategories.h"

#include <QVarLengthArray>

#include <cstddef>

namespace flux {

namespace {

// Splits a pattern or a path into segments; "/a/{b}" -> ["a", "{b}"].
QStringList segments(const QString &path)
{
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

bool isParameter(const QString &segment)
{
    return segment.startsWith(QLatin1Char('{')) && segment.endsWith(QLatin1Char('}'));
}

// Public routes are served everywhere; the API and the webhooks only where the listener says.
bool isServed(Route::Access access, ApiServer::Serves serves)
{
    switch (access) {
    case Route::Access::Public:
        return true;
    case Route::Access::ApiToken:
        return serves != ApiServer::Serves::Webhooks;
    case Route::Access::TwilioWebhook:
        return serves != ApiServer::Serves::Api;
    }
    return false;
}

} // namespace

struct ApiServer::Match
{
    const Route *route = nullptr;
    QHash<QString, QString> params;
    bool pathKnown = false; // some route has this path, perhaps under another method
};

ApiServer::ApiServer(QObject *parent)
    : QObject(parent),
      m_http(new HttpServer(this)), m_handlers{ScopedHandler(this, Serves::Everything),
                                               ScopedHandler(this, Serves::Api),
                                               ScopedHandler(this, Serves::Webhooks)}
{}

void ApiServer::addRoutes(const QList<Route> &routes)
{
    m_routes.append(routes);
    for (const Route &route : routes)
        m_patternSegments.append(segments(route.pattern));
}

void ApiServer::setWebhookSignature(const SignatureValidator &validator,
                                    const QString &publicBaseUrl)
{
    m_validator = validator;
    m_publicBaseUrl = publicBaseUrl;
    while (m_publicBaseUrl.endsWith(QLatin1Char('/')))
        m_publicBaseUrl.chop(1);
}

quint16 ApiServer::listenOn(const QHostAddress &address, quint16 port, Serves serves)
{
    return m_http->listenOn(address, port, &m_handlers.at(std::size_t(serves)));
}

ApiServer::Match ApiServer::match(HttpMethod method, const QString &path, Serves serves) const
{
    // Views into `path`, not a QStringList, and path params only for the route chosen: this
    // runs for every request against every route.
    QVarLengthArray<QStringView, 8> pathSegments;
    for (const QStringView part : QStringView(path).tokenize(u'/', Qt::SkipEmptyParts))
        pathSegments.append(part);
    Match best;
    qsizetype bestIndex = -1;
    int bestLiterals = -1;
    for (qsizetype r = 0; r < m_routes.size(); ++r) {
        const Route &route = m_routes.at(r);
        if (!isServed(route.access, serves))
            continue;
        const QStringList &patternSegments = m_patternSegments.at(r);
        if (patternSegments.size() != pathSegments.size())
            continue;
        int literals = 0;
        bool matches = true;
        for (qsizetype i = 0; i < patternSegments.size() && matches; ++i) {
            const QString &part = patternSegments.at(i);
            if (isParameter(part))
                continue;
            if (part == pathSegments.at(i))
                ++literals;
            else
                matches = false;
        }
        if (!matches)
            continue;
        best.pathKnown = true;
        // Literal segments win over parameters, whatever the method: /call/twiml before
        // /call/{call_sid}, and GET /notifications/call is the create path's (405), not a
        // notification called "call".
        if (literals > bestLiterals) {
            best.route = nullptr;
            bestIndex = -1;
            bestLiterals = literals;
        }
        if (route.method == method && literals == bestLiterals && bestIndex < 0) {
            best.route = &route;
            bestIndex = r;
        }
    }
    if (bestIndex >= 0) {
        const QStringList &patternSegments = m_patternSegments.at(bestIndex);
        for (qsizetype i = 0; i < patternSegments.size(); ++i) {
            const QString &part = patternSegments.at(i);
            if (isParameter(part))
                best.params.insert(part.mid(1, part.size() - 2), pathSegments.at(i).toString());
        }
    }
    return best;
}

QString ApiServer::signedUrl(const HttpRequest &request) const
{
    QString url = m_publicBaseUrl + request.path;
    if (!request.rawQuery.isEmpty())
        url += QLatin1Char('?') + request.rawQuery;
    return url;
}

void ApiServer::dispatch(HttpRequest &req, const Responder &responder, Serves serves)
{
    // Any token is a method; one no route can have (HttpMethod::Unknown) matches no route.
    const Match found = match(httpMethodOf(req.method), req.path, serves);
    if (!found.route) {
        const HttpStatus status =
            found.pathKnown ? HttpStatus::MethodNotAllowed : HttpStatus::NotFound;
        qCDebug(lcHttp) << req.method << req.path << "->" << int(status);
        responder.send(HttpResponse::detail(status, found.pathKnown
                                                        ? QStringLiteral("Method Not Allowed")
                                                        : QStringLiteral("Not Found")));
        return;
    }
    req.pathParams = found.params;
    const Route &route = *found.route;

    if (route.access == Route::Access::TwilioWebhook && refuseUnsigned(req, responder))
        return;
    if (route.access == Route::Access::ApiToken && refuseUnauthenticated(req, responder))
        return;
    // After the token check: a stranger's requests must not spend the owner's budget.
    if (route.rateLimited && refuseOverRate(req, responder))
        return;

    qCDebug(lcHttp) << req.method << req.path;
    route.handler(req, responder);
}

bool ApiServer::refuseUnsigned(const HttpRequest &req, const Responder &responder)
{
    if (m_skipSignature) {
        Q_EMIT webhookAccepted(req.path);
        return false;
    }
    const QByteArray signature = req.header("X-Twilio-Signature");
    // Always PUBLIC_BASE_URL + path + query: Host and X-Forwarded-* are the client's to
    // choose, so they never change which URL the signature must cover.
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
    if (reason.isEmpty()) {
        Q_EMIT webhookAccepted(req.path);
        return false;
    }
    qCWarning(lcHttp).noquote() << "rejected webhook" << req.path << "from" << req.remote.toString()
                                << ":" << reason;
    Q_EMIT webhookRejected(req.path, reason);
    responder.send(
        HttpResponse::detail(HttpStatus::Forbidden, QStringLiteral("Invalid Twilio signature")));
    return true;
}

bool ApiServer::refuseUnauthenticated(const HttpRequest &req, const Responder &responder) const
{
    const BearerAuth::Outcome outcome = m_bearer.check(req.header("Authorization"));
    if (outcome == BearerAuth::Outcome::Accepted)
        return false;
    const bool missing = outcome == BearerAuth::Outcome::Missing;
    // What was sent is never repeated, in the log or the answer.
    qCInfo(lcHttp).noquote() << "refused" << req.method << req.path << "from"
                             << req.remote.toString()
                             << (missing ? ": no API token" : ": wrong API token");
    HttpResponse response = HttpResponse::detail(HttpStatus::Unauthorized,
                                                 missing ? QStringLiteral("Not authenticated")
                                                         : QStringLiteral("Invalid API token"));
    response.headers.append(
        {"WWW-Authenticate",
         missing ? QByteArray("Bearer") : QByteArray("Bearer error=\"invalid_token\"")});
    responder.send(response);
    return true;
}

bool ApiServer::refuseOverRate(const HttpRequest &req, const Responder &responder)
{
    const RateLimiter::Decision decision = m_rateLimiter.take(req.remote);
    if (decision.allowed)
        return false;
    const QString detail =
        decision.clientLimited
            ? QStringLiteral("Too many calls from this client: at most %1 per minute")
                  .arg(m_rateLimiter.limits().perClientPerMinute)
            : QStringLiteral("Too many calls: at most %1 per minute in all")
                  .arg(m_rateLimiter.limits().totalPerMinute);
    qCInfo(lcHttp).noquote() << "refused" << req.method << req.path << "from"
                             << req.remote.toString() << ":" << detail;
    HttpResponse response = HttpResponse::detail(HttpStatus::TooManyRequests, detail);
    response.headers.append({"Retry-After", QByteArray::number(decision.retryAfterSeconds)});
    responder.send(response);
    return true;
}

} // namespace flux
