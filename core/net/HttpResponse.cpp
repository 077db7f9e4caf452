#include "net/HttpResponse.h"

#include "base/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flux {

HttpResponse HttpResponse::json(int status, const QJsonValue &value)
{
    HttpResponse response;
    response.status = status;
    response.body = value.isArray()
                        ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                        : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse
HttpResponse::jsonStrings(int status,
                          std::initializer_list<std::pair<QLatin1String, QString>> fields)
{
    HttpResponse response;
    response.status = status;
    response.body.reserve(64);
    JsonWriter writer(response.body);
    writer.beginObject();
    for (const auto &[key, value] : fields)
        writer.field(key, value);
    writer.endObject();
    return response;
}

HttpResponse HttpResponse::detail(int status, const QString &message)
{
    return json(status, QJsonObject{{QStringLiteral("detail"), message}});
}

HttpResponse HttpResponse::twiml(const QByteArray &xml)
{
    HttpResponse response;
    response.contentType = "text/xml";
    response.body = xml;
    return response;
}

QByteArrayView HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity"; // Qt's and FastAPI's wording, which clients have seen
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown Status";
    }
}

QByteArray HttpResponse::toBytes(bool withBody) const
{
    const QByteArrayView reason = reasonPhrase(status);
    QByteArray bytes;
    bytes.reserve(96 + reason.size() + contentType.size() + (withBody ? body.size() : 0));
    bytes += "HTTP/1.1 ";
    bytes += QByteArray::number(status);
    bytes += ' ';
    bytes += reason;
    bytes += "\r\nContent-Type: ";
    bytes += contentType;
    bytes += "\r\nContent-Length: ";
    bytes += QByteArray::number(body.size());
    bytes += "\r\n";
    for (const auto &[name, value] : headers) {
        bytes += name;
        bytes += ": ";
        bytes += value;
        bytes += "\r\n";
    }
    bytes += "\r\n";
    if (withBody)
        bytes += body;
    return bytes;
}

} // namespace flux
