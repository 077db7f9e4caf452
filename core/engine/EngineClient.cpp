#include "engine/EngineClient.h"

#include "api/ApiServer.h"
#include "base/LogCategories.h"
#include "calls/CallService.h"
#include "calls/CallStore.h"
#include "calls/ContactCsv.h"
#include "calls/NotificationService.h"
#include "calls/OutcomeWebhookSender.h"
#include "calls/TextMessageService.h"
#include "engine/Engine.h"
#include "engine/EngineThread.h"
#include "simulator/TwilioSimulator.h"
#include "twilio/TwilioClient.h"

#include <QPointer>

namespace flux {

namespace {

EngineClient::Facts factsOf(const Engine &engine)
{
    EngineClient::Facts facts;
    facts.mode = engine.mode();
    facts.language = engine.config().language;
    facts.listenUrl = engine.listenUrl();
    facts.publicBaseUrl = engine.publicBaseUrl();
    facts.twilioConfigured = engine.twilio() != nullptr;
    facts.simulator = engine.simulator() != nullptr;
    facts.manualAnswer = engine.simulator() && engine.simulator()->manualAnswer();
    facts.attempts = engine.config().attempts;
    facts.retryAfterSeconds = engine.config().retryAfterSeconds;
    return facts;
}

StoreError storeNotRunning()
{
    return {QStringLiteral("The call engine is not running")};
}

CallError notRunning()
{
    return {CallError::Kind::Unavailable, QStringLiteral("The call engine is not running")};
}

} // namespace

EngineClient::EngineClient(QObject *parent) : QObject(parent), m_thread(new EngineThread(this))
{
    connect(m_thread, &EngineThread::engineStarted, this, &EngineClient::follow);
    connect(m_thread, &EngineThread::engineStopping, this, [this] {
        m_facts = {};
        Q_EMIT engineStopping();
    });
}

EngineClient::~EngineClient()
{
    // Here, not in the thread's destructor: engineStopping must reach a whole EngineClient.
    stop();
}

Result<void, ConfigError> EngineClient::start(const Config &config)
{
    return m_thread->start(config);
}

void EngineClient::stop()
{
    m_thread->stop();
}

bool EngineClient::isRunning() const
{
    return m_thread->isRunning();
}

// Called on this thread from EngineThread::start(), once the engine has started on its own.
// Everything factsOf() reads was set by Engine::start() and never changes after, and that start
// has finished, so reading it from here is safe. The connections are queued, being across
// threads, and go when the engine's objects do.
void EngineClient::follow(Engine *engine)
{
    m_facts = factsOf(*engine);
    connect(engine->calls(), &CallService::callPlaced, this, &EngineClient::callPlaced);
    connect(engine->calls(), &CallService::callUpdated, this, &EngineClient::callUpdated);
    connect(engine->calls(), &CallService::taskAcknowledged, this, &EngineClient::taskAcknowledged);
    connect(engine->notifications(), &NotificationService::notificationChanged, this,
            &EngineClient::notificationChanged);
    connect(engine->notifications(), &NotificationService::notificationAcknowledged, this,
            &EngineClient::notificationAcknowledged);
    connect(engine->outcomeWebhooks(), &OutcomeWebhookSender::deliveryAttempted, this,
            &EngineClient::outcomeDeliveryAttempted);
    if (TextMessageService *texts = engine->textMessages())
        connect(
            texts, &TextMessageService::textMessageChanged, this,
            [this](const TextMessage &text) { Q_EMIT textMessageChanged(text.notificationId); });
    connect(engine->server(), &ApiServer::webhookAccepted, this, &EngineClient::webhookAccepted);
    connect(engine->server(), &ApiServer::webhookRejected, this, &EngineClient::webhookRejected);
    if (TwilioClient *twilio = engine->twilio())
        connect(twilio, &TwilioClient::reachabilityChanged, this,
                &EngineClient::twilioReachabilityChanged);
    if (TwilioSimulator *simulator = engine->simulator()) {
        connect(simulator, &TwilioSimulator::callChanged, this,
                &EngineClient::simulatedCallChanged);
        connect(simulator, &TwilioSimulator::messageChanged, this,
                &EngineClient::simulatedMessageChanged);
    }
    Q_EMIT engineStarted();
}

void EngineClient::readRecentCalls(int limit, QObject *context,
                                   std::function<void(const CallRecord &)> add,
                                   Callback<Facts> done) const
{
    m_thread->request<Facts>(
        context,
        [limit, add](Engine &engine) {
            // A read that fails part way leaves what it read: a partial history beats none.
            if (const auto read = engine.store()->visitRecentCalls(limit, add); !read)
                qCWarning(lcStore).noquote() << "history not read in full:" << read.error().message;
            return factsOf(engine);
        },
        std::move(done));
}

void EngineClient::callDetails(const QString &sid, QObject *context,
                               Callback<CallDetails> done) const
{
    m_thread->request<CallDetails>(
        context,
        [sid](Engine &engine) {
            CallDetails details;
            if (const auto call = engine.store()->call(sid); call)
                details.call = call.value();
            if (const auto events = engine.store()->events(sid); events)
                details.events = events.value();
            return details;
        },
        std::move(done));
}

template <typename R>
void EngineClient::engineCommand(
    QObject *context, Callback<Result<R, CallError>> done,
    std::function<void(Engine &, Callback<Result<R, CallError>>)> command) const
{
    auto answer = deliverTo(context, std::move(done));
    if (!isRunning())
        return answer(notRunning());
    m_thread->post(
        [command = std::move(command), answer](Engine &engine) { command(engine, answer); });
}

void EngineClient::placeCall(const CallRequest &request, QObject *context, CallCallback done) const
{
    engineCommand<CallRecord>(context, std::move(done),
                              [request](Engine &engine, CallCallback answer) {
                                  engine.calls()->placeCall(request, std::move(answer));
                              });
}

void EngineClient::hangUp(const QString &sid, QObject *context, CallCallback done) const
{
    engineCommand<CallRecord>(context, std::move(done), [sid](Engine &engine, CallCallback answer) {
        engine.calls()->hangUp(sid, std::move(answer));
    });
}

void EngineClient::placeNotification(const NotificationRequest &request, QObject *context,
                                     Callback<NotificationResult> done) const
{
    engineCommand<Notification>(
        context, std::move(done), [request](Engine &engine, Callback<NotificationResult> answer) {
            engine.notifications()->create(request, [answer](const auto &created) {
                if (!created)
                    return answer(created.error());
                answer(created.value().notification);
            });
        });
}

void EngineClient::cancelNotification(const QString &id, QObject *context,
                                      Callback<NotificationResult> done) const
{
    engineCommand<Notification>(context, std::move(done),
                                [id](Engine &engine, Callback<NotificationResult> answer) {
                                    engine.notifications()->cancel(id, std::move(answer));
                                });
}

void EngineClient::notifications(CallStore::NotificationState state, int limit, QObject *context,
                                 Callback<QList<Notification>> done) const
{
    m_thread->request<QList<Notification>>(
        context,
        [state, limit](Engine &engine) {
            const auto listed = engine.store()->notifications(state, limit);
            if (!listed)
                qCWarning(lcStore).noquote() << "notifications not read:" << listed.error().message;
            return listed ? listed.value() : QList<Notification>();
        },
        std::move(done));
}

void EngineClient::notificationDetails(const QString &id, QObject *context,
                                       Callback<std::optional<Notification>> done) const
{
    m_thread->request<std::optional<Notification>>(
        context,
        [id](Engine &engine) {
            const auto found = engine.store()->notification(id);
            return found ? found.value() : std::optional<Notification>();
        },
        std::move(done));
}

void EngineClient::outcomeDeliveries(const QString &notificationId, QObject *context,
                                     Callback<QList<OutcomeDelivery>> done) const
{
    m_thread->request<QList<OutcomeDelivery>>(
        context,
        [notificationId](Engine &engine) {
            const auto found = engine.store()->deliveriesOf(notificationId);
            if (!found)
                qCWarning(lcStore).noquote() << "deliveries not read:" << found.error().message;
            return found ? found.value() : QList<OutcomeDelivery>();
        },
        std::move(done));
}

void EngineClient::deliverOutcomeAgain(const QString &notificationId, QObject *context,
                                       Callback<DeliveriesResult> done) const
{
    engineCommand<QList<OutcomeDelivery>>(
        context, std::move(done),
        [notificationId](Engine &engine, Callback<DeliveriesResult> answer) {
            engine.notifications()->deliverAgain(notificationId, std::move(answer));
        });
}

void EngineClient::openNotificationCount(QObject *context, Callback<int> done) const
{
    m_thread->request<int>(
        context,
        [](Engine &engine) {
            const auto count = engine.store()->openNotificationCount();
            return count ? count.value() : 0;
        },
        std::move(done));
}

void EngineClient::simulatedCalls(QObject *context, Callback<QList<SimulatedCallView>> done) const
{
    m_thread->request<QList<SimulatedCallView>>(
        context,
        [](Engine &engine) {
            const TwilioSimulator *simulator = engine.simulator();
            return simulator ? simulator->calls() : QList<SimulatedCallView>();
        },
        std::move(done));
}

void EngineClient::simulatedCalls(const QStringList &sids, QObject *context,
                                  Callback<QList<SimulatedCallView>> done) const
{
    m_thread->request<QList<SimulatedCallView>>(
        context,
        [sids](Engine &engine) {
            QList<SimulatedCallView> views;
            const TwilioSimulator *simulator = engine.simulator();
            if (!simulator)
                return views;
            for (const QString &sid : sids) {
                if (const auto view = simulator->callView(sid))
                    views.append(*view);
            }
            return views;
        },
        std::move(done));
}

void EngineClient::simulatedMessages(int limit, QObject *context,
                                     Callback<QList<SimulatedMessage>> done) const
{
    m_thread->request<QList<SimulatedMessage>>(
        context,
        [limit](Engine &engine) {
            QList<SimulatedMessage> newest;
            if (const TwilioSimulator *simulator = engine.simulator()) {
                const QList<SimulatedMessage> &all = simulator->messages();
                for (auto it = all.crbegin(); it != all.crend() && newest.size() < limit; ++it)
                    newest.append(*it);
            }
            return newest;
        },
        std::move(done));
}

void EngineClient::pressPhoneButton(const QString &sid, PhoneButton button, QObject *context,
                                    Callback<bool> done) const
{
    m_thread->request<bool>(
        context,
        [sid, button](Engine &engine) {
            TwilioSimulator *simulator = engine.simulator();
            if (!simulator)
                return false;
            switch (button) {
            case PhoneButton::Answer:
                return simulator->answer(sid);
            case PhoneButton::Decline:
                return simulator->decline(sid);
            case PhoneButton::HangUp:
                return simulator->hangUp(sid);
            case PhoneButton::Voicemail:
                return simulator->sendToVoicemail(sid);
            }
            return false;
        },
        std::move(done));
}

void EngineClient::pressPhoneKeys(const QString &sid, const QString &keys, QObject *context,
                                  Callback<bool> done) const
{
    m_thread->request<bool>(
        context,
        [sid, keys](Engine &engine) {
            TwilioSimulator *simulator = engine.simulator();
            return simulator && simulator->pressDigits(sid, keys);
        },
        std::move(done));
}

template <typename R>
void EngineClient::storeRequest(QObject *context,
                                std::function<Result<R, StoreError>(CallStore &)> work,
                                StoreCallback<R> done) const
{
    if (!isRunning()) {
        deliverTo(context, std::move(done))(storeNotRunning());
        return;
    }
    m_thread->request<Result<R, StoreError>>(
        context, [work = std::move(work)](Engine &engine) { return work(*engine.store()); },
        std::move(done));
}

template <typename R>
void EngineClient::storeChange(QObject *context,
                               std::function<Result<R, StoreError>(CallStore &)> work,
                               StoreCallback<R> done)
{
    // Queued from the engine thread before the answer is, so a view that reloads on the signal
    // and the one that asked see the change in the same order.
    QPointer<EngineClient> self(this);
    storeRequest<R>(
        context,
        [self, work = std::move(work)](CallStore &store) {
            auto result = work(store);
            if (result) {
                QMetaObject::invokeMethod(
                    self.data(),
                    [self] {
                        if (self)
                            Q_EMIT self->contactsChanged();
                    },
                    Qt::QueuedConnection);
            }
            return result;
        },
        std::move(done));
}

void EngineClient::contacts(QObject *context, StoreCallback<QList<Contact>> done) const
{
    storeRequest<QList<Contact>>(
        context, [](CallStore &store) { return store.contacts(); }, std::move(done));
}

void EngineClient::saveContact(const Contact &contact, QObject *context,
                               StoreCallback<Contact> done)
{
    storeChange<Contact>(
        context, [contact](CallStore &store) { return store.saveContact(contact); },
        std::move(done));
}

void EngineClient::removeContact(qint64 id, QObject *context, StoreCallback<bool> done)
{
    storeChange<bool>(
        context, [id](CallStore &store) { return store.removeContact(id); }, std::move(done));
}

void EngineClient::escalationLists(QObject *context,
                                   StoreCallback<QList<EscalationList>> done) const
{
    storeRequest<QList<EscalationList>>(
        context, [](CallStore &store) { return store.escalationLists(); }, std::move(done));
}

void EngineClient::saveEscalationList(const EscalationList &list, const QString &previousName,
                                      QObject *context, StoreCallback<bool> done)
{
    storeChange<bool>(
        context,
        [list, previousName](CallStore &store) -> Result<bool, StoreError> {
            if (auto saved = store.saveEscalationList(list, previousName); !saved)
                return saved.error();
            return true;
        },
        std::move(done));
}

void EngineClient::removeEscalationList(const QString &name, QObject *context,
                                        StoreCallback<bool> done)
{
    storeChange<bool>(
        context, [name](CallStore &store) { return store.removeEscalationList(name); },
        std::move(done));
}

void EngineClient::importContacts(const QByteArray &csv, QObject *context,
                                  StoreCallback<ContactImport> done)
{
    storeChange<ContactImport>(
        context,
        [csv](CallStore &store) -> Result<ContactImport, StoreError> {
            const ContactCsv::Parsed parsed = ContactCsv::read(csv);
            ContactImport result;
            result.errors = parsed.errors;
            if (parsed.contacts.isEmpty())
                return result;
            auto imported = store.importContacts(parsed.contacts);
            if (!imported)
                return imported.error();
            result.imported = imported.value();
            return result;
        },
        std::move(done));
}

void EngineClient::exportContacts(QObject *context, StoreCallback<QByteArray> done) const
{
    storeRequest<QByteArray>(
        context,
        [](CallStore &store) -> Result<QByteArray, StoreError> {
            auto contacts = store.contacts();
            if (!contacts)
                return contacts.error();
            return ContactCsv::write(contacts.value());
        },
        std::move(done));
}

} // namespace flux
