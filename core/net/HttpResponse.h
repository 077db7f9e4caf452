// HttpResponse: status, content type, headers and body that a handler answers with.
#pragma once

#include "net/HttpStatus.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

#include <initializer_list>
#include <utility>

namespace flux {

struct HttpResponse
{
    HttpStatus status = HttpStatus::Ok;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static HttpResponse json(HttpStatus status, const QJsonValue &value);
    // An object of strings written directly, for answers sent on every webhook: the bytes
    // json() writes for the same QJsonObject, whose keys it sorts, so give them sorted.
    static HttpResponse
    jsonStrings(HttpStatus status, std::initializer_list<std::pair<QLatin1String, QString>> fields);
    // FastAPI's error shape: {"detail": "..."}.
    static HttpResponse detail(HttpStatus status, const QString &message);
    static HttpResponse twiml(const QByteArray &xml);

    // RFC 9110's reason phrase for `status`.
    static QByteArrayView reasonPhrase(HttpStatus status);
    // The answer as it goes on the wire: status line, Content-Type, Content-Length, the other
    // headers, a blank line and the body, which an answer to HEAD leaves out (`withBody`).
    QByteArray toBytes(bool withBody = true) const;
    // The head of an answer whose body runs until the connection closes (a ResponseStream):
    // no Content-Length, "Connection: close", then the body written so far.
    QByteArray toStreamBytes(bool withBody = true) const;

private:
    enum class Framing
    {
        ContentLength,
        UntilClose
    };
    QByteArray toBytes(bool withBody, Framing framing) const;
};

} // namespace flux
