#include "calls/CallReconciler.h"

#include "base/LogCategories.h"
#include "calls/CallService.h"
#include "calls/CallStatus.h"
#include "calls/CallStore.h"
#include "twilio/RetryPolicy.h"
#include "twilio/TwilioClient.h"

#include <QPointer>

#include <algorithm>

namespace flux {

namespace {
// More calls than one pass may ask about, so the order (least recently asked first) can rotate
// through a larger set; a desk rarely has more than a handful of calls that are not final.
constexpr int CandidateLimit = 1000;
// What a 429 doubles, and when a failed pass is tried again, without periodic passes
// (intervalSeconds 0).
constexpr int BackoffBaseSeconds = 300;
constexpr int TooManyRequests = 429;
constexpr int NotFound = 404;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

QString CallReconciler::eventDetail()
{
    return QStringLiteral("Reconciled from Twilio's REST API");
}

CallReconciler::CallReconciler(CallService *calls, TwilioClient *twilio, Options options,
                               QObject *parent)
    : QObject(parent), m_calls(calls), m_twilio(twilio), m_options(options)
{
    Q_ASSERT(m_calls && m_twilio);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &CallReconciler::runPass);
}

void CallReconciler::start()
{
    m_stopped = false;
    m_timer.start(0);
}

void CallReconciler::stop()
{
    m_stopped = true;
    m_timer.stop();
    if (m_running)
        qCInfo(lcCalls) << "reconciliation stopped during a pass";
    m_running = false;
    m_work.clear();
    ++m_generation;
}

void CallReconciler::reconcileNow()
{
    if (!m_stopped && !m_running)
        m_timer.start(0);
}

void CallReconciler::runPass()
{
    if (m_stopped || m_running)
        return;
    m_running = true;
    m_pass = {};
    m_work.clear();
    CallStore *store = m_calls->store();
    const QDateTime quietSince = QDateTime::currentDateTimeUtc().addSecs(-m_options.quietSeconds);

    // Pending requests first: a call found for one is settled in the same go.
    int pendingCount = 0;
    if (const auto pending = store->pendingCalls(); !pending) {
        qCWarning(lcCalls).noquote()
            << "reconciliation cannot read the pending requests:" << pending.error().message;
    } else {
        for (const PendingCall &request : pending.value()) {
            if (request.requestedAt <= quietSince && !m_calls->isPlacing(request.requestId)) {
                m_work.push_back({std::nullopt, request});
                ++pendingCount;
            }
        }
    }
    int callCount = 0;
    if (const auto calls = store->unsettledCalls(quietSince, CandidateLimit); !calls) {
        qCWarning(lcCalls).noquote()
            << "reconciliation cannot read the calls:" << calls.error().message;
    } else {
        QList<CallRecord> candidates;
        for (const CallRecord &call : calls.value()) {
            if (!m_unknownToTwilio.contains(call.sid))
                candidates.append(call);
        }
        // Never asked first, then the longest ago: a pass that cannot ask about every call
        // leaves the others for the next, not the same ones each time.
        std::stable_sort(candidates.begin(), candidates.end(),
                         [this](const CallRecord &a, const CallRecord &b) {
                             return m_askedAt.value(a.sid, -1) < m_askedAt.value(b.sid, -1);
                         });
        for (const CallRecord &call : std::as_const(candidates))
            m_work.push_back({call, std::nullopt});
        callCount = int(candidates.size());
    }
    if (!m_work.empty()) {
        qCInfo(lcCalls).noquote() << "reconciling" << callCount << "call(s) not yet final and"
                                  << pendingCount
                                  << "unconfirmed request(s) with Twilio's REST API";
    }
    next();
}

void CallReconciler::next()
{
    if (m_stopped || !m_running)
        return;
    while (!m_work.empty() && m_pass.requests < m_options.maxRequestsPerPass) {
        const Work work = std::move(m_work.front());
        m_work.pop_front();
        if (work.pending)
            return list(*work.pending);
        if (work.call)
            return fetch(*work.call);
    }
    finishPass();
}

void CallReconciler::fetch(const CallRecord &call)
{
    ++m_pass.requests;
    m_askedAt.insert(call.sid, nowMs());
    QPointer<CallReconciler> self(this);
    const int generation = m_generation;
    const QString sid = call.sid;
    m_twilio->fetchCall(sid, [self, generation,
                              sid](const Result<TwilioCall, TwilioError> &result) {
        if (!self || self->m_generation != generation)
            return;
        if (!result) {
            const TwilioError &error = result.error();
            if (error.httpStatus == NotFound) {
                self->m_unknownToTwilio.insert(sid);
                qCWarning(lcCalls).noquote()
                    << "call" << sid << "is unknown to Twilio's REST API: left as it is";
                return self->next();
            }
            if (self->failed(QStringLiteral("asking Twilio about call %1").arg(sid), error))
                return self->next();
            return self->finishPass();
        }
        const TwilioCall &call = result.value();
        if (!CallStatus::isFinal(call.status)) {
            qCDebug(lcCalls).noquote() << "call" << sid << "is still" << call.status << "at Twilio";
            return self->next();
        }
        self->settle(sid, call);
    });
}

void CallReconciler::list(const PendingCall &pending)
{
    TwilioCallFilter filter;
    filter.to = pending.to;
    filter.from = pending.from;
    // By the day, as Twilio filters: the exact times are compared below.
    filter.startedFrom =
        pending.requestedAt.toUTC().addSecs(-m_options.createdBeforeSlackSeconds).date();
    filter.startedUntil =
        pending.requestedAt.toUTC().addSecs(m_options.createdAfterSlackSeconds).date();
    filter.pageSize = m_options.listPageSize;
    // Counted before they go, so a pass stays within its bound even when a page fails.
    const int pages =
        qMax(1, qMin(m_options.maxListPages, m_options.maxRequestsPerPass - m_pass.requests));
    filter.maxPages = pages;
    m_pass.requests += pages;

    QPointer<CallReconciler> self(this);
    const int generation = m_generation;
    m_twilio->listCalls(filter, [self, generation, pending,
                                 pages](const Result<TwilioCallList, TwilioError> &result) {
        if (!self || self->m_generation != generation)
            return;
        if (!result) {
            if (self->failed(QStringLiteral("listing the calls to %1 for request %2")
                                 .arg(pending.to, pending.requestId),
                             result.error()))
                return self->next();
            return self->finishPass();
        }
        self->m_pass.requests -= pages - result.value().pages;
        self->adoptFromList(pending, result.value().calls, result.value().complete);
    });
}

void CallReconciler::adoptFromList(const PendingCall &pending, const QList<TwilioCall> &listed,
                                   bool complete)
{
    CallStore *store = m_calls->store();
    const QDateTime earliest = pending.requestedAt.addSecs(-m_options.createdBeforeSlackSeconds);
    const QDateTime latest = pending.requestedAt.addSecs(m_options.createdAfterSlackSeconds);
    const TwilioCall *chosen = nullptr;
    QDateTime chosenCreated;
    for (const TwilioCall &call : listed) {
        const QDateTime created = call.created();
        if (call.sid.isEmpty() || !created.isValid() || created < earliest || created > latest)
            continue;
        if (chosen && created >= chosenCreated)
            continue;
        // A call the store knows is another request's (or one adopted from its webhooks).
        const auto known = store->call(call.sid);
        if (!known) {
            qCWarning(lcCalls).noquote()
                << "reconciliation cannot read call" << call.sid << ":" << known.error().message;
            continue;
        }
        if (known.value())
            continue;
        chosen = &call;
        chosenCreated = created;
    }

    if (chosen) {
        const auto adopted = m_calls->adoptPending(pending.requestId, chosen->sid);
        if (!adopted) {
            qCWarning(lcCalls).noquote()
                << "call" << chosen->sid << "for request" << pending.requestId
                << "not stored:" << adopted.error().message;
        } else if (adopted.value()) {
            ++m_pass.adopted;
            if (CallStatus::isFinal(chosen->status))
                return settle(chosen->sid, *chosen);
        }
        return next();
    }
    const QDateTime abandonBefore =
        QDateTime::currentDateTimeUtc().addSecs(-m_options.abandonSeconds);
    if (complete && pending.requestedAt < abandonBefore && !m_calls->isPlacing(pending.requestId)) {
        if (const auto dropped = store->dropPending(pending.requestId); !dropped) {
            qCWarning(lcCalls).noquote() << "pending request" << pending.requestId
                                         << "not removed:" << dropped.error().message;
        } else if (dropped.value()) {
            ++m_pass.dropped;
            qCWarning(lcCalls).noquote()
                << "request" << pending.requestId << "to" << pending.to << "of"
                << pending.requestedAt.toString(Qt::ISODate)
                << "dropped: Twilio lists no call for it, so nothing was placed";
        }
    }
    next();
}

void CallReconciler::settle(const QString &callSid, const TwilioCall &twilioCall)
{
    CallEvent event;
    event.callSid = callSid;
    event.kind = CallEvent::Kind::Status;
    event.status = twilioCall.status;
    event.sequence = -1; // Twilio's REST API gives none
    event.timestamp = twilioCall.endTime.isEmpty() ? twilioCall.dateUpdated : twilioCall.endTime;
    event.durationSeconds = twilioCall.durationSeconds();
    event.detail = eventDetail();
    event.answeredBy = twilioCall.answeredBy;
    event.receivedAt = QDateTime::currentDateTimeUtc();

    QPointer<CallReconciler> self(this);
    const int generation = m_generation;
    m_calls->recordStatus(
        event, [self, generation, event](const Result<CallStore::StatusResult, CallError> &result) {
            if (!result) {
                qCWarning(lcCalls).noquote()
                    << "call" << event.callSid << "status" << event.status
                    << "from Twilio's REST API not stored:" << result.error().message;
            } else if (result.value() == CallStore::StatusResult::Applied) {
                qCInfo(lcCalls).noquote() << "call" << event.callSid << "is" << event.status
                                          << "by Twilio's REST API: its final callback was lost";
                if (self && self->m_generation == generation)
                    ++self->m_pass.settled;
            }
            if (self && self->m_generation == generation)
                self->next();
        });
}

bool CallReconciler::failed(const QString &what, const TwilioError &error)
{
    if (error.httpStatus == TooManyRequests) {
        m_pass.rateLimited = true;
        const int last = m_backoffSeconds > 0            ? m_backoffSeconds
                         : m_options.intervalSeconds > 0 ? m_options.intervalSeconds
                                                         : BackoffBaseSeconds;
        int wait = qMin(m_options.maxBackoffSeconds, last * 2);
        if (error.retryAfterMs > 0)
            wait = qMax(wait, qMin(m_options.maxBackoffSeconds, (error.retryAfterMs + 999) / 1000));
        m_backoffSeconds = wait;
        qCWarning(lcCalls).noquote() << what << "was refused by Twilio's rate limit (429):"
                                     << "reconciling again in" << wait << "s";
        return false;
    }
    if (RetryPolicy::isTransient(error)) {
        m_pass.stoppedByError = true;
        qCWarning(lcCalls).noquote()
            << what << "failed:" << error.describe() << "- tried again at the next pass";
        return false;
    }
    qCWarning(lcCalls).noquote() << what << "failed:" << error.describe();
    return true;
}

void CallReconciler::finishPass()
{
    if (!m_running)
        return;
    m_running = false;
    const bool leftOver = !m_work.empty();
    m_work.clear();
    // Back to the interval after a pass Twilio did not refuse; a failing Twilio keeps the wait.
    if (!m_pass.rateLimited && !m_pass.stoppedByError)
        m_backoffSeconds = 0;
    m_nextPassSeconds = m_backoffSeconds > 0 ? m_backoffSeconds : m_options.intervalSeconds;
    // Without periodic passes, a start-up pass that could not reach Twilio is tried again.
    if (m_nextPassSeconds == 0 && m_pass.stoppedByError)
        m_nextPassSeconds = BackoffBaseSeconds;
    if (m_pass.requests > 0) {
        qCInfo(lcCalls).noquote() << "reconciliation pass:" << m_pass.requests << "request(s),"
                                  << m_pass.settled << "call(s) settled," << m_pass.adopted
                                  << "request(s) found," << m_pass.dropped
                                  << (leftOver ? "dropped; the rest waits for the next pass"
                                               : "dropped");
    }
    if (m_nextPassSeconds > 0 && !m_stopped)
        m_timer.start(m_nextPassSeconds * 1000);
    Q_EMIT passFinished(m_pass);
}

} // namespace flux
