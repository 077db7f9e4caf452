#include "calls/NotificationService.h"

#include "base/LogCategories.h"
#include "calls/CallService.h"
#include "calls/CallStore.h"

#include <QHash>
#include <QPointer>
#include <QUrl>

namespace flux {

namespace {

// The per-number limit's window.
constexpr qint64 RateWindowMs = 3600 * 1000;
// Due attempts placed per turn of the event loop: a backlog (10,000 overdue after a long
// stop) is worked through in slices, so webhooks and the window's queries are served between.
constexpr int DueSlice = 50;
// The longest single wait of the timer; it is armed again from the store when it fires.
constexpr qint64 MaxTimerMs = 3600 * 1000;
// How often a notification whose attempt lost its pending row (Twilio never had it) is looked
// for, beside every start.
constexpr int LostSweepMs = 60 * 1000;

CallError storeError(const StoreError &error)
{
    return {CallError::Kind::Store, error.message};
}

const NotificationAttempt *attemptAt(const Notification &n, int index)
{
    for (const NotificationAttempt &a : n.attempts) {
        if (a.index == index)
            return &a;
    }
    return nullptr;
}

// The attempt's call is over, or it never had one: what follows may be decided.
bool attemptEnded(const NotificationAttempt &a)
{
    return !a.error.isEmpty() || CallStatus::isFinal(a.status) || a.reason == CallReason::PassedOn;
}

} // namespace

NotificationService::NotificationService(CallStore *store, CallService *calls, Options options,
                                         QObject *parent)
    : QObject(parent), m_store(store), m_calls(calls), m_options(std::move(options))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &NotificationService::runDue);
    m_lostSweep.setInterval(LostSweepMs);
    connect(&m_lostSweep, &QTimer::timeout, this, &NotificationService::resumeCallsOut);
    connect(m_calls, &CallService::callPlaced, this, &NotificationService::onCallChanged);
    // Only what can move a notification on: not every status, which the webhooks' path would
    // then read back for nobody.
    connect(m_calls, &CallService::callEnded, this, &NotificationService::onCallChanged);
    connect(m_calls, &CallService::taskAcknowledged, this, &NotificationService::onCallChanged);
    connect(m_calls, &CallService::taskPassedOn, this, &NotificationService::onCallChanged);
}

QString NotificationService::newId()
{
    return QStringLiteral("NO") + CallService::newRequestId();
}

qint64 NotificationService::scaledMs(int seconds) const
{
    const double divisor = m_options.waitDivisor > 0 ? m_options.waitDivisor : 1.0;
    return qint64(seconds * 1000.0 / divisor);
}

void NotificationService::start()
{
    m_running = true;
    if (const auto open = m_store->openNotificationCount(); open && open.value() > 0)
        qCInfo(lcNotify).noquote() << open.value() << "notifications open: resuming";
    resumeCallsOut();
    m_lostSweep.start();
    runDue();
}

void NotificationService::stop()
{
    m_running = false;
    m_timer.stop();
    m_lostSweep.stop();
}

void NotificationService::resumeCallsOut()
{
    if (!m_running)
        return;
    const auto out = m_store->notificationsWithCallOut();
    if (!out) {
        qCWarning(lcNotify).noquote() << "notifications not resumed:" << out.error().message;
        return;
    }
    for (const Notification &n : out.value()) {
        if (m_placing.contains(n.id))
            continue;
        const NotificationAttempt *last = attemptAt(n, n.nextAttempt - 1);
        if (last && last->callSid.isEmpty() && !last->pending && last->error.isEmpty())
            recoverLost(n, *last);
        else
            advance(n);
    }
}

CallRequest NotificationService::requestFor(const Notification &n, int attempt) const
{
    CallRequest request;
    request.to = n.numberOf(attempt);
    request.taskTitle = n.taskTitle;
    request.taskId = n.taskId;
    request.canPassOn = n.hasNextNumber(attempt);
    if (const auto contact = m_store->contactByNumber(request.to); contact && contact.value())
        request.language = contact.value()->language;
    return request;
}

Result<QDateTime, CallError> NotificationService::nextAllowedCall(const QString &number) const
{
    if (m_options.ratePerNumber <= 0)
        return QDateTime();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto use = m_store->callsTo(number, now.addMSecs(-RateWindowMs));
    if (!use)
        return storeError(use.error());
    if (use.value().calls < m_options.ratePerNumber || !use.value().oldest.isValid())
        return QDateTime();
    return use.value().oldest.addMSecs(RateWindowMs + 1000);
}

