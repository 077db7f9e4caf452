#include "api/DocsResource.h"

#include "api/ApiPaths.h"
#include "api/ApiServer.h"
#include "api/OpenApiHtml.h"

namespace flux {

QJsonObject DocsResource::document() const
{
    return OpenApiDocument::build(m_server->routes(), m_info());
}

QList<Route> DocsResource::routes() const
{
    Route json{HttpMethod::Get, ApiPaths::OpenApi, Route::Access::Public,
               QStringLiteral("This API as an OpenAPI 3 document"),
               [this](const HttpRequest &, const Responder &responder) {
                   responder.send(HttpResponse::json(HttpStatus::Ok, document()));
               }};
    json.doc.tag = QStringLiteral("Documentation");
    json.doc.description = QStringLiteral(
        "Generated from the server's route table on each request, so it lists exactly the "
        "routes this server serves.");
    RouteResponse jsonOk;
    jsonOk.description = QStringLiteral("The OpenAPI document");
    jsonOk.schema.schema = QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}};
    json.doc.responses = {jsonOk};

    Route html{HttpMethod::Get, ApiPaths::Docs, Route::Access::Public,
               QStringLiteral("This API as a readable page"),
               [this](const HttpRequest &, const Responder &responder) {
                   HttpResponse response;
                   response.contentType = "text/html; charset=utf-8";
                   response.body = OpenApiHtml::render(document());
                   responder.send(response);
               }};
    html.doc.tag = QStringLiteral("Documentation");
    html.doc.description = QStringLiteral(
        "The OpenAPI document rendered on the server as one self-contained HTML page: every "
        "operation with its parameters, examples and a curl command.");
    RouteResponse htmlOk;
    htmlOk.description = QStringLiteral("An HTML page");
    htmlOk.contentType = "text/html";
    htmlOk.schema.schema = QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}};
    html.doc.responses = {htmlOk};
    return {json, html};
}

} // namespace flux
