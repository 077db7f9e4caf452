#include "simulator/WebhookSender.h"

#include "base/LogCategories.h"
#include "simulator/WebhookDispatcher.h"
#include "twilio/SignatureValidator.h"

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

    WebhookRequest request;
    request.url = qurl;
    // Sign exactly what goes on the wire: QUrl may normalise escapes the caller wrote.
    request.signedUrl = qurl.toString(QUrl::FullyEncoded);
    request.post = !get;
    if (!get)
        request.body = FormEncoding::encode(params);
    request.signature =
        SignatureValidator::compute(m_authToken, request.signedUrl, get ? FormParams{} : params);
    request.timeoutMs = m_timeoutMs;
    qCDebug(lcSim).noquote() << (get ? "GET" : "POST") << request.signedUrl;
    m_dispatcher->send(this, std::move(request), std::move(done));
}

void WebhookSender::abortAll()
{
    ++m_generation;
    // Drops this sender's requests, waiting or in flight, without calling back.
    m_dispatcher->cancel(this);
}

} // namespace flux
