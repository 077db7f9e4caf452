#include "calls/CallService.h"

#include "base/LogCategories.h"
#include "calls/WebhookPaths.h"
#include "net/FormEncoding.h"
#include "twilio/TwilioClient.h"
#include "twilio/VoicePrompts.h"

#include <QMetaMethod>
#include <QPointer>
#include <QRandomGenerator>
#include <QScopeGuard>

namespace flux {

namespace {
CallError storeError(const StoreError &error)
{
    return {CallError::Kind::Store, error.message};
}

CallError refused()
{
    return {CallError::Kind::Unavailable, QStringLiteral("Shutting down: try again shortly")};
}

} // namespace

// 128 random bits: unguessable, so a forged webhook cannot claim someone else's pending call
// (it would need a valid signature as well).
QString CallService::newRequestId()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex());
}

namespace {

QString withRequestId(QString url, const QString &requestId)
{
    if (requestId.isEmpty())
        return url;
    url += url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?');
    return url +
           QString::fromLatin1(FormEncoding::encode({{WebhookPaths::RequestIdParam, requestId}}));
}

// What a notification's call carries from its TwiML URL on to its gather URLs: the callee's
// language and whether 2 passes the task on.
void appendCalleeParams(FormParams &query, const QString &language, bool passOn)
{
    if (!language.isEmpty())
        query.append({WebhookPaths::LanguageParam, language});
    if (passOn)
        query.append({WebhookPaths::PassOnParam, QStringLiteral("1")});
}
} // namespace

CallService::CallService(CallStore *store, TwilioClient *twilio, Options options, QObject *parent)
    : QObject(parent), m_store(store), m_twilio(twilio), m_options(std::move(options))
{}

QString CallService::twimlUrl(const QString &taskTitle, const QString &taskId,
                              const QString &requestId) const
{
    return twimlUrl(CallRequest(QString(), taskTitle, taskId), requestId);
}

QString CallService::twimlUrl(const CallRequest &request, const QString &requestId) const
{
    FormParams query{{QStringLiteral("task_title"), request.taskTitle}};
    if (!request.taskId.isEmpty())
        query.append({QStringLiteral("task_id"), request.taskId});
    appendCalleeParams(query, request.language, request.canPassOn);
    return withRequestId(m_options.publicBaseUrl + WebhookPaths::Twiml + QLatin1Char('?') +
                             QString::fromLatin1(FormEncoding::encode(query)),
                         requestId);
}

QString CallService::gatherUrl(const QString &taskId, const QString &requestId) const
{
    QString url = m_options.publicBaseUrl + WebhookPaths::Gather;
    if (!taskId.isEmpty())
        url += QLatin1Char('?') +
               QString::fromLatin1(FormEncoding::encode({{QStringLiteral("task_id"), taskId}}));
    return withRequestId(url, requestId);
}

QString CallService::gatherUrl(const QString &taskTitle, const QString &taskId,
                               const QString &requestId, int counted, int heard,
                               const QString &language, bool passOn) const
{
    FormParams query;
    if (!taskTitle.isEmpty())
        query.append({QStringLiteral("task_title"), taskTitle});
    if (!taskId.isEmpty())
        query.append({QStringLiteral("task_id"), taskId});
    appendCalleeParams(query, language, passOn);
    query.append({WebhookPaths::RoundParam, QString::number(counted)});
    query.append({WebhookPaths::HeardParam, QString::number(heard)});
    return withRequestId(m_options.publicBaseUrl + WebhookPaths::Gather + QLatin1Char('?') +
                             QString::fromLatin1(FormEncoding::encode(query)),
                         requestId);
}

QString CallService::statusCallbackUrl(const QString &requestId) const
{
    return withRequestId(m_options.publicBaseUrl + WebhookPaths::Status, requestId);
}

std::optional<CallError> CallService::cannotPlace() const
{
    if (!m_twilio)
        return CallError{CallError::Kind::NotConfigured,
                         QStringLiteral("Twilio is not configured: set TWILIO_ACCOUNT_SID, "
                                        "TWILIO_AUTH_TOKEN and TWILIO_PHONE_NUMBER")};
    if (m_refusing)
        return refused();
    return std::nullopt;
}

PendingCall CallService::newPending(const CallRequest &request) const
{
    PendingCall pending;
    pending.requestId = newRequestId();
    pending.to = request.to;
    pending.from = m_options.fromNumber;
    pending.taskTitle = request.taskTitle;
    pending.taskId = request.taskId;
    pending.requestedAt = QDateTime::currentDateTimeUtc();
    return pending;
}

