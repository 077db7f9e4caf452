#include "api/OpenApiDocument.h"

#include <QJsonArray>

namespace flux {

namespace {

QJsonValue schemaValue(const RouteSchema &schema, QJsonObject &schemas)
{
    if (schema.name.isEmpty())
        return schema.schema;
    schemas.insert(schema.name, schema.schema);
    return QJsonObject{
        {QStringLiteral("$ref"), QStringLiteral("#/components/schemas/%1").arg(schema.name)}};
}

QJsonObject media(const RouteSchema &schema, const QJsonValue &example, QJsonObject &schemas)
{
    QJsonObject content;
    if (!schema.schema.isEmpty())
        content.insert(QStringLiteral("schema"), schemaValue(schema, schemas));
    if (!example.isUndefined() && !example.isNull())
        content.insert(QStringLiteral("example"), example);
    return content;
}

QJsonObject parameter(const RouteParam &param)
{
    QJsonObject object{
        {QStringLiteral("name"), param.name},
        {QStringLiteral("in"), param.in},
        {QStringLiteral("required"), param.required || param.in == QLatin1String("path")},
        {QStringLiteral("schema"), param.schema},
    };
    if (!param.description.isEmpty())
        object.insert(QStringLiteral("description"), param.description);
    if (!param.example.isEmpty())
        object.insert(QStringLiteral("example"), param.example);
    return object;
}

// The answers the server gives before the handler runs, from the route's access and limits.
QList<RouteResponse> serverResponses(const Route &route)
{
    QList<RouteResponse> added;
    if (route.access == Route::Access::ApiToken)
        added.append(RouteResponse::detail(
            401, QStringLiteral("No API token, or the wrong one (WWW-Authenticate: Bearer)"),
            QStringLiteral("Not authenticated")));
    if (route.access == Route::Access::TwilioWebhook)
        added.append(RouteResponse::detail(
            403, QStringLiteral("X-Twilio-Signature is missing or does not match"),
            QStringLiteral("Invalid Twilio signature")));
    if (route.rateLimited)
        added.append(RouteResponse::detail(
            429,
            QStringLiteral("Over FLUX_RATE_PER_CLIENT or FLUX_RATE_TOTAL calls per minute; "
                           "Retry-After says when to try again"),
            QStringLiteral("Too many calls from this client: at most 10 per minute")));
    return added;
}

} // namespace

QStringList OpenApiDocument::pathParams(const QString &pattern)
{
    QStringList names;
    for (const QString &part : pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part.startsWith(QLatin1Char('{')) && part.endsWith(QLatin1Char('}')))
            names.append(part.mid(1, part.size() - 2));
    }
    return names;
}

QString OpenApiDocument::operationId(HttpMethod method, const QString &pattern)
{
    QString id = QString::fromLatin1(httpMethodToken(method)).toLower();
    for (const QChar c : pattern) {
        if (c.isLetterOrNumber())
            id.append(c);
        else if (c == QLatin1Char('/') || c == QLatin1Char('.') || c == QLatin1Char('-'))
            id.append(QLatin1Char('_'));
    }
    return id;
}

QString OpenApiDocument::listenerOf(Route::Access access)
{
    switch (access) {
    case Route::Access::ApiToken:
        return QStringLiteral("api");
    case Route::Access::TwilioWebhook:
        return QStringLiteral("webhooks");
    case Route::Access::Public:
        break;
    }
    return QStringLiteral("both");
}

