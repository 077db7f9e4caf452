#include "calls/CallService.h"

#include "base/LogCategories.h"
#include "http/ApiPaths.h"
#include "http/FormEncoding.h"
#include "twilio/TwilioClient.h"
#include "twilio/VoicePrompts.h"

#include <QPointer>
#include <QScopeGuard>

namespace flux {

namespace {
CallError storeError(const StoreError &error)
{
    return {CallError::Kind::Store, error.message};
}
} // namespace

CallService::CallService(CallStore *store, TwilioClient *twilio, Options options, QObject *parent)
    : QObject(parent), m_store(store), m_twilio(twilio), m_options(std::move(options))
{}

QString CallService::twimlUrl(const QString &taskTitle, const QString &taskId) const
{
    FormParams query{{QStringLiteral("task_title"), taskTitle}};
    if (!taskId.isEmpty())
        query.append({QStringLiteral("task_id"), taskId});
    return m_options.publicBaseUrl + ApiPaths::Twiml + QLatin1Char('?') +
           QString::fromLatin1(FormEncoding::encode(query));
}

QString CallService::gatherUrl(const QString &taskId) const
{
    QString url = m_options.publicBaseUrl + ApiPaths::Gather;
    if (!taskId.isEmpty())
        url += QLatin1Char('?') +
               QString::fromLatin1(FormEncoding::encode({{QStringLiteral("task_id"), taskId}}));
    return url;
}

QString CallService::statusCallbackUrl() const
{
    return m_options.publicBaseUrl + ApiPaths::Status;
}

void CallService::placeCall(const CallRequest &request, PlaceCallback done)
{
    if (!m_twilio) {
        done(CallError{CallError::Kind::NotConfigured,
                       QStringLiteral("Twilio is not configured: set TWILIO_ACCOUNT_SID, "
                                      "TWILIO_AUTH_TOKEN and TWILIO_PHONE_NUMBER")});
        return;
    }
    CreateCallParams params;
    params.to = request.to;
    params.from = m_options.fromNumber;
    params.url = twimlUrl(request.taskTitle, request.taskId);
    params.statusCallback = statusCallbackUrl();

    ++m_createsInFlight;
    QPointer<CallService> self(this);
    m_twilio->createCall(
        params, [self, request, done](const Result<TwilioCall, TwilioError> &result) {
            if (!self)
                return;
            const auto settle = qScopeGuard([self] { self->settleCreate(); });
            if (!result) {
                qCWarning(lcCalls).noquote()
                    << "call to" << request.to << "failed:" << result.error().describe();
                done(CallError{CallError::Kind::Twilio, result.error().describe()});
                return;
            }
            const TwilioCall &created = result.value();
            CallRecord call;
            call.sid = created.sid;
            call.to = created.to.isEmpty() ? request.to : created.to;
            call.from = created.from;
            call.taskTitle = request.taskTitle;
            call.taskId = request.taskId;
            call.status = created.status.isEmpty() ? CallStatus::Queued : created.status;
            call.initiatedAt = QDateTime::currentDateTimeUtc();
            call.updatedAt = call.initiatedAt;
            if (const auto stored = self->m_store->insertCall(call); !stored) {
                // Twilio is ringing the phone even so; say so rather than lose the sid.
                qCCritical(lcCalls).noquote()
                    << "call" << call.sid << "placed but not stored:" << stored.error().message;
                done(storeError(stored.error()));
                return;
            }
            qCInfo(lcCalls).noquote() << "call" << call.sid << "placed to" << call.to;
            done(call);
            Q_EMIT self->callPlaced(call);
        });
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

void CallService::whenKnown(const QString &callSid, std::function<void(bool known)> run)
{
    const auto found = m_store->call(callSid);
    const bool known = found && found.value().has_value();
    if (known || m_createsInFlight == 0) {
        run(known);
        return;
    }
    m_waitingForCreates.append([this, callSid, run] { whenKnown(callSid, run); });
}

void CallService::settleCreate()
{
    --m_createsInFlight;
    const auto waiting = std::exchange(m_waitingForCreates, {});
    for (const auto &retry : waiting)
        retry();
}

void CallService::announce(const QString &callSid)
{
    const auto found = m_store->call(callSid);
    if (found && found.value())
        Q_EMIT callUpdated(*found.value());
}

void CallService::recordStatus(const CallEvent &event, StatusCallback done)
{
    whenKnown(event.callSid, [this, event, done](bool known) {
        if (!known) {
            qCWarning(lcCalls).noquote()
                << "status" << event.status << "for unknown call" << event.callSid;
            return done(CallError{CallError::Kind::UnknownCall,
                                  QStringLiteral("Unknown call %1").arg(event.callSid)});
        }
        const auto applied = m_store->applyStatus(event);
        if (!applied)
            return done(storeError(applied.error()));
        qCInfo(lcCalls).noquote() << "call" << event.callSid << "status" << event.status << "seq"
                                  << event.sequence << "->"
                                  << CallStore::resultName(applied.value());
        done(applied.value());
        if (applied.value() == CallStore::StatusResult::Applied)
            announce(event.callSid);
    });
}

void CallService::recordGather(const QString &callSid, const QString &digits, OutcomeCallback done)
{
    whenKnown(callSid, [this, callSid, digits, done](bool known) {
        if (!known)
            return done(CallError{CallError::Kind::UnknownCall,
                                  QStringLiteral("Unknown call %1").arg(callSid)});
        const bool acknowledged = digits == VoicePrompts::AcknowledgeDigit;
        const auto recorded = m_store->recordOutcome(callSid, acknowledged, digits);
        if (!recorded)
            return done(storeError(recorded.error()));
        qCInfo(lcCalls).noquote() << "call" << callSid
                                  << (acknowledged ? "acknowledged" : "not acknowledged")
                                  << "digits"
                                  << (digits.isEmpty() ? QStringLiteral("(none)") : digits);
        done(recorded.value());
        if (recorded.value() != CallStore::OutcomeResult::Recorded)
            return;
        announce(callSid);
        if (acknowledged) {
            if (const auto found = m_store->call(callSid); found && found.value())
                Q_EMIT taskAcknowledged(*found.value());
        }
    });
}

} // namespace flux
