#include "twilio/TwilioClient.h"

#include "base/LogCategories.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>
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

// Failures where the connection never carried the request: Twilio cannot have acted on it.
bool failedBeforeSending(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
        return true;
    default:
        return false;
    }
}

} // namespace

// One request across its attempts.
struct TwilioClient::Pending
{
    RetryPolicy::Request kind;
    QByteArray verb;
    QString path;
    QByteArray body; // empty for GET
    CallCallback done;
    int attempts = 0;
    QElapsedTimer sinceFirst;
};

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
    if (!params.machineDetection.isEmpty())
        form.append({QStringLiteral("MachineDetection"), params.machineDetection});
    return form;
}

void TwilioClient::createCall(const CreateCallParams &params, CallCallback done)
{
    send(RetryPolicy::Request::Create, "POST", QStringLiteral("Calls.json"), createCallForm(params),
         std::move(done));
}

void TwilioClient::fetchCall(const QString &callSid, CallCallback done)
{
    send(RetryPolicy::Request::Fetch, "GET", callPath(callSid), {}, std::move(done));
}

void TwilioClient::updateCallStatus(const QString &callSid, const QString &status,
                                    CallCallback done)
{
    send(RetryPolicy::Request::Update, "POST", callPath(callSid),
         {{QStringLiteral("Status"), status}}, std::move(done));
}

void TwilioClient::send(RetryPolicy::Request kind, const QByteArray &verb, const QString &path,
                        const FormParams &form, CallCallback done)
{
    auto pending = std::make_shared<Pending>();
    pending->kind = kind;
    pending->verb = verb;
    pending->path = path;
    if (verb != "GET")
        pending->body = FormEncoding::encode(form);
    pending->done = std::move(done);
    pending->sinceFirst.start();
    attempt(pending);
}

void TwilioClient::attempt(const std::shared_ptr<Pending> &pending)
{
    ++pending->attempts;
    const QString account = QString::fromLatin1(QUrl::toPercentEncoding(m_credentials.accountSid));
    QNetworkRequest request(
        QUrl(m_credentials.apiBase + ApiVersionPath + account + QLatin1Char('/') + pending->path));
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
    if (pending->verb == "GET") {
        reply = m_network->sendCustomRequest(request, pending->verb);
    } else {
        request.setRawHeader(QByteArrayLiteral("Content-Type"),
                             QByteArrayLiteral("application/x-www-form-urlencoded"));
        reply = m_network->sendCustomRequest(request, pending->verb, pending->body);
    }
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, pending] { finish(reply, pending); });
}

void TwilioClient::fail(const std::shared_ptr<Pending> &pending, TwilioError error,
                        const QString &what)
{
    // Belt and braces: Qt's messages quote the URL, which never holds the token, but the
    // token must not reach a log or the API even if someone puts it in apiBase.
    const QString token = QString::fromUtf8(m_credentials.authToken);
    if (!token.isEmpty())
        error.message.replace(token, QStringLiteral("<redacted>"));
    error.attempts = pending->attempts;

    const int wait = m_retry.delayBefore(pending->attempts + 1, pending->kind, error,
                                         pending->sinceFirst.elapsed(),
                                         QRandomGenerator::global()->generateDouble());
    if (wait >= 0) {
        qCWarning(lcTwilio).noquote()
            << what << "failed:" << error.describe() << "- attempt" << pending->attempts + 1 << "of"
            << m_retry.maxAttempts << "in" << wait << "ms";
        QTimer::singleShot(wait, this, [this, pending] { attempt(pending); });
        return;
    }
    if (pending->kind == RetryPolicy::Request::Create && RetryPolicy::isTransient(error) &&
        !RetryPolicy::provesNothingPlaced(error)) {
        qCWarning(lcTwilio).noquote() << what << "failed:" << error.describe()
                                      << "- not sent again: Twilio may have placed the call";
    } else {
        qCWarning(lcTwilio).noquote() << what << "failed:" << error.describe();
    }
    pending->done(error);
}

void TwilioClient::finish(QNetworkReply *reply, const std::shared_ptr<Pending> &pending)
{
    reply->deleteLater();
    const QString what = describeRequest(reply);
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const bool answered = statusAttribute.isValid();
    if (m_reachable != answered) {
        m_reachable = answered;
        Q_EMIT reachabilityChanged(answered);
    }

    if (!answered) {
        TwilioError error;
        // We never abort a reply ourselves, so a cancelled one is the transfer timeout firing.
        const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError ||
                              reply->error() == QNetworkReply::TimeoutError;
        error.kind = timedOut ? TwilioError::Kind::Timeout : TwilioError::Kind::Network;
        error.requestSent = !failedBeforeSending(reply->error());
        error.message =
            timedOut
                ? QStringLiteral("no answer within %1 ms").arg(reply->request().transferTimeout())
                : reply->errorString();
        fail(pending, error, what);
        return;
    }

    const int status = statusAttribute.toInt();
    const QByteArray body = reply->readAll();
    if (status < 200 || status > 299) {
        TwilioError error = apiError(
            status, body, reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
        error.retryAfterMs = RetryPolicy::parseRetryAfter(reply->rawHeader("Retry-After"),
                                                          QDateTime::currentDateTimeUtc());
        fail(pending, error, what);
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
        fail(pending, error, what);
        return;
    }
    // Debug: flux.calls says "placed" at info for the same call; failures stay warnings.
    qCDebug(lcTwilio).noquote() << what << "->" << status << "call" << call.sid << call.status;
    pending->done(call);
}

} // namespace flux
