#include "api/OpenApiHtml.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace flux {

namespace {

const char *const Style =
    "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1em;"
    "color:#222}"
    "h1{margin-bottom:0}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}"
    ".op{border:1px solid #ccc;border-radius:6px;margin:1em 0;padding:.5em 1em}"
    ".method{display:inline-block;min-width:4.5em;text-align:center;font-weight:bold;"
    "color:#fff;border-radius:4px;padding:.1em .4em;margin-right:.5em}"
    ".get{background:#2f7ebc}.post{background:#3a9a4a}.delete{background:#c0392b}"
    ".put,.patch{background:#c58a1a}"
    "code,pre{font-family:ui-monospace,monospace;font-size:90%}"
    "pre{background:#f5f5f5;padding:.6em;overflow-x:auto;border-radius:4px}"
    "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2em .5em;"
    "text-align:left;vertical-align:top}.auth{color:#8a4b00}";

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString pretty(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    return value.toVariant().toString();
}

// Single-quoted for a POSIX shell.
QString shellQuoted(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString formEncoded(const QJsonObject &fields)
{
    QUrlQuery query;
    for (auto it = fields.begin(); it != fields.end(); ++it)
        query.addQueryItem(it.key(), it.value().toVariant().toString());
    return query.toString(QUrl::FullyEncoded);
}

// The first "servers" entry's URL of a document or a path item.
QString urlOf(const QJsonObject &withServers)
{
    return withServers.value(QStringLiteral("servers"))
        .toArray()
        .first()
        .toObject()
        .value(QStringLiteral("url"))
        .toString();
}

QString authNote(const QJsonObject &op)
{
    const QJsonArray security = op.value(QStringLiteral("security")).toArray();
    if (security.isEmpty())
        return QStringLiteral("Public: no credential needed.");
    const QJsonObject scheme = security.first().toObject();
    if (scheme.contains(QStringLiteral("bearerAuth")))
        return QStringLiteral("Needs <code>Authorization: Bearer &lt;FLUX_API_TOKEN&gt;</code>.");
    return QStringLiteral("Called by Twilio: needs a valid <code>X-Twilio-Signature</code>.");
}

QString listenerNote(const QJsonObject &op)
{
    const QString listener = op.value(QStringLiteral("x-flux-listener")).toString();
    if (listener == QLatin1String("api"))
        return QStringLiteral(
            " With <code>--webhook-listen</code>, served on the API listener only.");
    if (listener == QLatin1String("webhooks"))
        return QStringLiteral(
            " With <code>--webhook-listen</code>, served on the webhook listener only.");
    return {};
}

} // namespace

QString OpenApiHtml::curl(const QString &path, const QString &method, const QJsonObject &op,
                          const QString &serverUrl)
{
    QString target = path;
    QUrlQuery query;
    for (const QJsonValue &value : op.value(QStringLiteral("parameters")).toArray()) {
        const QJsonObject param = value.toObject();
        const QString name = param.value(QStringLiteral("name")).toString();
        const QString example = param.value(QStringLiteral("example")).toString();
        const QString in = param.value(QStringLiteral("in")).toString();
        if (in == QLatin1String("path") && !example.isEmpty())
            target.replace(QLatin1Char('{') + name + QLatin1Char('}'), example);
        else if (in == QLatin1String("query") && !example.isEmpty())
            query.addQueryItem(name, example);
    }
    if (!query.isEmpty())
        target += QLatin1Char('?') + query.toString(QUrl::FullyEncoded);

    QStringList lines{QStringLiteral("curl")};
    // A stream is shown as it comes, not when curl's buffer fills.
    if (op.value(QStringLiteral("responses"))
            .toObject()
            .value(QStringLiteral("200"))
            .toObject()
            .value(QStringLiteral("content"))
            .toObject()
            .contains(QStringLiteral("text/event-stream")))
        lines.first() += QStringLiteral(" -N");
    if (method != QLatin1String("get"))
        lines.first() += QStringLiteral(" -X ") + method.toUpper();
    lines.first() += QLatin1Char(' ') + shellQuoted(serverUrl + target);
    const QJsonArray security = op.value(QStringLiteral("security")).toArray();
    if (!security.isEmpty()) {
        if (security.first().toObject().contains(QStringLiteral("bearerAuth")))
            lines.append(QStringLiteral("-H \"Authorization: Bearer $FLUX_API_TOKEN\""));
        else
            lines.append(QStringLiteral("-H 'X-Twilio-Signature: <signature>'"));
    }
    const QJsonObject content = op.value(QStringLiteral("requestBody"))
                                    .toObject()
                                    .value(QStringLiteral("content"))
                                    .toObject();
    if (!content.isEmpty()) {
        const QString type = content.keys().first();
        const QJsonValue example = content.value(type).toObject().value(QStringLiteral("example"));
        lines.append(QStringLiteral("-H ") + shellQuoted(QStringLiteral("Content-Type: ") + type));
        if (type == QLatin1String("application/x-www-form-urlencoded"))
            lines.append(QStringLiteral("-d ") + shellQuoted(formEncoded(example.toObject())));
        else if (example.isObject())
            lines.append(QStringLiteral("-d ") +
                         shellQuoted(QString::fromUtf8(
                             QJsonDocument(example.toObject()).toJson(QJsonDocument::Compact))));
    }
    return lines.join(QStringLiteral(" \\\n  "));
}

QString OpenApiHtml::operation(const QString &path, const QString &method, const QJsonObject &op,
                               const QString &serverUrl)
{
    QString html = QStringLiteral("<div class=\"op\" id=\"%1\">\n")
                       .arg(escaped(op.value(QStringLiteral("operationId")).toString()));
    html += QStringLiteral("<h3><span class=\"method %1\">%2</span><code>%3</code></h3>\n")
                .arg(method, method.toUpper(), escaped(path));
    html += QStringLiteral("<p><strong>%1</strong></p>\n")
                .arg(escaped(op.value(QStringLiteral("summary")).toString()));
    const QString description = op.value(QStringLiteral("description")).toString();
    if (!description.isEmpty())
        html += QStringLiteral("<p>%1</p>\n").arg(escaped(description));
    html += QStringLiteral("<p class=\"auth\">%1%2</p>\n").arg(authNote(op), listenerNote(op));

    const QJsonArray parameters = op.value(QStringLiteral("parameters")).toArray();
    if (!parameters.isEmpty()) {
        html += QStringLiteral("<h4>Parameters</h4>\n<table><tr><th>Name</th><th>In</th>"
                               "<th>Required</th><th>Description</th></tr>\n");
        for (const QJsonValue &value : parameters) {
            const QJsonObject param = value.toObject();
            html +=
                QStringLiteral("<tr><td><code>%1</code></td><td>%2</td><td>%3</td><td>%4</td>"
                               "</tr>\n")
                    .arg(escaped(param.value(QStringLiteral("name")).toString()),
                         escaped(param.value(QStringLiteral("in")).toString()),
                         param.value(QStringLiteral("required")).toBool() ? QStringLiteral("yes")
                                                                          : QStringLiteral("no"),
                         escaped(param.value(QStringLiteral("description")).toString()));
        }
        html += QStringLiteral("</table>\n");
    }

    const QJsonObject content = op.value(QStringLiteral("requestBody"))
                                    .toObject()
                                    .value(QStringLiteral("content"))
                                    .toObject();
    for (auto it = content.begin(); it != content.end(); ++it) {
        html += QStringLiteral("<h4>Request body <code>%1</code></h4>\n").arg(escaped(it.key()));
        const QJsonValue example = it.value().toObject().value(QStringLiteral("example"));
        if (!example.isUndefined())
            html += QStringLiteral("<pre>%1</pre>\n").arg(escaped(pretty(example)));
    }

    html += QStringLiteral("<h4>Responses</h4>\n");
    const QJsonObject responses = op.value(QStringLiteral("responses")).toObject();
    for (auto it = responses.begin(); it != responses.end(); ++it) {
        const QJsonObject response = it.value().toObject();
        html += QStringLiteral("<p><code>%1</code> %2</p>\n")
                    .arg(escaped(it.key()),
                         escaped(response.value(QStringLiteral("description")).toString()));
        const QJsonObject types = response.value(QStringLiteral("content")).toObject();
        for (const QJsonValue &media : types) {
            const QJsonValue example = media.toObject().value(QStringLiteral("example"));
            if (!example.isUndefined())
                html += QStringLiteral("<pre>%1</pre>\n").arg(escaped(pretty(example)));
        }
    }
    html += QStringLiteral("<h4>Example</h4>\n<pre>%1</pre>\n</div>\n")
                .arg(escaped(curl(path, method, op, serverUrl)));
    return html;
}

QByteArray OpenApiHtml::render(const QJsonObject &document)
{
    const QJsonObject info = document.value(QStringLiteral("info")).toObject();
    const QString title = info.value(QStringLiteral("title")).toString();
    const QJsonObject paths = document.value(QStringLiteral("paths")).toObject();

    QString html =
        QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                       "<title>%1</title>\n<style>%2</style></head><body>\n")
            .arg(escaped(title), QString::fromLatin1(Style));
    html += QStringLiteral("<h1>%1</h1>\n<p>Version %2. %3</p>\n")
                .arg(escaped(title), escaped(info.value(QStringLiteral("version")).toString()),
                     escaped(info.value(QStringLiteral("description")).toString()));
    html += QStringLiteral("<p>The same document as JSON: <a href=\"/openapi.json\">"
                           "/openapi.json</a> (OpenAPI %1).</p>\n")
                .arg(escaped(document.value(QStringLiteral("openapi")).toString()));

    for (const QJsonValue &tagValue : document.value(QStringLiteral("tags")).toArray()) {
        const QString tag = tagValue.toObject().value(QStringLiteral("name")).toString();
        html += QStringLiteral("<h2>%1</h2>\n").arg(escaped(tag));
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject item = path.value().toObject();
            // A path's own servers (the webhooks' PUBLIC_BASE_URL) win over the document's.
            const QString serverUrl =
                urlOf(item.contains(QStringLiteral("servers")) ? item : document);
            for (auto op = item.begin(); op != item.end(); ++op) {
                const QJsonObject operation = op.value().toObject();
                if (op.key() != QLatin1String("servers") &&
                    operation.value(QStringLiteral("tags")).toArray().first().toString() == tag)
                    html += OpenApiHtml::operation(path.key(), op.key(), operation, serverUrl);
            }
        }
    }
    html += QStringLiteral("</body></html>\n");
    return html.toUtf8();
}

} // namespace flux