void CallService::placeCall(const CallRequest &request, PlaceCallback done)
{
    if (const auto cannot = cannotPlace())
        return done(*cannot);
    const PendingCall pending = newPending(request);
    // Durable before Twilio hears of it: if we cannot remember asking, we do not ask. Grouped:
    // a burst of requests shares one sync, and Twilio is asked once the row is on disk.
    if (const auto stored = m_store->insertPending(pending, CallStore::Commit::Grouped); !stored)
        return done(storeError(stored.error()));
    placePending(pending, request, std::move(done));
}

void CallService::placePending(const PendingCall &pending, const CallRequest &request,
                               PlaceCallback done)
{
    if (const auto cannot = cannotPlace()) {
        forgetPending(pending.requestId);
        return done(*cannot);
    }
    ++m_createsInFlight;
    const QString requestId = pending.requestId;
    m_placing.insert(requestId, std::move(done));
    QPointer<CallService> self(this);
    m_store->whenDurable([self, requestId, request](const Result<void, StoreError> &durable) {
        if (!self)
            return;
        if (!durable || self->m_refusing) {
            // Twilio was never asked: nothing can ring, so say so plainly and forget the row
            // (a failed group took the row with it already).
            if (durable)
                self->forgetPending(requestId);
            if (PlaceCallback done = self->m_placing.take(requestId))
                done(durable ? refused() : storeError(durable.error()));
            return self->settleCreate(requestId);
        }
        self->askTwilio(requestId, request);
    });
}

void CallService::askTwilio(const QString &requestId, const CallRequest &request)
{
    CreateCallParams params;
    params.to = request.to;
    params.from = m_options.fromNumber;
    params.url = twimlUrl(request, requestId);
    params.statusCallback = statusCallbackUrl(requestId);
    params.machineDetection = m_options.machineDetection;

    QPointer<CallService> self(this);
    m_twilio->createCall(params,
                         [self, requestId, request](const Result<TwilioCall, TwilioError> &result) {
                             if (!self)
                                 return;
                             // Empty when shutdown already answered the request: the store is still
                             // brought up to date, since Twilio's answer is in hand.
                             PlaceCallback done = self->m_placing.take(requestId);
                             if (!done)
                                 done = [](const Result<CallRecord, CallError> &) {};
                             if (result)
                                 self->placed(requestId, request, result.value(), done);
                             else
                                 self->notPlaced(requestId, request, result.error(), done);
                         });
}

void CallService::placed(const QString &requestId, const CallRequest &request,
                         const TwilioCall &created, const PlaceCallback &done)
{
    CallRecord call;
    call.sid = created.sid;
    call.requestId = requestId;
    call.to = created.to.isEmpty() ? request.to : created.to;
    call.from = created.from;
    call.taskTitle = request.taskTitle;
    call.taskId = request.taskId;
    call.status = created.status.isEmpty() ? CallStatus::Queued : created.status;
    call.initiatedAt = QDateTime::currentDateTimeUtc();
    call.updatedAt = call.initiatedAt;
    const auto stored = m_store->completePending(requestId, call, CallStore::Commit::Grouped);
    if (!stored) {
        // Twilio is ringing the phone even so; the pending row stays, so the call's webhooks
        // can still add it. Say so rather than lose the sid.
        qCCritical(lcCalls).noquote()
            << "call" << call.sid << "placed but not stored:" << stored.error().message;
        done(storeError(stored.error()));
        return settleCreate(requestId);
    }
    // Settled (and the webhooks waiting for it let through) now: they see the row on this
    // connection, and their own answers wait for a sync that covers it.
    settleCreate(requestId);
    const bool fresh = stored.value();
    QPointer<CallService> self(this);
    m_store->whenDurable([self, call, fresh, done](const Result<void, StoreError> &durable) {
        if (!durable) {
            // The group was undone: the pending row is back, so the webhooks can still add it.
            qCCritical(lcCalls).noquote()
                << "call" << call.sid << "placed but not stored:" << durable.error().message;
            return done(storeError(durable.error()));
        }
        CallRecord answer = call;
        if (!fresh && self) {
            // A webhook got here first and stored it from the pending row: report what is stored.
            if (const auto found = self->m_store->call(call.sid); found && found.value())
                answer = *found.value();
            qCInfo(lcCalls).noquote() << "call" << answer.sid << "placed to" << answer.to
                                      << "(already known from its webhooks)";
            return done(answer);
        }
        qCInfo(lcCalls).noquote() << "call" << answer.sid << "placed to" << answer.to;
        done(answer);
        if (self)
            Q_EMIT self->callPlaced(answer);
    });
}

