#include "http/HttpResponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flux {

namespace {

// A JSON string as QJsonDocument's compact writer escapes it: quote, backslash and control
// characters escaped (b f n r t or u00xx), the rest as UTF-8, a lone surrogate as uxxxx.
void appendJsonString(QByteArray &out, QStringView text)
{
    static constexpr char Hex[] = "0123456789abcdef";
    const auto appendEscape = [&out](char16_t u) {
        out += "\\u";
        out += Hex[(u >> 12) & 0xf];
        out += Hex[(u >> 8) & 0xf];
        out += Hex[(u >> 4) & 0xf];
        out += Hex[u & 0xf];
    };
    out += '"';
    qsizetype runStart = 0;
    const auto flush = [&](qsizetype end) {
        if (end > runStart)
            out += text.sliced(runStart, end - runStart).toUtf8();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text.at(i).unicode();
        if (QChar::isHighSurrogate(u) && i + 1 < text.size() &&
            QChar::isLowSurrogate(text.at(i + 1).unicode())) {
            ++i;
            continue;
        }
        const bool plain = (u >= 0x20 && u != u'"' && u != u'\\' && !QChar::isSurrogate(u));
        if (plain)
            continue;
        flush(i);
        runStart = i + 1;
        switch (u) {
        case u'"':
            out += "\\\"";
            break;
        case u'\\':
            out += "\\\\";
            break;
        case u'\b':
            out += "\\b";
            break;
        case u'\f':
            out += "\\f";
            break;
        case u'\n':
            out += "\\n";
            break;
        case u'\r':
            out += "\\r";
            break;
        case u'\t':
            out += "\\t";
            break;
        default:
            appendEscape(u);
        }
    }
    flush(text.size());
    out += '"';
}

} // namespace

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
    response.body += '{';
    for (const auto &[key, value] : fields) {
        if (response.body.size() > 1)
            response.body += ',';
        appendJsonString(response.body, QString(key));
        response.body += ':';
        appendJsonString(response.body, value);
    }
    response.body += '}';
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
