// CallService: places calls through Twilio and applies what Twilio reports back to the store.
#pragma once

#include "base/Result.h"
#include "calls/CallRecord.h"
#include "calls/CallRequest.h"
#include "calls/CallStore.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <optional>

namespace flux {

class TwilioClient;
struct TwilioCall;
struct TwilioError;

class CallService : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString fromNumber;    // Twilio's caller number
        QString publicBaseUrl; // where Twilio reaches our webhooks, without a trailing slash
        // Twilio's MachineDetection for every create: "Enable", "DetectMessageEnd", or empty.
        QString machineDetection;
    };
    // What a webhook says of its call beyond the sid: the request_id of its URL, if any (for a
    // sid not in the store it names the pending call to complete), and the call's own fields,
    // from which a call this desk did not place is adopted into the history.
    struct WebhookCall
    {
        QString requestId;
        QString to;
        QString from;
        QString taskTitle; // from the TwiML or gather URL, when it carries one
        QString taskId;
    };
    using PlaceCallback = std::function<void(const Result<CallRecord, CallError> &)>;
    using StatusCallback = std::function<void(const Result<CallStore::StatusResult, CallError> &)>;
    using OutcomeCallback =
        std::function<void(const Result<CallStore::OutcomeResult, CallError> &)>;

    // `twilio` may be null: then every placement fails with NotConfigured.
    CallService(CallStore *store, TwilioClient *twilio, Options options, QObject *parent = nullptr);

    // Stores the request as a PendingCall, then asks Twilio; the pending row becomes the call
    // when Twilio answers, or when a webhook of the call arrives first (after a crash, or when
    // the answer was lost), and goes when Twilio's answer proves nothing was placed.
    void placeCall(const CallRequest &request, PlaceCallback done);
    // The same for a pending row the caller has written already (with its own rows, in one
    // write, e.g. a notification's attempt): Twilio is asked once the row is durable.
    void placePending(const PendingCall &pending, const CallRequest &request, PlaceCallback done);
    // A pending request's id: 128 random bits, unguessable.
    static QString newRequestId();
    // The pending row for `request`, with a new request id, from this desk's number, now.
    PendingCall newPending(const CallRequest &request) const;
    QString fromNumber() const { return m_options.fromNumber; }
    // Whether a call can be placed now: Twilio is configured and shutdown has not begun; else
    // the error placing one would get.
    std::optional<CallError> cannotPlace() const;
    // Ends a call early: canceled while queued or ringing, completed once answered.
    void hangUp(const QString &callSid, PlaceCallback done);

    // Webhook effects. Each is durable in the store before `done` runs. A webhook for a sid we
    // do not know yet waits while a create request is in flight: Twilio may call back before
    // its answer to the create has reached us.
    // `requestId` is the request_id of the webhook's URL, if any: for a sid not in the store it
    // names the pending call to complete.
    void recordStatus(const CallEvent &event, StatusCallback done);
    void recordStatus(const CallEvent &event, const QString &requestId, StatusCallback done);
    void recordGather(const QString &callSid, const QString &digits, OutcomeCallback done);
    void recordGather(const QString &callSid, const QString &digits, const QString &requestId,
                      OutcomeCallback done);
    // A status callback or a keypress of the menu. A call the store does not know (once no
    // create in flight or pending request brings it) is adopted from `webhook`: never refused.
    void recordStatus(const CallEvent &event, const WebhookCall &webhook, StatusCallback done);
    void recordGather(const QString &callSid, const QString &digits, CallStore::Answer answer,
                      const WebhookCall &webhook, OutcomeCallback done);
    // AnsweredBy from machine detection, sent with the TwiML request.
    void recordAnsweredBy(const QString &callSid, const QString &answeredBy,
                          const WebhookCall &webhook, StatusCallback done);

    CallStore *store() const { return m_store; }
    // Whether the create of pending request `requestId` is still waiting for Twilio's answer.
    bool isPlacing(const QString &requestId) const { return m_placing.contains(requestId); }
    // A pending request whose call was found (its webhook names the request, or Twilio's list
    // of calls holds it): the call is stored from the pending row and announced; `how` says
    // which in the log. Empty when the row is gone (its create's answer brought it meanwhile).
    Result<std::optional<CallRecord>, CallError>
    adoptPending(const QString &requestId, const QString &callSid,
                 const QString &how = QStringLiteral("added from Twilio's list of calls"));
    // Creates Twilio has been asked for and not yet answered.
    int createsInFlight() const { return m_createsInFlight; }
    // For shutdown: webhooks waiting for a create's answer are answered Unavailable now, and so
    // are any that arrive later, with nothing written for them; call requests still waiting for
    // Twilio are answered with an error saying the call may yet be placed (their pending rows
    // stay, so the call is recorded if it is).
    void refuseWaiting();
    QString twimlUrl(const QString &taskTitle, const QString &taskId,
                     const QString &requestId = {}) const;
    // With a notification call's language and pass-on, which its gather URLs carry on.
    QString twimlUrl(const CallRequest &request, const QString &requestId) const;
    QString gatherUrl(const QString &taskId, const QString &requestId = {}) const;
    // The menu's gather URL: the task (so a repeat can read it again, and a call this desk does
    // not know is adopted with its title) and the turn's counts (CalleeMenu::Turn).
    QString gatherUrl(const QString &taskTitle, const QString &taskId, const QString &requestId,
                      int counted, int heard, const QString &language = {},
                      bool passOn = false) const;
    QString statusCallbackUrl(const QString &requestId = {}) const;

