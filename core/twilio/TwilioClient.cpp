#include "twilio/TwilioClient.h"

#include "base/LogCategories.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

namespace flux {

namespace {

const QString ApiVersionPath = QStringLiteral("/2010-04-01/Accounts/");

QByteArray userAgent()
{
    return QByteArrayLiteral("flux-calldesk/" FLUX_VERSION " (Qt ") + qVersion() + ')';
}

// "POST Calls/CA….json": enough to tell requests apart in the log without the account sid.
QString describeRequest(const QNetworkReply *reply)
{
    const QString path = reply->url().path();
    const qsizetype calls = path.lastIndexOf(QLatin1String("/Calls"));
    const QString verb = QString::fromLatin1(
        reply->request().attribute(QNetworkRequest::CustomVerbAttribute).toByteArray());
    return verb + QLatin1Char(' ') + (calls < 0 ? path : path.mid(calls + 1));
}

QString callPath(const QString &callSid)
{
    return QStringLiteral("Calls/%1.json")
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(callSid)));
}

TwilioError apiError(int httpStatus, const QByteArray &body, const QString &reason)
{
    TwilioError error;
    error.kind = TwilioError::Kind::Api;
    error.httpStatus = httpStatus;
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    if (json.contains(QLatin1String("code")) || json.contains(QLatin1String("message"))) {
        error.code = json.value(QLatin1String("code")).toInt();
        error.message = json.value(QLatin1String("message")).toString();
        error.moreInfo = json.value(QLatin1String("more_info")).toString();
    } else {
        // A proxy or load balancer answered, not Twilio's API: the status is all there is.
        error.message = QStringLiteral("HTTP %1 %2").arg(httpStatus).arg(reason).trimmed();
    }
    return error;
}

} // namespace

TwilioClient::TwilioClient(TwilioCredentials credentials, QObject *parent)
    : QObject(parent), m_credentials(std::move(credentials)),
      m_network(new QNetworkAccessManager(this))
{
    while (m_credentials.apiBase.endsWith(QLatin1Char('/')))
        m_credentials.apiBase.chop(1);
}

FormParams TwilioClient::createCallForm(const CreateCallParams &params)
{
    FormParams form{
        {QStringLiteral("To"), params.to},
        {QStringLiteral("From"), params.from},
        {QStringLiteral("Url"), params.url},
        {QStringLiteral("Method"), QStringLiteral("POST")},
        {QStringLiteral("StatusCallback"), params.statusCallback},
    };
    for (const QString &event : params.statusCallbackEvents)
        form.append({QStringLiteral("StatusCallbackEvent"), event});
    form.append({QStringLiteral("StatusCallbackMethod"), QStringLiteral("POST")});
    return form;
}

void TwilioClient::createCall(const CreateCallParams &params, CallCallback done)
{
    send("POST", QStringLiteral("Calls.json"), createCallForm(params), std::move(done));
}

void TwilioClient::fetchCall(const QString &callSid, CallCallback done)
{
    send("GET", callPath(callSid), {}, std::move(done));
}

void TwilioClient::updateCallStatus(const QString &callSid, const QString &status,
                                    CallCallback done)
{
    send("POST", callPath(callSid), {{QStringLiteral("Status"), status}}, std::move(done));
}

void TwilioClient::send(const QByteArray &verb, const QString &path, const FormParams &form,
                        CallCallback done)
{
    const QString account = QString::fromLatin1(QUrl::toPercentEncoding(m_credentials.accountSid));
    QNetworkRequest request(
        QUrl(m_credentials.apiBase + ApiVersionPath + account + QLatin1Char('/') + path));
    const QByteArray basic = (m_credentials.accountSid.toUtf8() + ':' + m_credentials.authToken);
    request.setRawHeader(QByteArrayLiteral("Authorization"), "Basic " + basic.toBase64());
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("Accept-Charset"), QByteArrayLiteral("utf-8"));
    request.setRawHeader(QByteArrayLiteral("User-Agent"), userAgent());
    request.setTransferTimeout(m_timeoutMs);
    // A redirect elsewhere would carry the Authorization header to a host we never chose.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);

    QNetworkReply *reply = nullptr;
    if (verb == "GET") {
        reply = m_network->sendCustomRequest(request, verb);
    } else {
        request.setRawHeader(QByteArrayLiteral("Content-Type"),
                             QByteArrayLiteral("application/x-www-form-urlencoded"));
        reply = m_network->sendCustomRequest(request, verb, FormEncoding::encode(form));
    }
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, done = std::move(done)] { finish(reply, done); });
}

void TwilioClient::finish(QNetworkReply *reply, const CallCallback &done)
{
    reply->deleteLater();
    const QString what = describeRequest(reply);
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const bool answered = statusAttribute.isValid();
    if (m_reachable != answered) {
        m_reachable = answered;
        Q_EMIT reachabilityChanged(answered);
    }

    auto fail = [&](TwilioError error) {
        // Belt and braces: Qt's messages quote the URL, which never holds the token, but the
        // token must not reach a log or the API even if someone puts it in apiBase.
        const QString token = QString::fromUtf8(m_credentials.authToken);
        if (!token.isEmpty())
            error.message.replace(token, QStringLiteral("<redacted>"));
        qCWarning(lcTwilio).noquote() << what << "failed:" << error.describe();
        done(error);
    };

    if (!answered) {
        TwilioError error;
        // We never abort a reply ourselves, so a cancelled one is the transfer timeout firing.
        const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError ||
                              reply->error() == QNetworkReply::TimeoutError;
        error.kind = timedOut ? TwilioError::Kind::Timeout : TwilioError::Kind::Network;
        error.message =
            timedOut
                ? QStringLiteral("no answer within %1 ms").arg(reply->request().transferTimeout())
                : reply->errorString();
        fail(error);
        return;
    }

    const int status = statusAttribute.toInt();
    const QByteArray body = reply->readAll();
    if (status < 200 || status > 299) {
        fail(apiError(status, body,
                      reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString()));
        return;
    }

    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(body, &parseError);
    const TwilioCall call = TwilioCall::fromJson(json.object());
    if (!json.isObject() || call.sid.isEmpty()) {
        TwilioError error;
        error.kind = TwilioError::Kind::BadAnswer;
        error.httpStatus = status;
        error.message = parseError.error != QJsonParseError::NoError
                            ? QStringLiteral("HTTP %1 is not JSON: %2")
                                  .arg(status)
                                  .arg(parseError.errorString())
                            : QStringLiteral("HTTP %1 is not a Call object with a sid").arg(status);
        fail(error);
        return;
    }
    qCInfo(lcTwilio).noquote() << what << "->" << status << "call" << call.sid << call.status;
    done(call);
}

} // namespace flux
