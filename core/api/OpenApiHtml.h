// OpenApiHtml: an OpenAPI document rendered as one self-contained HTML page (no scripts, no
// CDN), grouped by tag, with parameters, examples and a curl command per operation.
#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace flux {

class OpenApiHtml
{
public:
    static QByteArray render(const QJsonObject &document);

private:
    static QString operation(const QString &path, const QString &method, const QJsonObject &op,
                             const QString &serverUrl);
    static QString curl(const QString &path, const QString &method, const QJsonObject &op,
                        const QString &serverUrl);
};

} // namespace flux
