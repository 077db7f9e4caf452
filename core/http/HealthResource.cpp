#include "http/HealthResource.h"

#include "http/ApiPaths.h"

namespace flux {

QList<Route> HealthResource::routes() const
{
    return {{"GET", ApiPaths::Health, Route::Access::Public,
             QStringLiteral("Liveness, mode and the webhook URL"),
             [this](const HttpRequest &, const Responder &responder) {
                 QJsonObject body = m_describe();
                 body.insert(QStringLiteral("status"), QStringLiteral("ok"));
                 responder.send(HttpResponse::json(200, body));
             }}};
}

} // namespace flux
