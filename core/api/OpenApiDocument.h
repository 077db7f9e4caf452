// OpenApiDocument: the OpenAPI 3 document of a route table, built from the same Route entries
// the server dispatches on, so the document cannot list a route the server lacks or miss one.
#pragma once

#include "api/Route.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace flux {

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

    static QJsonObject build(const QList<Route> &routes, const Info &info);

    // "{call_sid}" and friends, in the order the pattern names them.
    static QStringList pathParams(const QString &pattern);
    // Unique per method and pattern: "post_notifications_call".
    static QString operationId(HttpMethod method, const QString &pattern);
    // Where a route is served when --webhook-listen splits the listeners.
    static QString listenerOf(Route::Access access);

private:
    static QJsonObject operation(const Route &route, QJsonObject &schemas);
};

} // namespace flux
