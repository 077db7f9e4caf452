// DocsResource: GET /openapi.json and GET /docs, generated on each request from the route table
// of the server that serves them (these two routes included). Public, like /healthz, and so
// served on every listener: they describe the API, they hold no secret.
#pragma once

#include "api/OpenApiDocument.h"
#include "api/Route.h"

#include <functional>

namespace flux {

class ApiServer;

class DocsResource
{
public:
    // `info` is asked on each request: the server's URL is known only once it listens.
    DocsResource(const ApiServer *server, std::function<OpenApiDocument::Info()> info)
        : m_server(server), m_info(std::move(info))
    {}
    QList<Route> routes() const;

private:
    QJsonObject document() const;

    const ApiServer *m_server;
    std::function<OpenApiDocument::Info()> m_info;
};

} // namespace flux
