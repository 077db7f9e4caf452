// ApiDescriptions: what the API document says about each operation (prose, parameters, bodies,
// answers, examples and the schemas they name), read from the JSON files under resources/api
// and keyed by the operationId a Route names; OpenApiDocument joins them to the route table.
#pragma once

#include "api/Route.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace flux {

class ApiDescriptions
{
public:
    // The files every server's document reads: the shared schemas and answers, and the
    // description of /openapi.json and /docs.
    static QStringList sharedFiles();

    // Reads each file, e.g. ":/api/calls.json". A file that cannot be read or that describes
    // an operation or schema another file does is one of problems().
    static ApiDescriptions load(const QStringList &files);
    // One file's JSON, named `source` in problems().
    void add(const QString &source, const QJsonObject &file);

    // Every way `routes` and these descriptions disagree: a route naming no description, a
    // description no route names, a parameter its path lacks, a "${name}" the route gives no
    // value for or a value it does not use, a $ref to no schema. Empty when the document
    // describes exactly what is served.
    [[nodiscard]] QStringList problems(const QList<Route> &routes) const;

    // The OpenAPI operation the route names, each "${name}" in it replaced by the route's
    // docValues; empty when there is none.
    QJsonObject operation(const Route &route) const;
    const QJsonObject &schemas() const { return m_schemas; }
    // An answer given before any handler runs (components.responses), e.g. "NotAuthenticated".
    QJsonObject response(const QString &name) const { return m_responses.value(name).toObject(); }
    QJsonObject securityScheme(const QString &name) const
    {
        return m_securitySchemes.value(name).toObject();
    }

private:
    QHash<QString, QJsonObject> m_operations; // by operationId
    QHash<QString, QString> m_sources;        // operationId -> the file describing it
    QJsonObject m_schemas;
    QJsonObject m_responses;
    QJsonObject m_securitySchemes;
    QStringList m_loadProblems;
};

} // namespace flux
