// HttpResponse: status, content type, headers and body that a handler answers with.
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

namespace flux {

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static HttpResponse json(int status, const QJsonValue &value);
    // FastAPI's error shape: {"detail": "..."}.
    static HttpResponse detail(int status, const QString &message);
    static HttpResponse twiml(const QByteArray &xml);
};

} // namespace flux