void CallService::notPlaced(const QString &requestId, const CallRequest &request,
                            const TwilioError &error, const PlaceCallback &done)
{
    if (RetryPolicy::provesNothingPlaced(error)) {
        forgetPending(requestId);
        qCWarning(lcCalls).noquote() << "call to" << request.to << "failed:" << error.describe();
    } else {
        qCWarning(lcCalls).noquote() << "call to" << request.to << "failed:" << error.describe()
                                     << "- Twilio may have placed it; kept as pending request"
                                     << requestId << "so its webhooks can still add it";
    }
    done(CallError{CallError::Kind::Twilio, error.describe()});
    settleCreate(requestId);
}

void CallService::forgetPending(const QString &requestId)
{
    if (const auto dropped = m_store->dropPending(requestId); !dropped)
        qCWarning(lcCalls).noquote()
            << "pending call" << requestId << "not removed:" << dropped.error().message;
}

Result<std::optional<CallRecord>, CallError>
CallService::adoptPending(const QString &requestId, const QString &callSid, const QString &how)
{
    const auto adopted = m_store->adoptPending(requestId, callSid);
    if (!adopted)
        return storeError(adopted.error());
    if (adopted.value()) {
        qCInfo(lcCalls).noquote() << "call" << callSid << "to" << adopted.value()->to << how
                                  << "(request" << requestId << ")";
        Q_EMIT callPlaced(*adopted.value());
    }
    return adopted.value();
}

void CallService::hangUp(const QString &callSid, PlaceCallback done)
{
    const auto found = m_store->call(callSid);
    if (!found)
        return done(storeError(found.error()));
    if (!found.value())
        return done(
            CallError{CallError::Kind::UnknownCall, QStringLiteral("No call %1").arg(callSid)});
    if (!m_twilio)
        return done(
            CallError{CallError::Kind::NotConfigured, QStringLiteral("Twilio is not configured")});
    const CallRecord call = *found.value();
    const QString status =
        call.status == CallStatus::InProgress ? CallStatus::Completed : CallStatus::Canceled;
    QPointer<CallService> self(this);
    m_twilio->updateCallStatus(
        callSid, status, [self, call, done](const Result<TwilioCall, TwilioError> &result) {
            if (!self)
                return;
            if (!result)
                return done(CallError{CallError::Kind::Twilio, result.error().describe()});
            qCInfo(lcCalls).noquote() << "call" << call.sid << "hang-up requested";
            done(call);
        });
}

void CallService::whenKnown(const QString &callSid, const WebhookCall &webhook, KnownWrite write,
                            UnknownCallback unknown)
{
    if (m_refusing)
        return unknown(refused());
    // Written first: nearly every webhook names a stored call, and the write reads the call
    // anyway, so asking the store first cost a query per webhook for the rare one that waits.
    if (write())
        return;
    // A webhook naming its request waits for that create alone; one without (not from our URLs)
    // for every create in flight. So a storm's settling creates each retry only their own.
    const QString &requestId = webhook.requestId;
    const bool waitForCreate =
        requestId.isEmpty() ? m_createsInFlight > 0 : m_placing.contains(requestId);
    if (waitForCreate) {
        auto retry = [this, callSid, webhook, write, unknown] {
            whenKnown(callSid, webhook, write, unknown);
        };
        if (requestId.isEmpty())
            m_waitingForCreates.append(std::move(retry));
        else
            m_waitingForRequest[requestId].append(std::move(retry));
        return;
    }
    const CallError notStored{CallError::Kind::UnknownCall,
                              QStringLiteral("Unknown call %1").arg(callSid)};
    if (!requestId.isEmpty()) {
        // Twilio placed a call whose create answer never reached the store: a crash, a timeout.
        const auto adopted =
            adoptPending(requestId, callSid, QStringLiteral("added from its webhook"));
        if (!adopted)
            return unknown(adopted.error());
        if (adopted.value()) {
            if (!write())
                unknown(notStored);
            return;
        }
    }
    // A call this desk did not place (another desk's, one from Twilio's console, a store that
    // was reset): its callee still hears the right answer, and staff see what happened.
    if (const auto adopted = adoptUnknown(callSid, webhook); !adopted)
        return unknown(adopted.error());
    if (!write())
        unknown(notStored);
}

