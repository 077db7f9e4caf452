#include "twilio/TwilioClient.h"

#include "base/LogCategories.h"

#include <QElapsedTimer>
#include <QJsonArray>
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
    qsizetype calls = path.lastIndexOf(QLatin1String("/Calls"));
    if (calls < 0)
        calls = path.lastIndexOf(QLatin1String("/Messages"));
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

// What a request does with Twilio's answer.
struct TwilioClient::Answer
{
    QString expected; // "a Call object with a sid": what a 2xx answer must hold
    // Takes a 2xx answer's JSON object; false when it is not what was expected.
    std::function<bool(const QJsonObject &json, int status, const QString &what)> accept;
    std::function<void(const TwilioError &error)> failed;
};

// One request across its attempts.
struct TwilioClient::Pending
{
    RetryPolicy::Request kind;
    QByteArray verb;
    QString path;
    QByteArray body; // empty for GET
    Answer answer;
    int attempts = 0;
    QElapsedTimer sinceFirst;
};

// A list of calls across its pages.
struct TwilioClient::ListRead
{
    TwilioCallList result;
    int maxPages = 1;
    CallListCallback done;
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

TwilioClient::Answer TwilioClient::callAnswer(CallCallback done)
{
    auto shared = std::make_shared<CallCallback>(std::move(done));
    return {QStringLiteral("a Call object with a sid"),
            [shared](const QJsonObject &json, int status, const QString &what) {
                const TwilioCall call = TwilioCall::fromJson(json);
                if (call.sid.isEmpty())
                    return false;
                // Debug: flux.calls says "placed" at info for the same call; failures stay
                // warnings.
                qCDebug(lcTwilio).noquote()
                    << what << "->" << status << "call" << call.sid << call.status;
                (*shared)(call);
                return true;
            },
            [shared](const TwilioError &error) { (*shared)(error); }};
}

void TwilioClient::createCall(const CreateCallParams &params, CallCallback done)
{
    send(RetryPolicy::Request::Create, "POST", QStringLiteral("Calls.json"), createCallForm(params),
         callAnswer(std::move(done)));
}

FormParams TwilioClient::createMessageForm(const CreateMessageParams &params)
{
    // twilio-python's MessageList.create puts To and StatusCallback first, From and Body later.
    return {
        {QStringLiteral("To"), params.to},
        {QStringLiteral("StatusCallback"), params.statusCallback},
        {QStringLiteral("From"), params.from},
        {QStringLiteral("Body"), params.body.left(CreateMessageParams::MaxBodyLength)},
    };
}

void TwilioClient::createMessage(const CreateMessageParams &params, MessageCallback done)
{
    auto shared = std::make_shared<MessageCallback>(std::move(done));
    Answer answer{QStringLiteral("a Message object with a sid"),
                  [shared](const QJsonObject &json, int status, const QString &what) {
                      const TwilioMessage message = TwilioMessage::fromJson(json);
                      if (message.sid.isEmpty())
                          return false;
                      qCDebug(lcTwilio).noquote()
                          << what << "->" << status << "message" << message.sid << message.status;
                      (*shared)(message);
                      return true;
                  },
                  [shared](const TwilioError &error) { (*shared)(error); }};
    send(RetryPolicy::Request::Create, "POST", QStringLiteral("Messages.json"),
         createMessageForm(params), std::move(answer));
}

void TwilioClient::fetchCall(const QString &callSid, CallCallback done)
{
    send(RetryPolicy::Request::Fetch, "GET", callPath(callSid), {}, callAnswer(std::move(done)));
}

void TwilioClient::listCalls(const TwilioCallFilter &filter, CallListCallback done)
{
    auto list = std::make_shared<ListRead>();
    list->maxPages = qMax(1, filter.maxPages);
    list->done = std::move(done);
    readPage(QStringLiteral("Calls.json?") +
                 QString::fromLatin1(FormEncoding::encode(filter.query())),
             list);
}

void TwilioClient::readPage(const QString &path, const std::shared_ptr<ListRead> &list)
{
    // next_page_uri is a path from the API's root; it is followed only within this account,
    // always on apiBase, so a page cannot send the credentials anywhere else.
    const QString accountRoot =
        ApiVersionPath + QString::fromLatin1(QUrl::toPercentEncoding(m_credentials.accountSid)) +
        QLatin1Char('/');
    Answer answer;
    answer.expected = QStringLiteral("a list of calls");
    answer.accept = [this, list, accountRoot](const QJsonObject &json, int status,
                                              const QString &what) {
        const QJsonValue calls = json.value(QLatin1String("calls"));
        if (!calls.isArray())
            return false;
        TwilioCallList &result = list->result;
        ++result.pages;
        const QJsonArray page = calls.toArray();
        for (const QJsonValue &call : page)
            result.calls.append(TwilioCall::fromJson(call.toObject()));
        const QString next = json.value(QLatin1String("next_page_uri")).toString();
        qCDebug(lcTwilio).noquote() << what << "->" << status << page.size() << "call(s), page"
                                    << result.pages << (next.isEmpty() ? "(last)" : "");
        if (next.isEmpty()) {
            result.complete = true;
        } else if (result.pages < list->maxPages) {
            if (next.startsWith(accountRoot)) {
                readPage(next.mid(accountRoot.size()), list);
                return true;
            }
            qCWarning(lcTwilio).noquote()
                << what << ": next_page_uri is not a page of this account's calls; not followed";
        }
        list->done(result);
        return true;
    };
    answer.failed = [list](const TwilioError &error) { list->done(error); };
    send(RetryPolicy::Request::Fetch, "GET", path, {}, std::move(answer));
}

void TwilioClient::updateCallStatus(const QString &callSid, const QString &status,
                                    CallCallback done)
{
    send(RetryPolicy::Request::Update, "POST", callPath(callSid),
         {{QStringLiteral("Status"), status}}, callAnswer(std::move(done)));
}

void TwilioClient::send(RetryPolicy::Request kind, const QByteArray &verb, const QString &path,
                        const FormParams &form, Answer answer)
{
    auto pending = std::make_shared<Pending>();
    pending->kind = kind;
    pending->verb = verb;
    pending->path = path;
    if (verb != "GET")
        pending->body = FormEncoding::encode(form);
    pending->answer = std::move(answer);
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
    pending->answer.failed(error);
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
    if (!json.isObject() || !pending->answer.accept(json.object(), status, what)) {
        TwilioError error;
        error.kind = TwilioError::Kind::BadAnswer;
        error.httpStatus = status;
        error.message =
            parseError.error != QJsonParseError::NoError
                ? QStringLiteral("HTTP %1 is not JSON: %2")
                      .arg(status)
                      .arg(parseError.errorString())
                : QStringLiteral("HTTP %1 is not %2").arg(status).arg(pending->answer.expected);
        fail(pending, error, what);
    }
}

} // namespace flux
