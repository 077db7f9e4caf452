#include "simulator/WebhookRequest.h"

namespace flux {

QByteArray WebhookRequest::toHttp1() const
{
    QByteArray target =
        url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (!target.startsWith('/'))
        target.prepend('/');
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']'; // an IPv6 address
    QByteArray out;
    out.reserve(target.size() + body.size() + signature.size() + 256);
    out.append(post ? "POST " : "GET ").append(target).append(" HTTP/1.1\r\nHost: ").append(host);
    if (url.port() >= 0)
        out.append(':').append(QByteArray::number(url.port()));
    out.append("\r\nUser-Agent: TwilioProxy/1.1\r\nAccept: */*\r\nX-Twilio-Signature: ")
        .append(signature)
        .append("\r\n");
    // Credentials written into a webhook URL (http://user:pass@host/...) go as HTTP Basic
    // authorization, as Twilio sends them and as QNetworkAccessManager did here before.
    if (!url.userName().isEmpty()) {
        const QByteArray credentials = url.userName(QUrl::FullyDecoded).toUtf8() + ':' +
                                       url.password(QUrl::FullyDecoded).toUtf8();
        out.append("Authorization: Basic ").append(credentials.toBase64()).append("\r\n");
    }
    if (post)
        out.append("Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n"
                   "Content-Length: ")
            .append(QByteArray::number(body.size()))
            .append("\r\n\r\n")
            .append(body);
    else
        out.append("\r\n");
    return out;
}

QString WebhookRequest::hostKey() const
{
    return url.scheme() + QLatin1String("://") + url.host() + QLatin1Char(':') +
           QString::number(url.port());
}

WebhookSender::Answer WebhookRequest::answered(int httpStatus, const QByteArray &answerBody) const
{
    WebhookSender::Answer answer{httpStatus, answerBody, {}};
    if (httpStatus < 200 || httpStatus >= 300)
        // One arg() call: a second pass would read the URL's %2B as a placeholder.
        answer.error =
            QStringLiteral("%1 answered HTTP %2").arg(signedUrl, QString::number(httpStatus));
    return answer;
}

WebhookSender::Answer WebhookRequest::timedOut() const
{
    return {0,
            {},
            QStringLiteral("%1 did not answer within %2 ms")
                .arg(signedUrl, QString::number(timeoutMs))};
}

WebhookSender::Answer WebhookRequest::unreachable(const QString &why) const
{
    return {0, {}, QStringLiteral("%1 could not be reached: %2").arg(signedUrl, why)};
}

WebhookSender::Answer WebhookRequest::broken(const QString &why) const
{
    return {0, {}, QStringLiteral("%1 gave no usable answer: %2").arg(signedUrl, why)};
}

} // namespace flux
