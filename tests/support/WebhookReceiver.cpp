#include "WebhookReceiver.h"

#include "calls/CallStatus.h"
#include "twilio/SignatureValidator.h"

#include <algorithm>

namespace flux::test {

WebhookReceiver::WebhookReceiver(const QByteArray &authToken) : token(authToken)
{
    clock.start();
    const Route::Handler handler = [this](const HttpRequest &request, const Responder &responder) {
        Hit hit{request.pathParams.value(QStringLiteral("name")), request.method,
                request.isForm() ? request.form : FormEncoding::parse(request.rawQuery.toUtf8()),
                clock.elapsed()};
        hits.append(hit);
        if (hit.name == QLatin1String("slow"))
            held.append(responder); // answered by the test, or never
        else if (hit.name == QLatin1String("status"))
            responder.send(HttpResponse{HttpStatus::Ok, "text/plain", {}, {}});
        else if (documents.contains(hit.name))
            responder.send(HttpResponse::twiml(documents.value(hit.name)));
        else
            responder.send(HttpResponse::detail(HttpStatus::InternalServerError,
                                                QStringLiteral("no such document")));
    };
    const QString pattern = QStringLiteral("/hook/{name}");
    server.addRoutes({{HttpMethod::Post, pattern, Route::Access::TwilioWebhook, {}, {}, handler},
                      {HttpMethod::Get, pattern, Route::Access::TwilioWebhook, {}, {}, handler}});
    const quint16 port = server.listenOn(QHostAddress::LocalHost, 0);
    baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(port);
    server.setWebhookSignature(SignatureValidator(authToken), baseUrl);
    QObject::connect(&server, &ApiServer::webhookRejected, &server,
                     [this](const QString &path, const QString &reason) {
                         rejected.append(path + QStringLiteral(": ") + reason);
                     });
}

QList<Hit> WebhookReceiver::hitsOf(const QString &name, const QString &callSid) const
{
    QList<Hit> found;
    for (const Hit &hit : hits) {
        if (hit.name == name && hit.value(QStringLiteral("CallSid")) == callSid)
            found.append(hit);
    }
    return found;
}

QList<Hit> WebhookReceiver::statusCallbacks(const QString &callSid) const
{
    QList<Hit> found = hitsOf(QStringLiteral("status"), callSid);
    std::sort(found.begin(), found.end(), [](const Hit &a, const Hit &b) {
        return a.value(QStringLiteral("SequenceNumber")).toInt() <
               b.value(QStringLiteral("SequenceNumber")).toInt();
    });
    return found;
}

QString WebhookReceiver::finalStatus(const QString &callSid) const
{
    for (const Hit &hit : statusCallbacks(callSid)) {
        const QString status = hit.value(QStringLiteral("CallStatus"));
        if (CallStatus::isFinal(status))
            return status;
    }
    return {};
}

} // namespace flux::test
