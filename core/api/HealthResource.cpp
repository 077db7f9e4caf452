#include "api/HealthResource.h"

#include "api/ApiPaths.h"

#include <QJsonArray>

namespace flux {

QList<Route> HealthResource::routes() const
{
    Route health{HttpMethod::Get, ApiPaths::Health, Route::Access::Public,
                 QStringLiteral("Liveness, mode and the webhook URL"),
                 [this](const HttpRequest &, const Responder &responder) {
                     QJsonObject body = m_describe();
                     body.insert(QStringLiteral("status"), QStringLiteral("ok"));
                     responder.send(HttpResponse::json(HttpStatus::Ok, body));
                 }};
    health.doc.tag = QStringLiteral("Health");
    health.doc.description =
        QStringLiteral("For monitors: answers while the server runs. simulator_url is there in "
                       "simulator mode only.");
    RouteResponse ok;
    ok.description = QStringLiteral("Alive");
    ok.schema.schema = QJsonObject{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("required"), QJsonArray{QStringLiteral("status"), QStringLiteral("mode")}},
        {QStringLiteral("properties"),
         QJsonObject{
             {QStringLiteral("status"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
             {QStringLiteral("version"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
             {QStringLiteral("mode"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
             {QStringLiteral("twilio_configured"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("boolean")}}},
             {QStringLiteral("webhook_base_url"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
             {QStringLiteral("simulator_url"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
         }}};
    ok.example =
        QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                    {QStringLiteral("version"), QStringLiteral(FLUX_VERSION)},
                    {QStringLiteral("mode"), QStringLiteral("simulator")},
                    {QStringLiteral("twilio_configured"), true},
                    {QStringLiteral("webhook_base_url"), QStringLiteral("http://127.0.0.1:8000")},
                    {QStringLiteral("simulator_url"), QStringLiteral("http://127.0.0.1:40123")}};
    health.doc.responses = {ok};
    return {health};
}

} // namespace flux
