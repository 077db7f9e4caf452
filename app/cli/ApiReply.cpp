#include "cli/ApiReply.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace flux {

namespace {

// FastAPI's validation errors: [{"loc": ["body", "phone_number"], "msg": "...", ...}, ...] as
// "phone_number: ...; ...".
QString describeValidation(const QJsonArray &errors)
{
    QStringList parts;
    for (const QJsonValue &value : errors) {
        const QJsonObject error = value.toObject();
        QStringList location;
        const QJsonArray loc = error.value(QStringLiteral("loc")).toArray();
        for (qsizetype i = 0; i < loc.size(); ++i) {
            // "body" and "query" say where the field was; the field's name is what helps.
            if (i == 0 && loc.size() > 1)
                continue;
            location.append(loc.at(i).isDouble() ? QString::number(loc.at(i).toInt())
                                                 : loc.at(i).toString());
        }
        const QString message = error.value(QStringLiteral("msg")).toString();
        parts.append(location.isEmpty()
                         ? message
                         : location.join(QLatin1Char('.')) + QStringLiteral(": ") + message);
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

QJsonObject ApiReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString ApiReply::describeError() const
{
    if (!answered())
        return networkError;
    const QJsonValue detail = json().value(QStringLiteral("detail"));
    QString text;
    if (detail.isString())
        text = detail.toString();
    else if (detail.isArray())
        text = describeValidation(detail.toArray());
    else
        text = QString::fromUtf8(body.left(200)).simplified();
    return QStringLiteral("HTTP %1: %2").arg(status).arg(text);
}

} // namespace flux
