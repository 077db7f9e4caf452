#include "cli/DeskApiClient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <memory>

namespace flux {

namespace {
// The client's requests and answers (never the token): QT_LOGGING_RULES="flux.cli.debug=true".
Q_LOGGING_CATEGORY(lcCli, "flux.cli", QtInfoMsg)
} // namespace

DeskApiClient::DeskApiClient(DeskEndpoint endpoint) : m_endpoint(std::move(endpoint)) {}

ApiReply DeskApiClient::get(const QString &path, const QUrlQuery &query, int timeoutMs)
{
    return send(QByteArrayLiteral("GET"), path, query, {}, timeoutMs);
}

ApiReply DeskApiClient::postJson(const QString &path, const QJsonObject &body, int timeoutMs)
{
    return send(QByteArrayLiteral("POST"), path, {},
                QJsonDocument(body).toJson(QJsonDocument::Compact), timeoutMs);
}

QUrl DeskApiClient::urlOf(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_endpoint.baseUrl;
    url.setPath(url.path() + path);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

ApiReply DeskApiClient::send(const QByteArray &method, const QString &path, const QUrlQuery &query,
                             const QByteArray &body, int timeoutMs)
{
    QNetworkRequest request(urlOf(path, query));
    request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + m_endpoint.token);
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("User-Agent"),
                         QByteArrayLiteral("flux-calldesk-cli/" FLUX_VERSION));
    if (!body.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Content-Type"),
                             QByteArrayLiteral("application/json"));
    request.setTransferTimeout(qMax(1, timeoutMs));
    // A redirect elsewhere would carry the token to a host nobody chose.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);

    const std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, method, body));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();

    ApiReply result;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        result.status = status.toInt();
        result.body = reply->readAll();
    } else {
        // Nothing aborts a reply here but the transfer timeout.
        const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError ||
                              reply->error() == QNetworkReply::TimeoutError;
        result.networkError =
            timedOut ? QStringLiteral("no answer from %1 within %2 ms")
                           .arg(m_endpoint.baseUrl.toDisplayString())
                           .arg(timeoutMs)
                     : QStringLiteral("cannot reach the desk at %1: %2")
                           .arg(m_endpoint.baseUrl.toDisplayString(), reply->errorString());
    }
    qCDebug(lcCli).noquote() << method << request.url().toDisplayString() << "->"
                             << (result.answered() ? QString::number(result.status)
                                                   : result.networkError);
    return result;
}

} // namespace flux
