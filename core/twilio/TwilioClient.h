// TwilioClient: Twilio's Voice REST API (Calls create, fetch, list, update) and the Messages
// create of its Programmable Messaging API, over QNetworkAccessManager.
#pragma once

#include "base/Result.h"
#include "net/FormEncoding.h"
#include "twilio/RetryPolicy.h"
#include "twilio/TwilioCall.h"
#include "twilio/TwilioCallList.h"
#include "twilio/TwilioError.h"
#include "twilio/TwilioMessage.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QJsonObject;
class QNetworkAccessManager;
class QNetworkReply;

namespace flux {

struct TwilioCredentials
{
    QString apiBase;      // https://api.twilio.com, or the simulator's http://127.0.0.1:port
    QString accountSid;   // AC…
    QByteArray authToken; // secret: never logged
};

struct CreateCallParams
{
    QString to;
    QString from;
    QString url;            // where Twilio fetches the TwiML
    QString statusCallback; // where Twilio posts status changes
    // MachineDetection: "Enable", "DetectMessageEnd", or empty for no answering-machine detection.
    QString machineDetection;
    QStringList statusCallbackEvents = {QStringLiteral("initiated"), QStringLiteral("ringing"),
                                        QStringLiteral("answered"), QStringLiteral("completed")};
};

class TwilioClient : public QObject
{
    Q_OBJECT
public:
    using CallCallback = std::function<void(const Result<TwilioCall, TwilioError> &)>;
    using CallListCallback = std::function<void(const Result<TwilioCallList, TwilioError> &)>;
    using MessageCallback = std::function<void(const Result<TwilioMessage, TwilioError> &)>;

    explicit TwilioClient(TwilioCredentials credentials, QObject *parent = nullptr);

    // Each request is retried as the RetryPolicy allows; `done` runs once, with the call or the
    // last failure (its `attempts` says how many were made).
    void createCall(const CreateCallParams &params, CallCallback done);
    void fetchCall(const QString &callSid, CallCallback done);
    // The account's calls that `filter` matches, newest first: its pages one after the other, up
    // to filter.maxPages of them. A failed page fails the whole list.
    void listCalls(const TwilioCallFilter &filter, CallListCallback done);
    // Status "canceled" ends a queued or ringing call, "completed" one in progress.
    void updateCallStatus(const QString &callSid, const QString &status, CallCallback done);

    // POST Messages.json: a text, retried like a call's create (never blindly once Twilio may
    // have it).
    void createMessage(const CreateMessageParams &params, MessageCallback done);

    // The create request's form, in the order and encoding Twilio's Python SDK sends.
    static FormParams createCallForm(const CreateCallParams &params);
    static FormParams createMessageForm(const CreateMessageParams &params);

    // How long one attempt may wait for Twilio's answer.
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }
    const RetryPolicy &retryPolicy() const { return m_retry; }
    const QString &accountSid() const { return m_credentials.accountSid; }

Q_SIGNALS:
    // Whether Twilio's REST API answered the last request at all (any HTTP status counts).
    void reachabilityChanged(bool reachable);

private:
    struct Pending;
    struct Answer;
    struct ListRead;
    void send(RetryPolicy::Request kind, const QByteArray &verb, const QString &path,
              const FormParams &form, Answer answer);
    static Answer callAnswer(CallCallback done);
    // `path` is relative to the account, query included.
    void readPage(const QString &path, const std::shared_ptr<ListRead> &list);
    void attempt(const std::shared_ptr<Pending> &pending);
    void finish(QNetworkReply *reply, const std::shared_ptr<Pending> &pending);
    void fail(const std::shared_ptr<Pending> &pending, TwilioError error, const QString &what);

    TwilioCredentials m_credentials;
    QNetworkAccessManager *m_network;
    int m_timeoutMs = 10000;
    RetryPolicy m_retry;
    std::optional<bool> m_reachable; // unknown until the first request ends
};

} // namespace flux
