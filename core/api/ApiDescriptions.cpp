#include "api/ApiDescriptions.h"

#include "api/OpenApiDocument.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace flux {

namespace {

const QString SchemaRefPrefix = QStringLiteral("#/components/schemas/");

// "${name}", the placeholder for a value the route gives (Route::docValues).
const QRegularExpression &placeholder()
{
    static const QRegularExpression pattern(QStringLiteral("\\$\\{([A-Za-z0-9_]+)\\}"));
    return pattern;
}

// `value` with every placeholder filled from `values`: a string that is one placeholder becomes
// the value itself (a number stays a number), one inside text becomes its text. The names
// found go to `used`, those without a value to `missing`.
QJsonValue fill(const QJsonValue &value, const QJsonObject &values, QSet<QString> &used,
                QSet<QString> &missing)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = fill(it.value(), values, used, missing);
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (auto it = array.begin(); it != array.end(); ++it)
            *it = fill(*it, values, used, missing);
        return array;
    }
    if (!value.isString())
        return value;
    const QString text = value.toString();
    if (!text.contains(QLatin1String("${")))
        return value;
    const QRegularExpressionMatch whole = placeholder().match(text);
    if (whole.hasMatch() && whole.capturedLength() == text.size()) {
        const QString name = whole.captured(1);
        used.insert(name);
        if (!values.contains(name))
            missing.insert(name);
        return values.value(name);
    }
    QString filled;
    qsizetype from = 0;
    auto matches = placeholder().globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        const QString name = match.captured(1);
        used.insert(name);
        if (!values.contains(name))
            missing.insert(name);
        const QJsonValue given = values.value(name);
        filled += QStringView(text).mid(from, match.capturedStart() - from);
        filled += given.isDouble() ? QString::number(given.toInteger()) : given.toString();
        from = match.capturedEnd();
    }
    filled += QStringView(text).mid(from);
    return filled;
}

void collectRefs(const QJsonValue &value, QSet<QString> &refs)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() == QLatin1String("$ref"))
                refs.insert(it.value().toString());
            else
                collectRefs(it.value(), refs);
        }
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectRefs(item, refs);
    }
}

QString routeName(const Route &route)
{
    return QString::fromLatin1(httpMethodToken(route.method)) + QLatin1Char(' ') + route.pattern;
}

} // namespace

QStringList ApiDescriptions::sharedFiles()
{
    return {QStringLiteral(":/api/components.json"), QStringLiteral(":/api/docs.json")};
}

ApiDescriptions ApiDescriptions::load(const QStringList &files)
{
    ApiDescriptions descriptions;
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            descriptions.m_loadProblems.append(
                QStringLiteral("%1 cannot be read: %2").arg(path, file.errorString()));
            continue;
        }
        QJsonParseError error;
        const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &error);
        if (!json.isObject()) {
            descriptions.m_loadProblems.append(
                QStringLiteral("%1 is not a JSON object: %2").arg(path, error.errorString()));
            continue;
        }
        descriptions.add(path, json.object());
    }
    return descriptions;
}

void ApiDescriptions::add(const QString &source, const QJsonObject &file)
{
    const QJsonObject operations = file.value(QStringLiteral("operations")).toObject();
    for (auto it = operations.begin(); it != operations.end(); ++it) {
        if (m_sources.contains(it.key())) {
            m_loadProblems.append(QStringLiteral("%1 describes %2, which %3 already does")
                                      .arg(source, it.key(), m_sources.value(it.key())));
            continue;
        }
        m_operations.insert(it.key(), it.value().toObject());
        m_sources.insert(it.key(), source);
    }
    const QJsonObject components = file.value(QStringLiteral("components")).toObject();
    for (const auto &[name, into] :
         {std::pair{QStringLiteral("schemas"), &m_schemas},
          std::pair{QStringLiteral("responses"), &m_responses},
          std::pair{QStringLiteral("securitySchemes"), &m_securitySchemes}}) {
        const QJsonObject section = components.value(name).toObject();
        for (auto it = section.begin(); it != section.end(); ++it) {
            if (into->contains(it.key()))
                m_loadProblems.append(QStringLiteral("%1 defines components.%2.%3 a second time")
                                          .arg(source, name, it.key()));
            else
                into->insert(it.key(), it.value());
        }
    }
}

QJsonObject ApiDescriptions::operation(const Route &route) const
{
    QSet<QString> used;
    QSet<QString> missing;
    return fill(m_operations.value(route.operationId), route.docValues, used, missing).toObject();
}

QStringList ApiDescriptions::problems(const QList<Route> &routes) const
{
    QStringList found = m_loadProblems;
    QSet<QString> named;
    QSet<QString> refs;
    for (const Route &route : routes) {
        const QString name = routeName(route);
        if (route.operationId.isEmpty()) {
            found.append(QStringLiteral("%1 names no operationId").arg(name));
            continue;
        }
        if (named.contains(route.operationId))
            found.append(QStringLiteral("%1 names operationId %2, as another route does")
                             .arg(name, route.operationId));
        named.insert(route.operationId);
        if (!m_operations.contains(route.operationId)) {
            found.append(QStringLiteral("%1 names operationId %2, which no file under "
                                        "resources/api describes")
                             .arg(name, route.operationId));
            continue;
        }
        QSet<QString> used;
        QSet<QString> missing;
        const QJsonObject op =
            fill(m_operations.value(route.operationId), route.docValues, used, missing).toObject();
        for (const QString &value : missing)
            found.append(QStringLiteral("the description of %1 (%2) names ${%3}, which the route "
                                        "gives no value for")
                             .arg(route.operationId, name, value));
        for (auto it = route.docValues.begin(); it != route.docValues.end(); ++it) {
            if (!used.contains(it.key()))
                found.append(QStringLiteral("%1 gives ${%2}, which its description does not use")
                                 .arg(name, it.key()));
        }
        const QStringList pathParams = OpenApiDocument::pathParams(route.pattern);
        for (const QJsonValue &value : op.value(QStringLiteral("parameters")).toArray()) {
            const QJsonObject param = value.toObject();
            const QString paramName = param.value(QStringLiteral("name")).toString();
            if (param.value(QStringLiteral("in")).toString() == QLatin1String("path") &&
                !pathParams.contains(paramName))
                found.append(QStringLiteral("the description of %1 has a path parameter %2, "
                                            "which %3 lacks")
                                 .arg(route.operationId, paramName, name));
        }
        collectRefs(op, refs);
    }
    QStringList unserved;
    for (auto it = m_sources.begin(); it != m_sources.end(); ++it) {
        if (!named.contains(it.key()))
            unserved.append(
                QStringLiteral("%1 describes %2, which no route serves").arg(it.value(), it.key()));
    }
    unserved.sort();
    found += unserved;
    collectRefs(m_schemas, refs);
    collectRefs(m_responses, refs);
    QStringList dangling;
    for (const QString &ref : refs) {
        if (!ref.startsWith(SchemaRefPrefix) ||
            !m_schemas.contains(ref.mid(SchemaRefPrefix.size())))
            dangling.append(QStringLiteral("%1 refers to no schema under resources/api").arg(ref));
    }
    dangling.sort();
    found += dangling;
    return found;
}

} // namespace flux
