// Engine: the whole call desk without a window: store, Twilio (or simulator), service, server.
#pragma once

#include "base/Result.h"
#include "config/Config.h"

#include <QObject>

#include <memory>

namespace flux {

class CallReconciler;
class CallService;
class CallStore;
class ApiServer;
class TwilioClient;
class TwilioSimulator;
struct TwilioCredentials;
class CallsResource;
class NotificationService;
class OutcomeWebhookSender;
class NotificationsResource;
class TextMessageService;
class TextMessagesResource;
class WebhooksResource;
class HealthResource;
class DocsResource;
class EventStreamResource;

class Engine : public QObject
{
    Q_OBJECT
public:
    explicit Engine(Config config, QObject *parent = nullptr);
    ~Engine() override;

    // Opens the store, starts the simulator (simulator mode) and the HTTP server. A problem is
    // reported against the setting that caused it, e.g. FLUX_LISTEN for a port in use.
    Result<void, ConfigError> start();
    // Stops taking work: the listeners close at once and a request still arriving on an open
    // connection is answered 503. Creates already sent to Twilio get up to `drainMs` for their
    // answer, so their calls are stored; then webhooks still waiting are answered 503 and call
    // requests still waiting are answered 500. stopped() follows; then the engine may go.
    void stop(int drainMs = 5000);
    bool isStopping() const { return m_stopping; }

    Config::Mode mode() const { return m_mode; }
    const Config &config() const { return m_config; }
    // The scripted API's address; with FLUX_WEBHOOK_LISTEN the webhooks have their own.
    QString listenUrl() const;
    QString webhookListenUrl() const;
    QString publicBaseUrl() const { return m_publicBaseUrl; }
    QString storePath() const;

    // The bearer token scripts send to the API (FLUX_API_TOKEN or the data folder's). Secret:
    // for the UI to show on request, never to log.
    QByteArray apiToken() const { return m_apiToken; }
    // The token when this start generated it (show it once), else empty.
    QByteArray newlyGeneratedApiToken() const
    {
        return m_apiTokenGenerated ? m_apiToken : QByteArray();
    }

    CallService *calls() const { return m_calls; }
    NotificationService *notifications() const { return m_notifications; }
    OutcomeWebhookSender *outcomeWebhooks() const { return m_outcomeWebhooks; }
    TextMessageService *textMessages() const { return m_texts; }
    CallStore *store() const { return m_store.get(); }
    ApiServer *server() const { return m_server; }
    TwilioClient *twilio() const { return m_twilio; }
    TwilioSimulator *simulator() const { return m_simulator; } // null in live mode
    // Null when there is no Twilio to ask (live mode without credentials).
    CallReconciler *reconciler() const { return m_reconciler; }

Q_SIGNALS:
    // stop() has finished: nothing more will be answered or written.
    void stopped();

private:
    QJsonObject describe() const;
    Result<void, ConfigError> openApiToken();
    // FLUX_OUTCOME_WEBHOOK_SECRET, or the one kept in the data folder.
    Result<QByteArray, ConfigError> outcomeWebhookSecret() const;
    Result<void, ConfigError> listen();
    // Calls whose final callback was lost are asked of Twilio, now and every reconcileSeconds.
    void startReconciler(const TwilioCredentials &credentials);
    void finishStopping();

    Config m_config;
    Config::Mode m_mode;
    QString m_publicBaseUrl;
    quint16 m_webhookPort = 0;
    QByteArray m_apiToken;
    bool m_apiTokenGenerated = false;
    std::unique_ptr<CallStore> m_store;
    ApiServer *m_server = nullptr;
    TwilioSimulator *m_simulator = nullptr;
    TwilioClient *m_twilio = nullptr;
    CallService *m_calls = nullptr;
    NotificationService *m_notifications = nullptr;
    OutcomeWebhookSender *m_outcomeWebhooks = nullptr;
    TextMessageService *m_texts = nullptr;
    // Its own client: one that does not retry, so a 429 ends the reconciler's pass at once.
    TwilioClient *m_reconcileTwilio = nullptr;
    CallReconciler *m_reconciler = nullptr;
    std::unique_ptr<CallsResource> m_callsResource;
    std::unique_ptr<NotificationsResource> m_notificationsResource;
    std::unique_ptr<WebhooksResource> m_webhooksResource;
    std::unique_ptr<TextMessagesResource> m_textMessagesResource;
    std::unique_ptr<HealthResource> m_healthResource;
    std::unique_ptr<DocsResource> m_docsResource;
    std::unique_ptr<EventStreamResource> m_eventStreamResource;
    bool m_stopping = false;
    bool m_stopped = false;
};

} // namespace flux
