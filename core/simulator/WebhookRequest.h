// WebhookRequest: one signed request the simulator makes to an app, the bytes it goes out as,
// and the WebhookSender::Answer each way it can end becomes.
#pragma once

#include "simulator/WebhookSender.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace flux {

struct WebhookRequest
{
    QUrl url;          // http or https, with a host
    QString signedUrl; // the URL as signed and as errors name it
    bool post = false; // else GET
    QByteArray body;   // the form body of a POST
    QByteArray signature;
    int timeoutMs = 0; // from when the request goes out

    // The HTTP/1.1 request, as Twilio sends it (its User-Agent, form body, no compression).
    QByteArray toHttp1() const;
    // host:port as the Host header and the connection pool name it.
    QString hostKey() const;

    WebhookSender::Answer answered(int httpStatus, const QByteArray &answerBody) const;
    WebhookSender::Answer timedOut() const;
    WebhookSender::Answer unreachable(const QString &why) const;
    // An answer began but could not be read to its end.
    WebhookSender::Answer broken(const QString &why) const;
};

} // namespace flux
