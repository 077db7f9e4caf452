// RouteDoc: what the API document says about one route, declared next to the route as plain
// data; OpenApiDocument turns a route table's RouteDocs into OpenAPI 3.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace flux {

// A JSON schema; with a name it goes once into components/schemas and is referenced by it.
struct RouteSchema
{
    QString name; // empty: written inline
    QJsonObject schema;
};

struct RouteParam
{
    RouteParam() = default;
    RouteParam(QString name, QString in, QString description = {}, bool required = false,
               QJsonObject schema = {{QStringLiteral("type"), QStringLiteral("string")}},
               QString example = {})
        : name(std::move(name)), in(std::move(in)), description(std::move(description)),
          required(required), schema(std::move(schema)), example(std::move(example))
    {}

    QString name;
    QString in; // "path", "query" or "header"
    QString description;
    bool required = false;
    QJsonObject schema{{QStringLiteral("type"), QStringLiteral("string")}};
    QString example;
};

struct RouteBody
{
    QByteArray contentType = "application/json";
    RouteSchema schema;
    QJsonValue example; // what the /docs page and its curl example send
};

struct RouteResponse
{
    int status = 200;
    QString description;
    QByteArray contentType = "application/json";
    RouteSchema schema;
    QJsonValue example;

    // {"detail": "..."}: every error the server shapes itself (401, 403, 404, 409, 429, 503).
    static RouteResponse detail(int status, const QString &description,
                                const QString &example = {});
    // FastAPI's 422: {"detail": [{"loc": [...], "msg": "...", "type": "..."}]}.
    static RouteResponse validation(const QString &description, const QJsonValue &example = {});
    static RouteSchema detailSchema();
    static RouteSchema validationSchema();
};

struct RouteDoc
{
    QString description; // a paragraph after the summary
    QString tag;         // the group on /docs, e.g. "Calls"
    // Path parameters come from the pattern; list one here only to describe it.
    QList<RouteParam> params;
    QList<RouteBody> requestBodies; // one per accepted content type
    // The server adds 401 (API token), 403 (signature) and 429 (rate limit) from the route's
    // access and rateLimited, so a route lists only what its handler answers.
    QList<RouteResponse> responses;
};

} // namespace flux