void NotificationService::create(const NotificationRequest &request, CreateCallback done)
{
    // The request's own faults first: a caller fixes those whatever the desk's state.
    if (!request.callbackUrl.isEmpty() && !m_options.callbackAllowedHosts.isEmpty() &&
        !m_options.callbackAllowedHosts.contains(QUrl(request.callbackUrl).host().toLower()))
        return done(CallError{CallError::Kind::Invalid,
                              QStringLiteral("callback_url's host is not in "
                                             "FLUX_CALLBACK_ALLOWED_HOSTS"),
                              0, QStringLiteral("callback_url")});
    if (const auto cannot = m_calls->cannotPlace())
        return done(*cannot);

    Notification n;
    n.id = newId();
    n.callbackUrl = request.callbackUrl;
    n.taskTitle = request.call.taskTitle;
    n.taskId = request.call.taskId;
    n.sms = request.sms;
    n.numbers = QStringList{request.call.to};
    n.attemptsPerNumber = m_options.defaultAttempts;
    n.retryAfterSeconds = m_options.defaultRetryAfterSeconds;
    if (!request.listName.isEmpty()) {
        const auto list = m_store->escalationList(request.listName);
        if (!list)
            return done(storeError(list.error()));
        if (!list.value())
            return done(
                CallError{CallError::Kind::Invalid,
                          QStringLiteral("No escalation list named \"%1\"").arg(request.listName),
                          0, QStringLiteral("escalation_list")});
        const auto contacts = m_store->contacts();
        if (!contacts)
            return done(storeError(contacts.error()));
        QHash<qint64, QString> numbers;
        for (const Contact &contact : contacts.value())
            numbers.insert(contact.id, contact.number);
        for (const qint64 id : list.value()->contactIds) {
            if (numbers.contains(id))
                n.numbers.append(numbers.value(id));
        }
        n.listName = list.value()->name;
        n.attemptsPerNumber = list.value()->attempts;
        n.retryAfterSeconds = list.value()->retryAfterSeconds;
    }
    n.numbers.append(request.escalation);
    if (request.attempts > 0)
        n.attemptsPerNumber = request.attempts;
    if (request.retryAfterSeconds > 0)
        n.retryAfterSeconds = request.retryAfterSeconds;
    n.createdAt = QDateTime::currentDateTimeUtc();

    const auto allowed = nextAllowedCall(request.call.to);
    if (!allowed)
        return done(allowed.error());
    if (allowed.value().isValid()) {
        const int wait = int(qMax<qint64>(1, n.createdAt.secsTo(allowed.value())));
        qCWarning(lcNotify).noquote()
            << "call to" << request.call.to << "refused: over" << m_options.ratePerNumber
            << "calls an hour (FLUX_RATE_PER_NUMBER); next allowed in" << wait << "s";
        return done(CallError{CallError::Kind::RateLimited,
                              QStringLiteral("%1 has had %2 calls in the last hour: try again in "
                                             "%3 s")
                                  .arg(request.call.to)
                                  .arg(m_options.ratePerNumber)
                                  .arg(wait),
                              wait});
    }

    NotificationAttempt first;
    first.index = 0;
    first.number = request.call.to;
    const CallRequest call = requestFor(n, first.index);
    const PendingCall pending = m_calls->newPending(call);
    // Grouped, as a single call's pending row is: a burst of requests shares one sync, and
    // placePending asks Twilio only once the rows are on disk.
    if (const auto stored = m_store->insertNotification(
            n, first, pending, CallStore::Commit::Grouped, request.idempotency);
        !stored)
        return done(storeError(stored.error()));
    if (n.numbers.size() > 1 || n.attemptsPerNumber > 1) {
        qCInfo(lcNotify).noquote()
            << "notification" << n.id << "calls" << n.numbers.size() << "numbers,"
            << n.attemptsPerNumber << "attempts each," << n.retryAfterSeconds << "s apart";
    }
    m_placing.insert(n.id);
    const QString id = n.id;
    sendAttempt(id, first.index, call, pending,
                [done](const Result<CallRecord, CallError> &placed,
                       const std::optional<Notification> &now) {
                    // When the first call failed, the notification closed with it (see
                    // sendAttempt), unless Twilio may yet have placed it: the request hears the
                    // error either way.
                    if (!placed)
                        return done(placed.error());
                    done(Created{now.value_or(Notification()), placed.value()});
                });
}

