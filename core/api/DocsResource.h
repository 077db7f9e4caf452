// DocsResource: GET /openapi.json and GET /docs, generated on each request from the route table
// of the server that serves them (these two routes included) and the descriptions under
// resources/api. Public, like /healthz, and so served on every listener: they describe the
// API, they hold no secret.
#pragma once

#include "api/ApiDescriptions.h"
#include "api/OpenApiDocument.h"
#include "api/Route.h"

#include <functional>

namespace flux {

class ApiServer;

class DocsResource
{
public:
    // `descriptionFiles`: what the server's routes name, e.g. ":/api/calls.json", besides
    // ApiDescriptions::sharedFiles(). `info` is asked on each request: the server's URL is
    // known only once it listens.
    DocsResource(const ApiServer *server, const QStringList &descriptionFiles,
                 std::function<OpenApiDocument::Info()> info);
    QList<Route> routes() const;

    // The document, or every way the route table and the descriptions disagree.
    [[nodiscard]] Result<QJsonObject, QStringList> document() const;

private:
    const ApiServer *m_server;
    ApiDescriptions m_descriptions;
    std::function<OpenApiDocument::Info()> m_info;
};

} // namespace flux
