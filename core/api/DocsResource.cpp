#include "api/DocsResource.h"

#include "api/ApiPaths.h"
#include "api/ApiServer.h"
#include "api/OpenApiHtml.h"
#include "base/LogCategories.h"

namespace flux {

DocsResource::DocsResource(const ApiServer *server, const QStringList &descriptionFiles,
                           std::function<OpenApiDocument::Info()> info)
    : m_server(server),
      m_descriptions(ApiDescriptions::load(ApiDescriptions::sharedFiles() + descriptionFiles)),
      m_info(std::move(info))
{}

Result<QJsonObject, QStringList> DocsResource::document() const
{
    auto built = OpenApiDocument::build(m_server->routes(), m_descriptions, m_info());
    if (!built) {
        for (const QString &problem : built.error())
            qCCritical(lcApi).noquote() << "the API document cannot be built:" << problem;
    }
    return built;
}

QList<Route> DocsResource::routes() const
{
    // A route table and descriptions that disagree are a bug of this build: 500, naming them.
    const auto failed = [](const QStringList &problems) {
        return HttpResponse::detail(
            HttpStatus::InternalServerError,
            QStringLiteral("The API document disagrees with the route table: ") +
                problems.join(QStringLiteral("; ")));
    };
    Route json{HttpMethod::Get,
               ApiPaths::OpenApi,
               Route::Access::Public,
               QStringLiteral("get_openapi_json"),
               QStringLiteral("This API as an OpenAPI 3 document"),
               [this, failed](const HttpRequest &, const Responder &responder) {
                   const auto built = document();
                   responder.send(built ? HttpResponse::json(HttpStatus::Ok, built.value())
                                        : failed(built.error()));
               }};
    Route html{HttpMethod::Get,
               ApiPaths::Docs,
               Route::Access::Public,
               QStringLiteral("get_docs"),
               QStringLiteral("This API as a readable page"),
               [this, failed](const HttpRequest &, const Responder &responder) {
                   const auto built = document();
                   if (!built)
                       return responder.send(failed(built.error()));
                   HttpResponse response;
                   response.contentType = "text/html; charset=utf-8";
                   response.body = OpenApiHtml::render(built.value());
                   responder.send(response);
               }};
    return {json, html};
}

} // namespace flux