void NotificationService::sendAttempt(const QString &id, int index, const CallRequest &request,
                                      const PendingCall &pending, AttemptCallback done)
{
    const QString requestId = pending.requestId;
    QPointer<NotificationService> self(this);
    m_calls->placePending(
        pending, request,
        [self, id, index, requestId, done](const Result<CallRecord, CallError> &placed) {
            const auto finish = [&](const std::optional<Notification> &now) {
                if (done)
                    done(placed, now);
            };
            if (!self)
                return finish(std::nullopt);
            self->m_placing.remove(id);
            if (placed)
                return finish(self->announce(id));
            // Nothing placed when CallService dropped the pending row (Twilio refused it);
            // kept, Twilio may have placed it, and its webhooks or reconciliation tell.
            const auto stored = self->m_store->notification(id);
            const NotificationAttempt *a =
                stored && stored.value() ? attemptAt(*stored.value(), index) : nullptr;
            if (a && !a->pending && a->callSid.isEmpty() && a->requestId == requestId) {
                qCWarning(lcNotify).noquote() << "notification" << id << "attempt" << index + 1
                                              << "not placed:" << placed.error().message;
                if (const auto failed =
                        self->m_store->failAttempt(id, index, placed.error().message);
                    !failed)
                    qCWarning(lcNotify).noquote()
                        << "notification" << id << "failure not stored:" << failed.error().message;
                else if (index == 0)
                    // The request that asked for it hears the error, so nothing goes on behind
                    // its back.
                    self->close(id, NotificationOutcome::NotAcknowledged);
                else
                    self->advanceStored(id);
            }
            finish(self->announce(id));
        });
}

QStringList NotificationService::outcomeWebhookUrls() const
{
    if (m_options.outcomeWebhookUrl.isEmpty())
        return {};
    return {m_options.outcomeWebhookUrl};
}

Result<bool, StoreError> NotificationService::storeOutcome(const QString &id,
                                                           const QString &outcome,
                                                           const CallRecord &acknowledgedBy)
{
    const auto closed =
        m_store->closeNotification(id, outcome, acknowledgedBy, outcomeWebhookUrls(), m_textsOwed);
    if (closed && closed.value())
        Q_EMIT outcomeQueued(id);
    return closed;
}

bool NotificationService::close(const QString &id, const QString &outcome,
                                const CallRecord &acknowledgedBy)
{
    const auto closed = storeOutcome(id, outcome, acknowledgedBy);
    if (!closed) {
        qCWarning(lcNotify).noquote()
            << "notification" << id << "not closed:" << closed.error().message;
        return false;
    }
    return closed.value();
}

Result<Notification, CallError> NotificationService::existing(const QString &id) const
{
    const auto found = m_store->notification(id);
    if (!found)
        return storeError(found.error());
    if (!found.value())
        return CallError{CallError::Kind::UnknownCall, QStringLiteral("Notification not found")};
    return *found.value();
}

void NotificationService::advanceStored(const QString &id)
{
    const auto stored = m_store->notification(id);
    if (stored && stored.value())
        advance(*stored.value());
}

void NotificationService::onCallChanged(const CallRecord &call)
{
    if (call.requestId.isEmpty())
        return;
    const auto found = m_store->notificationOfRequest(call.requestId);
    if (!found) {
        qCWarning(lcNotify).noquote()
            << "notification of call" << call.sid << "not read:" << found.error().message;
        return;
    }
    if (!found.value())
        return;
    const Notification &n = *found.value();
    if (!n.isOpen()) {
        // Canceled while its create was in flight or the phone rang: hung up once known.
        if (n.outcome == NotificationOutcome::Canceled && !CallStatus::isFinal(call.status) &&
            !m_hangingUp.contains(call.sid))
            hangUp(call.sid);
        return;
    }
    if (call.outcome == CallOutcome::Acknowledged) {
        if (!close(n.id, NotificationOutcome::Acknowledged, call))
            return;
        qCInfo(lcNotify).noquote()
            << "notification" << n.id << "acknowledged by" << call.to << "on call" << call.sid;
        const auto contact = m_store->contactByNumber(call.to);
        const QString name = contact && contact.value() ? contact.value()->name : QString();
        if (const auto closed = announce(n.id))
            Q_EMIT notificationAcknowledged(*closed, name);
        return;
    }
    advance(n);
}

