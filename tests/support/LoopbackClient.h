// LoopbackClient: blocking HTTP requests for tests, over a real socket, with the event loop spun.
#pragma once

#include "net/FormEncoding.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>

namespace flux::test {

struct HttpResult
{
    int status = 0; // 0 when no HTTP answer came
    QByteArray body;
    QByteArray contentType;
    QString error;
    QList<QPair<QByteArray, QByteArray>> headers;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray jsonArray() const { return QJsonDocument::fromJson(body).array(); }
};

class LoopbackClient
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    HttpResult get(const QString &url, const Headers &headers = {});
    HttpResult post(const QString &url, const QByteArray &body, const QByteArray &contentType,
                    const Headers &headers = {});
    HttpResult postJson(const QString &url, const QJsonObject &body);
    // Any other method (DELETE, PUT, ...).
    HttpResult send(const QByteArray &verb, const QString &url, const QByteArray &body = {},
                    const Headers &headers = {});
    // A form POST signed as Twilio signs it: over `signedUrl` (the public URL) with `authToken`.
    HttpResult postSignedForm(const QString &url, const FormParams &form,
                              const QByteArray &authToken, const QString &signedUrl = {});

    int timeoutMs = 15000;
    // Sent as "Authorization: Bearer ..." with every request that does not set its own.
    QByteArray bearerToken;

private:
    HttpResult run(const QByteArray &verb, const QString &url, const QByteArray &body,
                   const Headers &headers);
    QNetworkAccessManager m_network;
};

} // namespace flux::test