Result<void, CallError> CallService::adoptUnknown(const QString &callSid,
                                                  const WebhookCall &webhook)
{
    CallRecord call;
    call.sid = callSid;
    call.to = webhook.to;
    call.from = webhook.from;
    call.taskTitle = webhook.taskTitle;
    call.taskId = webhook.taskId;
    call.status = CallStatus::Queued;
    call.placedHere = false;
    call.initiatedAt = QDateTime::currentDateTimeUtc();
    call.updatedAt = call.initiatedAt;
    const auto inserted = m_store->insertCall(call);
    if (!inserted)
        return storeError(inserted.error());
    qCWarning(lcCalls).noquote() << "call" << callSid << "to" << call.to
                                 << "was not placed by this desk: added from its webhook";
    if (inserted.value())
        Q_EMIT callPlaced(call);
    return {};
}

void CallService::settleCreate(const QString &requestId)
{
    --m_createsInFlight;
    const auto forThis = m_waitingForRequest.take(requestId);
    for (const auto &retry : forThis)
        retry();
    const auto waiting = std::exchange(m_waitingForCreates, {});
    for (const auto &retry : waiting)
        retry();
    if (m_createsInFlight == 0)
        Q_EMIT createsSettled();
}

void CallService::refuseWaiting()
{
    m_refusing = true;
    const auto byRequest = std::exchange(m_waitingForRequest, {});
    for (const auto &waiting : byRequest) {
        for (const auto &retry : waiting)
            retry();
    }
    const auto waiting = std::exchange(m_waitingForCreates, {});
    for (const auto &retry : waiting)
        retry();
    // Not 503: asking again could ring the phone twice if Twilio has placed this one.
    const auto placing = std::exchange(m_placing, {});
    for (auto it = placing.begin(); it != placing.end(); ++it) {
        qCWarning(lcCalls).noquote() << "stopping before Twilio answered request" << it.key();
        it.value()(CallError{CallError::Kind::Twilio,
                             QStringLiteral("Stopped before Twilio answered: the call may still "
                                            "be placed, and is recorded if it is")});
    }
}

std::optional<CallRecord> CallService::announce(const QString &callSid, bool ended)
{
    // Reading the record back costs more than the webhook's own write: only for a listener (the
    // window; headless, nobody is), or for the one line that says how a call ended.
    static const QMetaMethod updated = QMetaMethod::fromSignal(&CallService::callUpdated);
    const bool listened = isSignalConnected(updated);
    if (!listened && !ended)
        return std::nullopt;
    const auto found = m_store->call(callSid);
    if (!found || !found.value())
        return std::nullopt;
    const CallRecord &call = *found.value();
    if (ended) {
        qCInfo(lcCalls).noquote() << "call" << call.sid << "to" << call.to << "ended" << call.status
                                  << "->" << call.outcome
                                  << (call.reason.isEmpty()
                                          ? QString()
                                          : QStringLiteral("(%1)").arg(call.reason));
    }
    if (listened)
        Q_EMIT callUpdated(call);
    if (ended)
        Q_EMIT callEnded(call);
    return call;
}

void CallService::recordStatus(const CallEvent &event, StatusCallback done)
{
    recordStatus(event, WebhookCall{}, std::move(done));
}

void CallService::recordStatus(const CallEvent &event, const QString &requestId,
                               StatusCallback done)
{
    recordStatus(event, WebhookCall{requestId, {}, {}, {}, {}}, std::move(done));
}

void CallService::recordStatus(const CallEvent &event, const WebhookCall &webhook,
                               StatusCallback done)
{
    auto write = [this, event, done]() -> bool {
        // Grouped: this turn's webhooks share one sync. Nobody hears of the change, Twilio
        // included, before it is on disk.
        const auto applied = m_store->applyStatus(event, CallStore::Commit::Grouped);
        if (!applied) {
            done(storeError(applied.error()));
            return true;
        }
        const CallStore::StatusResult result = applied.value();
        if (result == CallStore::StatusResult::UnknownCall)
            return false;
        QPointer<CallService> self(this);
        m_store->whenDurable([self, event, done, result](const Result<void, StoreError> &durable) {
            if (!durable)
                return done(storeError(durable.error()));
            qCDebug(lcCalls).noquote()
                << "call" << event.callSid << "status" << event.status << "seq" << event.sequence
                << "->" << CallStore::resultName(result);
            done(result);
            if (!self || result != CallStore::StatusResult::Applied)
                return;
            self->announce(event.callSid, CallStatus::isFinal(event.status));
        });
        return true;
    };
    whenKnown(event.callSid, webhook, std::move(write), [event, done](const CallError &error) {
        if (error.kind == CallError::Kind::UnknownCall) {
            qCWarning(lcCalls).noquote()
                << "status" << event.status << "for unknown call" << event.callSid;
        }
        done(error);
    });
}