void NotificationService::advance(const Notification &n)
{
    if (!n.isOpen() || n.dueAt.isValid() || m_placing.contains(n.id))
        return;
    const NotificationAttempt *last = attemptAt(n, n.nextAttempt - 1);
    if (!last) {
        scheduleAt(n, n.nextAttempt, QDateTime::currentDateTimeUtc());
        return;
    }
    if (last->outcome == CallOutcome::Acknowledged || !attemptEnded(*last))
        return;
    int next = n.nextAttempt;
    // 2 passes the task on: the number's other attempts are skipped.
    if (last->reason == CallReason::PassedOn)
        next = (last->index / n.attemptsPerNumber + 1) * n.attemptsPerNumber;
    if (next >= n.totalAttempts()) {
        if (close(n.id, NotificationOutcome::NotAcknowledged)) {
            qCInfo(lcNotify).noquote() << "notification" << n.id << "not acknowledged after"
                                       << n.totalAttempts() << "attempts";
            announce(n.id);
        }
        return;
    }
    // The same person again after the wait; the next person at once.
    const bool samePerson = next / n.attemptsPerNumber == last->index / n.attemptsPerNumber;
    const QDateTime due =
        QDateTime::currentDateTimeUtc().addMSecs(samePerson ? scaledMs(n.retryAfterSeconds) : 0);
    scheduleAt(n, next, due);
}

void NotificationService::scheduleAt(const Notification &n, int next, const QDateTime &due)
{
    const auto scheduled = m_store->scheduleAttempt(n.id, next, due);
    if (!scheduled) {
        qCWarning(lcNotify).noquote()
            << "notification" << n.id << "not scheduled:" << scheduled.error().message;
        return;
    }
    if (!scheduled.value())
        return;
    qCInfo(lcNotify).noquote() << "notification" << n.id << "attempt" << next + 1 << "of"
                               << n.totalAttempts() << "to" << n.numberOf(next) << "at"
                               << due.toString(Qt::ISODate);
    announce(n.id);
    armTimer();
}

void NotificationService::armTimer()
{
    if (!m_running)
        return;
    const auto next = m_store->nextDueAt();
    if (!next) {
        qCWarning(lcNotify).noquote() << "next due time not read:" << next.error().message;
        return;
    }
    if (!next.value().isValid()) {
        m_timer.stop();
        return;
    }
    const qint64 wait = QDateTime::currentDateTimeUtc().msecsTo(next.value());
    m_timer.start(int(qBound<qint64>(0, wait, MaxTimerMs)));
}

void NotificationService::runDue()
{
    if (!m_running)
        return;
    const auto due = m_store->dueNotifications(QDateTime::currentDateTimeUtc(), DueSlice);
    if (!due) {
        qCWarning(lcNotify).noquote() << "due notifications not read:" << due.error().message;
        m_timer.start(1000);
        return;
    }
    for (const Notification &n : due.value())
        placeAttempt(n);
    if (due.value().size() == DueSlice)
        m_timer.start(0); // the rest after the events waiting now
    else
        armTimer();
}

void NotificationService::placeAttempt(const Notification &n)
{
    const int index = n.nextAttempt;
    if (index >= n.totalAttempts()) {
        close(n.id, NotificationOutcome::NotAcknowledged);
        announce(n.id);
        return;
    }
    const QString number = n.numberOf(index);
    if (m_calls->cannotPlace())
        return; // stays due: placed once the desk can (the next start)
    const auto allowed = nextAllowedCall(number);
    if (!allowed) {
        qCWarning(lcNotify).noquote() << "notification" << n.id << allowed.error().message;
        return;
    }
    if (allowed.value().isValid()) {
        // Over the per-number limit: the escalation waits rather than fails.
        qCInfo(lcNotify).noquote() << "notification" << n.id << "waits: " << number << "had its"
                                   << m_options.ratePerNumber << "calls of the hour";
        scheduleAt(n, index, allowed.value());
        return;
    }
    NotificationAttempt attempt;
    attempt.index = index;
    attempt.number = number;
    const CallRequest request = requestFor(n, index);
    const PendingCall pending = m_calls->newPending(request);
    const auto started = m_store->startAttempt(n.id, attempt, pending, CallStore::Commit::Grouped);
    if (!started) {
        qCWarning(lcNotify).noquote()
            << "notification" << n.id << "attempt not stored:" << started.error().message;
        return;
    }
    if (!started.value())
        return; // another path placed it, or it closed meanwhile
    qCInfo(lcNotify).noquote() << "notification" << n.id << "calls" << number << "(attempt"
                               << index + 1 << "of" << n.totalAttempts() << ")";
    m_placing.insert(n.id);
    sendAttempt(n.id, index, request, pending, {});
}

