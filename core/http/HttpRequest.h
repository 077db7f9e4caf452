// HttpRequest: one parsed request as a route handler sees it (path params, query, form body).
#pragma once

#include "http/FormEncoding.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QString>
#include <QUrlQuery>

namespace flux {

struct HttpRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path;      // decoded path, e.g. /notifications/call
    QString rawQuery;  // query exactly as sent (encoded), without '?'
    QUrlQuery query;
    QHash<QString, QString> pathParams; // {call_sid} and friends
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    FormParams form; // parsed when the body is form-encoded
    QHostAddress remote;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    bool isForm() const
    {
        return header("Content-Type").toLower().startsWith("application/x-www-form-urlencoded");
    }
};

} // namespace flux
