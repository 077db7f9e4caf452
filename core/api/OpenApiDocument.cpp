#include "api/OpenApiDocument.h"

#include "api/ApiDescriptions.h"

#include <QJsonArray>
#include <QSet>

#include <utility>

namespace flux {

namespace {

const QString SchemaRefPrefix = QStringLiteral("#/components/schemas/");

QString tagOf(const QJsonObject &op)
{
    const QString tag = op.value(QStringLiteral("tags")).toArray().first().toString();
    return tag.isEmpty() ? QStringLiteral("Other") : tag;
}

// The answers the server gives before the handler runs, from the route's access and limits:
// status and the components.responses entry of resources/api/components.json.
QList<std::pair<QString, QString>> serverResponses(const Route &route)
{
    QList<std::pair<QString, QString>> added;
    if (route.access == Route::Access::ApiToken)
        added.append({QStringLiteral("401"), QStringLiteral("NotAuthenticated")});
    if (route.access == Route::Access::TwilioWebhook)
        added.append({QStringLiteral("403"), QStringLiteral("InvalidSignature")});
    if (route.rateLimited)
        added.append({QStringLiteral("429"), QStringLiteral("TooManyCalls")});
    return added;
}

// The components.securitySchemes entry that says how the server checks `access`; none for
// public routes.
QString securitySchemeOf(Route::Access access)
{
    switch (access) {
    case Route::Access::ApiToken:
        return QStringLiteral("bearerAuth");
    case Route::Access::TwilioWebhook:
        return QStringLiteral("twilioSignature");
    case Route::Access::Public:
        break;
    }
    return {};
}

// The schema names of every "$ref" under `value`.
void collectRefs(const QJsonValue &value, QSet<QString> &names)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() == QLatin1String("$ref"))
                names.insert(it.value().toString().mid(SchemaRefPrefix.size()));
            else
                collectRefs(it.value(), names);
        }
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectRefs(item, names);
    }
}

// The named schemas `paths` refers to, and those they refer to in turn: a server's document
// carries only its own.
QJsonObject schemasUsedBy(const QJsonObject &paths, const QJsonObject &known)
{
    QSet<QString> pending;
    collectRefs(paths, pending);
    QJsonObject used;
    while (!pending.isEmpty()) {
        const QString name = *pending.begin();
        pending.erase(pending.begin());
        if (used.contains(name) || !known.contains(name))
            continue;
        used.insert(name, known.value(name));
        collectRefs(known.value(name), pending);
    }
    return used;
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

QJsonObject OpenApiDocument::operation(const Route &route, const ApiDescriptions &descriptions)
{
    QJsonObject op = descriptions.operation(route);
    op.insert(QStringLiteral("operationId"), route.operationId);
    op.insert(QStringLiteral("summary"), route.summary);
    op.insert(QStringLiteral("tags"), QJsonArray{tagOf(op)});
    op.insert(QStringLiteral("x-flux-listener"), listenerOf(route.access));

    // Path parameters in the pattern's order, as described or else as plain strings, and
    // always required; then the query and header parameters as described.
    const QJsonArray described = op.value(QStringLiteral("parameters")).toArray();
    QJsonArray parameters;
    for (const QString &name : pathParams(route.pattern)) {
        QJsonObject param{{QStringLiteral("name"), name},
                          {QStringLiteral("in"), QStringLiteral("path")},
                          {QStringLiteral("schema"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}};
        for (const QJsonValue &value : described) {
            const QJsonObject candidate = value.toObject();
            if (candidate.value(QStringLiteral("in")).toString() == QLatin1String("path") &&
                candidate.value(QStringLiteral("name")).toString() == name)
                param = candidate;
        }
        param.insert(QStringLiteral("required"), true);
        parameters.append(param);
    }
    for (const QJsonValue &value : described) {
        if (value.toObject().value(QStringLiteral("in")).toString() != QLatin1String("path"))
            parameters.append(value);
    }
    if (parameters.isEmpty())
        op.remove(QStringLiteral("parameters"));
    else
        op.insert(QStringLiteral("parameters"), parameters);

    QJsonObject responses = op.value(QStringLiteral("responses")).toObject();
    for (const auto &[status, name] : serverResponses(route))
        responses.insert(status, descriptions.response(name));
    if (responses.isEmpty())
        responses.insert(QStringLiteral("200"),
                         QJsonObject{{QStringLiteral("description"), QStringLiteral("OK")}});
    op.insert(QStringLiteral("responses"), responses);

    const QString scheme = securitySchemeOf(route.access);
    op.insert(QStringLiteral("security"),
              scheme.isEmpty() ? QJsonArray() : QJsonArray{QJsonObject{{scheme, QJsonArray()}}});
    return op;
}

Result<QJsonObject, QStringList> OpenApiDocument::build(const QList<Route> &routes,
                                                        const ApiDescriptions &descriptions,
                                                        const Info &info)
{
    if (QStringList problems = descriptions.problems(routes); !problems.isEmpty())
        return problems;

    QJsonObject paths;
    QJsonArray tags;
    QStringList tagNames;
    QJsonObject securitySchemes;
    for (const Route &route : routes) {
        const QJsonObject op = operation(route, descriptions);
        QJsonObject item = paths.value(route.pattern).toObject();
        item.insert(QString::fromLatin1(httpMethodToken(route.method)).toLower(), op);
        if (route.access == Route::Access::TwilioWebhook && !info.webhookUrl.isEmpty() &&
            info.webhookUrl != info.serverUrl)
            item.insert(
                QStringLiteral("servers"),
                QJsonArray{QJsonObject{
                    {QStringLiteral("url"), info.webhookUrl},
                    {QStringLiteral("description"),
                     QStringLiteral("Where Twilio reaches the webhooks (PUBLIC_BASE_URL)")}}});
        paths.insert(route.pattern, item);
        const QString tag = tagOf(op);
        if (!tagNames.contains(tag)) {
            tagNames.append(tag);
            tags.append(QJsonObject{{QStringLiteral("name"), tag}});
        }
        if (const QString scheme = securitySchemeOf(route.access); !scheme.isEmpty())
            securitySchemes.insert(scheme, descriptions.securityScheme(scheme));
    }

    QJsonObject components;
    if (const QJsonObject schemas = schemasUsedBy(paths, descriptions.schemas());
        !schemas.isEmpty())
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
