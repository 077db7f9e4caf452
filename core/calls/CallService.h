// CallService: places calls through Twilio and applies what Twilio reports back to the store.
#pragma once

#include "base/Result.h"
#include "calls/CallRecord.h"
#include "calls/CallRequest.h"
#include "calls/CallStore.h"

#include <QObject>

#include <functional>

namespace flux {

class TwilioClient;

class CallService : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString fromNumber;    // Twilio's caller number
        QString publicBaseUrl; // where Twilio reaches our webhooks, without a trailing slash
    };
    using PlaceCallback = std::function<void(const Result<CallRecord, CallError> &)>;
    using StatusCallback = std::function<void(const Result<CallStore::StatusResult, CallError> &)>;
    using OutcomeCallback =
        std::function<void(const Result<CallStore::OutcomeResult, CallError> &)>;

    // `twilio` may be null: then every placement fails with NotConfigured.
    CallService(CallStore *store, TwilioClient *twilio, Options options, QObject *parent = nullptr);

    void placeCall(const CallRequest &request, PlaceCallback done);
    // Ends a call early: canceled while queued or ringing, completed once answered.
    void hangUp(const QString &callSid, PlaceCallback done);

    // Webhook effects. Each is durable in the store before `done` runs. A webhook for a sid we
    // do not know yet waits while a create request is in flight: Twilio may call back before
    // its answer to the create has reached us.
    void recordStatus(const CallEvent &event, StatusCallback done);
    void recordGather(const QString &callSid, const QString &digits, OutcomeCallback done);

    CallStore *store() const { return m_store; }
    QString twimlUrl(const QString &taskTitle, const QString &taskId) const;
    QString gatherUrl(const QString &taskId) const;
    QString statusCallbackUrl() const;

Q_SIGNALS:
    void callPlaced(const flux::CallRecord &call);
    void callUpdated(const flux::CallRecord &call);
    void taskAcknowledged(const flux::CallRecord &call);

private:
    void whenKnown(const QString &callSid, std::function<void(bool known)> run);
    void settleCreate();
    void announce(const QString &callSid);

    CallStore *m_store;
    TwilioClient *m_twilio;
    Options m_options;
    int m_createsInFlight = 0;
    QList<std::function<void()>> m_waitingForCreates;
};

} // namespace flux
