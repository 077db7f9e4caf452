#include "net/HttpResponse.h"

#include "base/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flux {

HttpResponse HttpResponse::json(HttpStatus status, const QJsonValue &value)
{
    HttpResponse response;
    response.status = status;
    response.body = value.isArray()
                        ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                        : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse
HttpResponse::jsonStrings(HttpStatus status,
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

HttpResponse HttpResponse::detail(HttpStatus status, const QString &message)
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

QByteArrayView HttpResponse::reasonPhrase(HttpStatus status)
{
    switch (status) {
    case HttpStatus::Continue:
        return "Continue";
    case HttpStatus::Ok:
        return "OK";
    case HttpStatus::Created:
        return "Created";
    case HttpStatus::Accepted:
        return "Accepted";
    case HttpStatus::NoContent:
        return "No Content";
    case HttpStatus::MovedPermanently:
        return "Moved Permanently";
    case HttpStatus::Found:
        return "Found";
    case HttpStatus::NotModified:
        return "Not Modified";
    case HttpStatus::BadRequest:
        return "Bad Request";
    case HttpStatus::Unauthorized:
        return "Unauthorized";
    case HttpStatus::Forbidden:
        return "Forbidden";
    case HttpStatus::NotFound:
        return "Not Found";
    case HttpStatus::MethodNotAllowed:
        return "Method Not Allowed";
    case HttpStatus::RequestTimeout:
        return "Request Timeout";
    case HttpStatus::Conflict:
        return "Conflict";
    case HttpStatus::LengthRequired:
        return "Length Required";
    case HttpStatus::ContentTooLarge:
        return "Content Too Large";
    case HttpStatus::UriTooLong:
        return "URI Too Long";
    case HttpStatus::UnsupportedMediaType:
        return "Unsupported Media Type";
    case HttpStatus::UnprocessableEntity:
        return "Unprocessable Entity"; // Qt's and FastAPI's wording, which clients have seen
    case HttpStatus::TooManyRequests:
        return "Too Many Requests";
    case HttpStatus::RequestHeaderFieldsTooLarge:
        return "Request Header Fields Too Large";
    case HttpStatus::InternalServerError:
        return "Internal Server Error";
    case HttpStatus::NotImplemented:
        return "Not Implemented";
    case HttpStatus::BadGateway:
        return "Bad Gateway";
    case HttpStatus::ServiceUnavailable:
        return "Service Unavailable";
    case HttpStatus::GatewayTimeout:
        return "Gateway Timeout";
    case HttpStatus::HttpVersionNotSupported:
        return "HTTP Version Not Supported";
    }
    return "Unknown Status";
}

QByteArray HttpResponse::toBytes(bool withBody) const
{
    return toBytes(withBody, Framing::ContentLength);
}

QByteArray HttpResponse::toStreamBytes(bool withBody) const
{
    return toBytes(withBody, Framing::UntilClose);
}

QByteArray HttpResponse::toBytes(bool withBody, Framing framing) const
{
    const QByteArrayView reason = reasonPhrase(status);
    QByteArray bytes;
    bytes.reserve(96 + reason.size() + contentType.size() + (withBody ? body.size() : 0));
    bytes += "HTTP/1.1 ";
    bytes += QByteArray::number(int(status));
    bytes += ' ';
    bytes += reason;
    bytes += "\r\nContent-Type: ";
    bytes += contentType;
    if (framing == Framing::ContentLength) {
        bytes += "\r\nContent-Length: ";
        bytes += QByteArray::number(body.size());
    } else {
        bytes += "\r\nConnection: close";
    }
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
