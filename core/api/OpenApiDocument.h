// OpenApiDocument: the OpenAPI 3 document of a route table, built from the same Route entries
// the server dispatches on and the descriptions they name, so the document cannot list a route
// the server lacks or miss one.
#pragma once

#include "api/Route.h"
#include "base/Result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace flux {

class ApiDescriptions;

class OpenApiDocument
{
public:
    struct Info
    {
        QString title;
        QString version;
        QString description;
        QString serverUrl; // where the routes are reached, e.g. http://127.0.0.1:8000
        // Where Twilio reaches the webhook routes (PUBLIC_BASE_URL), when that differs.
        QString webhookUrl;
    };

    // Paths and methods from `routes`, everything else from `descriptions`; when the two
    // disagree (ApiDescriptions::problems), those problems and no document.
    static Result<QJsonObject, QStringList>
    build(const QList<Route> &routes, const ApiDescriptions &descriptions, const Info &info);

    // "{call_sid}" and friends, in the order the pattern names them.
    static QStringList pathParams(const QString &pattern);
    // Where a route is served when --webhook-listen splits the listeners.
    static QString listenerOf(Route::Access access);

private:
    static QJsonObject operation(const Route &route, const ApiDescriptions &descriptions);
};

} // namespace flux
