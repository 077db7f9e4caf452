// HttpRequest: one parsed request as a route handler sees it (path params, query, form body).
#pragma once

#include "net/FormEncoding.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QString>
#include <QUrlQuery>

namespace flux {

struct HttpRequest
{
    QByteArray method;    // the token as sent, "GET", "POST", ...: httpMethodOf() for routing
    QString path;         // decoded path, e.g. /notifications/call
    QString rawQuery;     // query exactly as sent (encoded), without '?'
    FormParams queryForm; // rawQuery read as a form ('+' is a space), parsed once by the server
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
    // Only the rawQuery's items are read: for the few routes that take QUrlQuery's decoding.
    QUrlQuery query() const { return QUrlQuery(rawQuery); }
    bool isForm() const
    {
        static constexpr QByteArrayView Form("application/x-www-form-urlencoded");
        const QByteArray type = header("Content-Type");
        return type.size() >= Form.size() &&
               QByteArrayView(type).first(Form.size()).compare(Form, Qt::CaseInsensitive) == 0;
    }
};

} // namespace flux
