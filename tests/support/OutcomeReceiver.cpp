#include "OutcomeReceiver.h"

#include "net/HttpRequest.h"
#include "net/HttpResponse.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

namespace flux::test {

QJsonObject OutcomePost::json() const
{
    return QJsonDocument::fromJson(body).object();
}

bool OutcomeReceiver::verify(const QByteArray &header, const QByteArray &body,
                             const QByteArray &secret, qint64 nowSecs, qint64 toleranceSecs)
{
    QByteArray t;
    QByteArray v1;
    for (const QByteArray &part : header.split(',')) {
        if (part.startsWith("t="))
            t = part.mid(2);
        else if (part.startsWith("v1="))
            v1 = part.mid(3);
    }
    bool ok = false;
    const qint64 stamp = t.toLongLong(&ok);
    if (!ok || qAbs(nowSecs - stamp) > toleranceSecs)
        return false;
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, secret);
    mac.addData(t);
    mac.addData(".");
    mac.addData(body);
    return mac.result().toHex() == v1;
}

OutcomeReceiver::OutcomeReceiver(quint16 port)
{
    m_port = m_server.listenOn(QHostAddress::LocalHost, port, this);
}

QString OutcomeReceiver::url(const QString &path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path);
}

void OutcomeReceiver::handleRequest(HttpRequest &request, const Responder &responder)
{
    OutcomePost post;
    post.body = request.body;
    post.signature = request.header("Flux-Signature");
    post.path = request.path.toUtf8();
    post.receivedAtSecs = QDateTime::currentSecsSinceEpoch();
    posts.append(post);
    const int status = script.isEmpty() ? 200 : script.takeFirst();
    HttpResponse response;
    response.status = static_cast<HttpStatus>(status);
    response.body = "{}";
    if (status >= 300 && status < 400)
        response.headers.append({"Location", redirectTo.toUtf8()});
    responder.send(response);
}

} // namespace flux::test