QJsonObject OpenApiDocument::operation(const Route &route, QJsonObject &schemas)
{
    const RouteDoc &doc = route.doc;
    QJsonObject op{
        {QStringLiteral("operationId"), operationId(route.method, route.pattern)},
        {QStringLiteral("summary"), route.summary},
        {QStringLiteral("tags"), QJsonArray{doc.tag.isEmpty() ? QStringLiteral("Other") : doc.tag}},
        {QStringLiteral("x-flux-listener"), listenerOf(route.access)},
    };
    if (!doc.description.isEmpty())
        op.insert(QStringLiteral("description"), doc.description);

    QJsonArray parameters;
    for (const QString &name : pathParams(route.pattern)) {
        RouteParam param{name, QStringLiteral("path"), {}, true};
        for (const RouteParam &described : doc.params) {
            if (described.in == QLatin1String("path") && described.name == name)
                param = described;
        }
        parameters.append(parameter(param));
    }
    for (const RouteParam &param : doc.params) {
        if (param.in != QLatin1String("path"))
            parameters.append(parameter(param));
    }
    if (!parameters.isEmpty())
        op.insert(QStringLiteral("parameters"), parameters);

    if (!doc.requestBodies.isEmpty()) {
        QJsonObject content;
        for (const RouteBody &body : doc.requestBodies)
            content.insert(QString::fromLatin1(body.contentType),
                           media(body.schema, body.example, schemas));
        op.insert(QStringLiteral("requestBody"), QJsonObject{{QStringLiteral("required"), true},
                                                             {QStringLiteral("content"), content}});
    }

    QJsonObject responses;
    const QList<RouteResponse> all = doc.responses + serverResponses(route);
    for (const RouteResponse &response : all) {
        QJsonObject answer{{QStringLiteral("description"), response.description}};
        if (!response.schema.schema.isEmpty() || !response.example.isUndefined())
            answer.insert(QStringLiteral("content"),
                          QJsonObject{{QString::fromLatin1(response.contentType),
                                       media(response.schema, response.example, schemas)}});
        if (response.status == 429)
            answer.insert(
                QStringLiteral("headers"),
                QJsonObject{{QStringLiteral("Retry-After"),
                             QJsonObject{{QStringLiteral("description"),
                                          QStringLiteral("Seconds until a call is allowed")},
                                         {QStringLiteral("schema"),
                                          QJsonObject{{QStringLiteral("type"),
                                                       QStringLiteral("integer")}}}}}});
        responses.insert(QString::number(response.status), answer);
    }
    if (responses.isEmpty())
        responses.insert(QStringLiteral("200"),
                         QJsonObject{{QStringLiteral("description"), QStringLiteral("OK")}});
    op.insert(QStringLiteral("responses"), responses);

    switch (route.access) {
    case Route::Access::ApiToken:
        op.insert(QStringLiteral("security"),
                  QJsonArray{QJsonObject{{QStringLiteral("bearerAuth"), QJsonArray()}}});
        break;
    case Route::Access::TwilioWebhook:
        op.insert(QStringLiteral("security"),
                  QJsonArray{QJsonObject{{QStringLiteral("twilioSignature"), QJsonArray()}}});
        break;
    case Route::Access::Public:
        op.insert(QStringLiteral("security"), QJsonArray());
        break;
    }
    return op;
}

QJsonObject OpenApiDocument::build(const QList<Route> &routes, const Info &info)
{
    QJsonObject schemas;
    QJsonObject paths;
    QJsonArray tags;
    QStringList tagNames;
    bool bearer = false;
    bool signature = false;
    for (const Route &route : routes) {
        QJsonObject item = paths.value(route.pattern).toObject();
        item.insert(QString::fromLatin1(httpMethodToken(route.method)).toLower(),
                    operation(route, schemas));
        if (route.access == Route::Access::TwilioWebhook && !info.webhookUrl.isEmpty() &&
            info.webhookUrl != info.serverUrl)
            item.insert(
                QStringLiteral("servers"),
                QJsonArray{QJsonObject{
                    {QStringLiteral("url"), info.webhookUrl},
                    {QStringLiteral("description"),
                     QStringLiteral("Where Twilio reaches the webhooks (PUBLIC_BASE_URL)")}}});
        paths.insert(route.pattern, item);
        const QString tag = route.doc.tag.isEmpty() ? QStringLiteral("Other") : route.doc.tag;
        if (!tagNames.contains(tag)) {
            tagNames.append(tag);
            tags.append(QJsonObject{{QStringLiteral("name"), tag}});
        }
        bearer |= route.access == Route::Access::ApiToken;
        signature |= route.access == Route::Access::TwilioWebhook;
    }

    QJsonObject securitySchemes;
    if (bearer)
        securitySchemes.insert(
            QStringLiteral("bearerAuth"),
            QJsonObject{{QStringLiteral("type"), QStringLiteral("http")},
                        {QStringLiteral("scheme"), QStringLiteral("bearer")},
                        {QStringLiteral("description"),
                         QStringLiteral("FLUX_API_TOKEN, or the token generated into "
                                        "<data dir>/api-token on first start")}});
    if (signature)
        securitySchemes.insert(
            QStringLiteral("twilioSignature"),
            QJsonObject{{QStringLiteral("type"), QStringLiteral("apiKey")},
                        {QStringLiteral("in"), QStringLiteral("header")},
                        {QStringLiteral("name"), QStringLiteral("X-Twilio-Signature")},
                        {QStringLiteral("description"),
                         QStringLiteral("Base64 HMAC-SHA1, keyed with the Twilio auth token, of "
                                        "PUBLIC_BASE_URL + path + query followed by the sorted "
                                        "POST parameters (name then value)")}});
    QJsonObject components;
    if (!schemas.isEmpty())
        components.insert(QStringLiteral("schemas"), schemas);
    if (!securitySchemes.isEmpty())
        components.insert(QStringLiteral("securitySchemes"), securitySchemes);

    QJsonObject document{
        {QStringLiteral("openapi"), QStringLiteral("3.0.3")},
        {QStringLiteral("info"), QJsonObject{{QStringLiteral("title"), info.title},
                                             {QStringLiteral("version"), info.version},
                                             {QStringLiteral("description"), info.description}}},
        {QStringLiteral("tags"), tags},
        {QStringLiteral("paths"), paths},
        {QStringLiteral("components"), components},
    };
    if (!info.serverUrl.isEmpty())
        document.insert(QStringLiteral("servers"),
                        QJsonArray{QJsonObject{{QStringLiteral("url"), info.serverUrl}}});
    return document;
}

} // namespace flux