void NotificationService::recoverLost(const Notification &n, const NotificationAttempt &lost)
{
    if (m_calls->cannotPlace())
        return;
    const CallRequest request = requestFor(n, lost.index);
    const PendingCall pending = m_calls->newPending(request);
    const auto retried = m_store->retryAttempt(n.id, lost.index, pending);
    if (!retried) {
        qCWarning(lcNotify).noquote()
            << "notification" << n.id << "attempt not placed again:" << retried.error().message;
        return;
    }
    if (!retried.value())
        return;
    qCWarning(lcNotify).noquote() << "notification" << n.id << "attempt" << lost.index + 1
                                  << "was never placed (Twilio has no such call): placing it now";
    m_placing.insert(n.id);
    sendAttempt(n.id, lost.index, request, pending, {});
}

void NotificationService::cancel(const QString &id, NotificationCallback done)
{
    const auto found = existing(id);
    if (!found)
        return done(found.error());
    const Notification &n = found.value();
    if (!n.isOpen())
        return done(
            CallError{CallError::Kind::Conflict,
                      QStringLiteral("Notification %1 is closed already: %2").arg(id, n.outcome)});
    if (const auto closed = storeOutcome(id, NotificationOutcome::Canceled); !closed)
        return done(storeError(closed.error()));
    qCInfo(lcNotify).noquote() << "notification" << id << "canceled";
    // A call still out is hung up; one whose create is in flight, once Twilio has placed it.
    for (const NotificationAttempt &a : n.attempts) {
        if (!a.callSid.isEmpty() && !CallStatus::isFinal(a.status))
            hangUp(a.callSid);
    }
    armTimer();
    const auto now = announce(id);
    if (!now)
        return done(
            CallError{CallError::Kind::Store,
                      QStringLiteral("Notification %1 canceled but not read back").arg(id)});
    done(*now);
}

void NotificationService::hangUp(const QString &callSid)
{
    m_hangingUp.insert(callSid);
    QPointer<NotificationService> self(this);
    m_calls->hangUp(callSid, [self, callSid](const Result<CallRecord, CallError> &result) {
        if (!result)
            qCWarning(lcNotify).noquote()
                << "call" << callSid << "not hung up:" << result.error().message;
        if (self)
            self->m_hangingUp.remove(callSid);
    });
}

std::optional<Notification> NotificationService::announce(const QString &id)
{
    const auto found = m_store->notification(id);
    if (!found || !found.value())
        return std::nullopt;
    Q_EMIT notificationChanged(*found.value());
    return found.value();
}

Result<std::optional<Notification>, CallError>
NotificationService::notification(const QString &id) const
{
    const auto found = m_store->notification(id);
    if (!found)
        return storeError(found.error());
    return found.value();
}

Result<QList<OutcomeDelivery>, CallError> NotificationService::deliveries(const QString &id) const
{
    const auto found = m_store->deliveriesOf(id);
    if (!found)
        return storeError(found.error());
    return found.value();
}

void NotificationService::deliverAgain(const QString &id, DeliveriesCallback done)
{
    const auto found = existing(id);
    if (!found)
        return done(found.error());
    if (found.value().isOpen())
        return done(CallError{CallError::Kind::Conflict,
                              QStringLiteral("Notification %1 has no outcome yet").arg(id)});
    const auto queued = m_store->redeliver(id, outcomeWebhookUrls());
    if (!queued)
        return done(storeError(queued.error()));
    qCInfo(lcNotify).noquote() << "outcome of notification" << id << "to be delivered again to"
                               << queued.value() << "receiver(s)";
    if (queued.value() > 0)
        Q_EMIT outcomeQueued(id);
    done(deliveries(id));
}

Result<QList<Notification>, CallError>
NotificationService::notifications(CallStore::NotificationState state, int limit) const
{
    const auto listed = m_store->notifications(state, limit);
    if (!listed)
        return storeError(listed.error());
    return listed.value();
}

Result<int, CallError> NotificationService::openCount() const
{
    const auto count = m_store->openNotificationCount();
    if (!count)
        return storeError(count.error());
    return count.value();
}

} // namespace flux