Q_SIGNALS:
    // The last create in flight was answered (or failed).
    void createsSettled();
    void callPlaced(const flux::CallRecord &call);
    void callUpdated(const flux::CallRecord &call);
    void taskAcknowledged(const flux::CallRecord &call);
    // The callee pressed 2 where a notification offered it: the next person is called now.
    void taskPassedOn(const flux::CallRecord &call);
    // The call reached a final status (stored and durable).
    void callEnded(const flux::CallRecord &call);

private:
    // A webhook's write: it answers its webhook itself, unless the store does not know the call;
    // then it writes nothing and returns false.
    using KnownWrite = std::function<bool()>;
    using UnknownCallback = std::function<void(const CallError &error)>;
    // Runs `write`. When the store does not know the call, waits while a create that may bring
    // it is in flight and runs it again once that settles, or adopts the call from its pending
    // request and runs it again; otherwise `unknown` hears that the call is unknown, or the
    // error that stopped it from finding out (the store failed, or shutting down).
    void whenKnown(const QString &callSid, const WebhookCall &webhook, KnownWrite write,
                   UnknownCallback unknown);
    // Stores a call this desk did not place from its webhook's fields.
    Result<void, CallError> adoptUnknown(const QString &callSid, const WebhookCall &webhook);
    void askTwilio(const QString &requestId, const CallRequest &request);
    void forgetPending(const QString &requestId);
    void placed(const QString &requestId, const CallRequest &request, const TwilioCall &created,
                const PlaceCallback &done);
    void notPlaced(const QString &requestId, const CallRequest &request, const TwilioError &error,
                   const PlaceCallback &done);
    void settleCreate(const QString &requestId);
    // Tells the window of a changed call; `ended`: also logs the call's end, outcome and why,
    // and says callEnded. The record, when it was read for that.
    std::optional<CallRecord> announce(const QString &callSid, bool ended = false);

    CallStore *m_store;
    TwilioClient *m_twilio;
    Options m_options;
    int m_createsInFlight = 0;
    QList<std::function<void()>> m_waitingForCreates;                 // webhooks naming no request
    QHash<QString, QList<std::function<void()>>> m_waitingForRequest; // by request id
    QHash<QString, PlaceCallback> m_placing; // by request id, until Twilio answers
    bool m_refusing = false;
};

} // namespace flux
