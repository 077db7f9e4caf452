#include "LoopbackClient.h"

#include "twilio/SignatureValidator.h"

#include <QEventLoop>
#include <QNetworkReply>
#include <QTimer>

namespace flux::test {

HttpResult LoopbackClient::get(const QString &url, const Headers &headers)
{
    return run("GET", url, {}, headers);
}

HttpResult LoopbackClient::post(const QString &url, const QByteArray &body,
                                const QByteArray &contentType, const Headers &headers)
{
    Headers all = headers;
    all.append({"Content-Type", contentType});
    return run("POST", url, body, all);
}

HttpResult LoopbackClient::postJson(const QString &url, const QJsonObject &body)
{
    return post(url, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json");
}

HttpResult LoopbackClient::send(const QByteArray &verb, const QString &url, const QByteArray &body,
                                const Headers &headers)
{
    return run(verb, url, body, headers);
}

HttpResult LoopbackClient::postSignedForm(const QString &url, const FormParams &form,
                                          const QByteArray &authToken, const QString &signedUrl)
{
    const QByteArray signature =
        SignatureValidator::compute(authToken, signedUrl.isEmpty() ? url : signedUrl, form);
    return post(url, FormEncoding::encode(form), "application/x-www-form-urlencoded",
                {{"X-Twilio-Signature", signature}});
}

HttpResult LoopbackClient::run(const QByteArray &verb, const QString &url, const QByteArray &body,
                               const Headers &headers)
{
    QNetworkRequest request{QUrl(url)};
    if (!bearerToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearerToken);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();

    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    result.headers = reply->rawHeaderPairs();
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.error = reply->errorString();
    reply->deleteLater();
    return result;
}

} // namespace flux::test