void CallService::recordGather(const QString &callSid, const QString &digits, OutcomeCallback done)
{
    recordGather(callSid, digits, QString(), std::move(done));
}

void CallService::recordGather(const QString &callSid, const QString &digits,
                               const QString &requestId, OutcomeCallback done)
{
    const auto answer = VoicePrompts::acknowledges(digits) ? CallStore::Answer::Acknowledge
                                                           : CallStore::Answer::GiveUp;
    recordGather(callSid, digits, answer, WebhookCall{requestId, {}, {}, {}, {}}, std::move(done));
}

void CallService::recordGather(const QString &callSid, const QString &digits,
                               CallStore::Answer answer, const WebhookCall &webhook,
                               OutcomeCallback done)
{
    auto write = [this, callSid, digits, answer, done]() -> bool {
        const bool acknowledged = answer == CallStore::Answer::Acknowledge;
        const auto recorded =
            m_store->recordAnswer(callSid, answer, digits, CallStore::Commit::Grouped);
        if (!recorded) {
            done(storeError(recorded.error()));
            return true;
        }
        const CallStore::OutcomeResult result = recorded.value();
        if (result == CallStore::OutcomeResult::UnknownCall)
            return false;
        // The acknowledgment is on disk before Twilio hears "Task acknowledged".
        QPointer<CallService> self(this);
        m_store->whenDurable([self, callSid, digits, acknowledged, answer, done,
                              result](const Result<void, StoreError> &durable) {
            if (!durable)
                return done(storeError(durable.error()));
            if (result == CallStore::OutcomeResult::Recorded &&
                answer != CallStore::Answer::Continue) {
                qCInfo(lcCalls).noquote()
                    << "call" << callSid << (acknowledged ? "acknowledged" : "not acknowledged")
                    << "digits" << (digits.isEmpty() ? QStringLiteral("(none)") : digits);
            }
            done(result);
            if (!self || result != CallStore::OutcomeResult::Recorded)
                return;
            std::optional<CallRecord> call = self->announce(callSid);
            if (!acknowledged && answer != CallStore::Answer::PassOn)
                return;
            // Read once: announce() has the record when the window listens.
            if (!call) {
                if (const auto found = self->m_store->call(callSid); found)
                    call = found.value();
            }
            if (!call)
                return;
            if (acknowledged)
                Q_EMIT self->taskAcknowledged(*call);
            else
                Q_EMIT self->taskPassedOn(*call);
        });
        return true;
    };
    whenKnown(callSid, webhook, std::move(write), [callSid, done](const CallError &error) {
        if (error.kind == CallError::Kind::UnknownCall)
            qCWarning(lcCalls).noquote() << "keypress for unknown call" << callSid;
        done(error);
    });
}

void CallService::recordAnsweredBy(const QString &callSid, const QString &answeredBy,
                                   const WebhookCall &webhook, StatusCallback done)
{
    auto write = [this, callSid, answeredBy, done]() -> bool {
        const auto recorded =
            m_store->recordAnsweredBy(callSid, answeredBy, CallStore::Commit::Grouped);
        if (!recorded) {
            done(storeError(recorded.error()));
            return true;
        }
        const CallStore::StatusResult result = recorded.value();
        if (result == CallStore::StatusResult::UnknownCall)
            return false;
        QPointer<CallService> self(this);
        m_store->whenDurable(
            [self, callSid, done, result](const Result<void, StoreError> &durable) {
                if (!durable)
                    return done(storeError(durable.error()));
                done(result);
                if (self && result == CallStore::StatusResult::Applied)
                    self->announce(callSid);
            });
        return true;
    };
    whenKnown(callSid, webhook, std::move(write), [callSid, done](const CallError &error) {
        if (error.kind == CallError::Kind::UnknownCall)
            qCWarning(lcCalls).noquote() << "AnsweredBy for unknown call" << callSid;
        done(error);
    });
}

} // namespace flux
