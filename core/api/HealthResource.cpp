#include "api/HealthResource.h"

#include "api/ApiPaths.h"

namespace flux {

QList<Route> HealthResource::routes() const
{
    Route health{HttpMethod::Get,
                 ApiPaths::Health,
                 Route::Access::Public,
                 QStringLiteral("get_healthz"),
                 QStringLiteral("Liveness, mode and the webhook URL"),
                 [this](const HttpRequest &, const Responder &responder) {
                     QJsonObject body = m_describe();
                     body.insert(QStringLiteral("status"), QStringLiteral("ok"));
                     responder.send(HttpResponse::json(HttpStatus::Ok, body));
                 }};
    // The example answer names the version this build answers with.
    health.docValues = {{QStringLiteral("version"), QStringLiteral(FLUX_VERSION)}};
    return {health};
}

} // namespace flux
