#include "simulator/WebhookSender.h"

#include "base/LogCategories.h"
#include "simulator/WebhookDispatcher.h"
#include "twilio/SignatureValidator.h"

#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

namespace flux {

WebhookSender::WebhookSender(WebhookDispatcher *dispatcher, QByteArray authToken, int timeoutMs,
                             QObject *parent)
    : QObject(parent), m_dispatcher(dispatcher), m_authToken(std::move(authToken)),
      m_timeoutMs(timeoutMs)
{}

WebhookSender::~WebhookSender()
{
    abortAll();
}

void WebhookSender::send(const QString &method, const QString &url, const FormParams &params,
                         Done done)
{
    const bool get = method.compare(QLatin1String("GET"), Qt::CaseInsensitive) == 0;
    QString target = url;
    if (get && !params.isEmpty()) {
        target += target.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?');
        target += QString::fromLatin1(FormEncoding::encode(params));
    }
    const QUrl qurl(target);
    const QString scheme = qurl.scheme();
    if (!qurl.isValid() || qurl.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        const Answer answer{0, {}, QStringLiteral("%1 is not an absolute http(s) URL").arg(url)};
        QTimer::singleShot(0, this, [this, done, answer, generation = m_generation] {
            if (done && generation == m_generation)
                done(answer);
        });
        return;
    }

    // Sign exactly what goes on the wire: QUrl may normalise escapes the caller wrote.
    const QString signedUrl = qurl.toString(QUrl::FullyEncoded);
    QNetworkRequest request(qurl);
    request.setTransferTimeout(m_timeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("TwilioProxy/1.1"));
    request.setRawHeader("Accept", "*/*");
    request.setRawHeader(
        "X-Twilio-Signature",
        SignatureValidator::compute(m_authToken, signedUrl, get ? FormParams{} : params));
    if (!get)
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded; charset=utf-8"));
    qCDebug(lcSim).noquote() << (get ? "GET" : "POST") << signedUrl;
    m_dispatcher->send(this, request, !get, get ? QByteArray() : FormEncoding::encode(params),
                       [this, done, signedUrl](QNetworkReply *reply) {
                           m_inFlight.append(reply);
                           connect(reply, &QNetworkReply::finished, this,
                                   [this, reply, done, signedUrl] {
                                       m_inFlight.removeAll(reply);
                                       reply->deleteLater();
                                       answered(reply, signedUrl, done);
                                   });
                       });
}

void WebhookSender::answered(QNetworkReply *reply, const QString &signedUrl, const Done &done)
{
    Answer answer;
    answer.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    if (answer.httpStatus >= 200 && answer.httpStatus < 300)
        answer.error.clear();
    else if (answer.httpStatus > 0)
        // One arg() call: a second pass would read the URL's %2B as a placeholder.
        answer.error = QStringLiteral("%1 answered HTTP %2")
                           .arg(signedUrl, QString::number(answer.httpStatus));
    else if (reply->error() == QNetworkReply::OperationCanceledError)
        // abortAll() disconnects first, so a cancel seen here is the transfer timeout.
        answer.error = QStringLiteral("%1 did not answer within %2 ms")
                           .arg(signedUrl, QString::number(m_timeoutMs));
    else
        answer.error =
            QStringLiteral("%1 could not be reached: %2").arg(signedUrl, reply->errorString());
    if (done)
        done(answer);
}

void WebhookSender::abortAll()
{
    ++m_generation;
    m_dispatcher->cancel(this);
    const auto inFlight = std::exchange(m_inFlight, {});
    for (const QPointer<QNetworkReply> &reply : inFlight) {
        if (!reply)
            continue;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

} // namespace flux
