// TwilioClient: Twilio's Voice REST API (Calls create, fetch, update) over QNetworkAccessManager.
#pragma once

#include "base/Result.h"
#include "http/FormEncoding.h"
#include "twilio/TwilioCall.h"
#include "twilio/TwilioError.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

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
    QStringList statusCallbackEvents = {QStringLiteral("initiated"), QStringLiteral("ringing"),
                                        QStringLiteral("answered"), QStringLiteral("completed")};
};

class TwilioClient : public QObject
{
    Q_OBJECT
public:
    using CallCallback = std::function<void(const Result<TwilioCall, TwilioError> &)>;

    explicit TwilioClient(TwilioCredentials credentials, QObject *parent = nullptr);

    void createCall(const CreateCallParams &params, CallCallback done);
    void fetchCall(const QString &callSid, CallCallback done);
    // Status "canceled" ends a queued or ringing call, "completed" one in progress.
    void updateCallStatus(const QString &callSid, const QString &status, CallCallback done);

    // The create request's form, in the order and encoding Twilio's Python SDK sends.
    static FormParams createCallForm(const CreateCallParams &params);

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    const QString &accountSid() const { return m_credentials.accountSid; }

Q_SIGNALS:
    // Whether Twilio's REST API answered the last request at all (any HTTP status counts).
    void reachabilityChanged(bool reachable);

private:
    void send(const QByteArray &verb, const QString &path, const FormParams &form,
              CallCallback done);
    void finish(QNetworkReply *reply, const CallCallback &done);

    TwilioCredentials m_credentials;
    QNetworkAccessManager *m_network;
    int m_timeoutMs = 10000;
    std::optional<bool> m_reachable; // unknown until the first request ends
};

} // namespace flux
