#include "engine/Engine.h"

#include "api/ApiServer.h"
#include "api/CallsResource.h"
#include "api/DocsResource.h"
#include "api/EventStreamResource.h"
#include "api/HealthResource.h"
#include "api/NotificationsResource.h"
#include "api/TextMessagesResource.h"
#include "api/WebhooksResource.h"
#include "base/LogCategories.h"
#include "calls/CallReconciler.h"
#include "calls/CallService.h"
#include "calls/CallStore.h"
#include "calls/NotificationService.h"
#include "calls/OutcomeWebhookSender.h"
#include "calls/TextMessageService.h"
#include "engine/ApiTokenFile.h"
#include "engine/SecretFile.h"
#include "simulator/TwilioSimulator.h"
#include "twilio/SignatureValidator.h"
#include "twilio/TwilioClient.h"

#include <QDir>
#include <QJsonObject>
#include <QTimer>
#include <QUrl>

namespace flux {

namespace {
QString hostForUrl(const QHostAddress &address)
{
    if (address == QHostAddress(QHostAddress::AnyIPv4) ||
        address == QHostAddress(QHostAddress::Any))
        return QStringLiteral("127.0.0.1");
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QLatin1Char('[') + address.toString() + QLatin1Char(']');
    return address.toString();
}
} // namespace

Engine::Engine(Config config, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_mode(m_config.resolvedMode())
{}

Engine::~Engine()
{
    // Outside in: the server first so no request reaches a half-destroyed service, then the
    // service (which drops whatever waits on it), the client and its requests in flight, the
    // simulator, and last the store they all write to.
    delete m_server;
    m_server = nullptr;
    delete m_outcomeWebhooks;
    m_outcomeWebhooks = nullptr;
    delete m_reconciler;
    m_reconciler = nullptr;
    delete m_reconcileTwilio;
    m_reconcileTwilio = nullptr;
    // Before the client, whose requests in flight answer it as they are aborted.
    delete m_texts;
    m_texts = nullptr;
    delete m_calls;
    m_calls = nullptr;
    delete m_twilio;
    m_twilio = nullptr;
    delete m_simulator;
    m_simulator = nullptr;
    m_store.reset();
}

void Engine::stop(int drainMs)
{
    if (m_stopping)
        return;
    m_stopping = true;
    if (m_server)
        m_server->stopAccepting();
    if (m_reconciler)
        m_reconciler->stop();
    if (m_notifications)
        m_notifications->stop();
    if (m_outcomeWebhooks)
        m_outcomeWebhooks->stop();
    const int inFlight = m_calls ? m_calls->createsInFlight() : 0;
    qCInfo(lcApp) << "stopping: no new requests;" << inFlight << "call request(s) in flight";
    if (inFlight == 0)
        return finishStopping();
    connect(m_calls, &CallService::createsSettled, this, &Engine::finishStopping);
    QTimer::singleShot(drainMs, this, &Engine::finishStopping);
}

void Engine::finishStopping()
{
    if (m_stopped)
        return;
    m_stopped = true;
    if (m_calls)
        m_calls->refuseWaiting();
    // From the event loop, so the answers just written leave before anyone tears us down.
    QTimer::singleShot(0, this, &Engine::stopped);
}

QString Engine::listenUrl() const
{
    if (!m_server)
        return {};
    return QStringLiteral("http://%1:%2")
        .arg(hostForUrl(m_config.listenAddress))
        .arg(m_server->port());
}

QString Engine::webhookListenUrl() const
{
    if (!m_config.separateWebhookListener || m_webhookPort == 0)
        return listenUrl();
    return QStringLiteral("http://%1:%2")
        .arg(hostForUrl(m_config.webhookListenAddress))
        .arg(m_webhookPort);
}

Result<void, ConfigError> Engine::openApiToken()
{
    if (!m_config.apiToken.isEmpty()) {
        m_apiToken = m_config.apiToken;
        return {};
    }
    const auto token = ApiTokenFile::loadOrCreate(m_config.dataDir);
    if (!token)
        return ConfigError{QStringLiteral("FLUX_API_TOKEN"), token.error()};
    m_apiToken = token.value().value;
    m_apiTokenGenerated = token.value().generated;
    if (m_apiTokenGenerated) {
        // Where to find it, never the token itself: logs are collected and kept (journald, JSON
        // lines), and the file is readable by its owner only.
        qCInfo(lcApp).noquote()
            << "generated an API token for scripts in" << token.value().path
            << "(owner-only); send it as \"Authorization: Bearer <token>\", or set FLUX_API_TOKEN";
    }
    return {};
}

Result<QByteArray, ConfigError> Engine::outcomeWebhookSecret() const
{
    const QString variable = QStringLiteral("FLUX_OUTCOME_WEBHOOK_SECRET");
    if (!m_config.outcomeWebhookSecret.isEmpty())
        return m_config.outcomeWebhookSecret;
    const auto secret = SecretFile::loadOrCreate(
        QDir(m_config.dataDir).filePath(QStringLiteral("outcome-webhook-secret")), variable);
    if (!secret)
        return ConfigError{variable, secret.error()};
    if (secret.value().generated)
        qCInfo(lcApp).noquote() << "generated the secret that signs outcome webhooks in"
                                << secret.value().path << "(owner-only), or set" << variable;
    return secret.value().value;
}

Result<void, ConfigError> Engine::listen()
{
    const bool separate = m_config.separateWebhookListener;
    if (m_server->listenOn(m_config.listenAddress, m_config.listenPort,
                           separate ? ApiServer::Serves::Api : ApiServer::Serves::Everything) ==
        0) {
        return ConfigError{QStringLiteral("FLUX_LISTEN"),
                           QStringLiteral("%1:%2 is already in use or cannot be bound")
                               .arg(m_config.listenAddress.toString())
                               .arg(m_config.listenPort)};
    }
    if (separate) {
        m_webhookPort = m_server->listenOn(m_config.webhookListenAddress,
                                           m_config.webhookListenPort, ApiServer::Serves::Webhooks);
        if (m_webhookPort == 0)
            return ConfigError{QStringLiteral("FLUX_WEBHOOK_LISTEN"),
                               QStringLiteral("%1:%2 is already in use or cannot be bound")
                                   .arg(m_config.webhookListenAddress.toString())
                                   .arg(m_config.webhookListenPort)};
    }
    return {};
}

QString Engine::storePath() const
{
    // Simulated calls are kept apart so they never mix with the real call history.
    const QString file = m_mode == Config::Mode::Simulator
                             ? QStringLiteral("calls-simulator.sqlite")
                             : QStringLiteral("calls.sqlite");
    return QDir(m_config.dataDir).filePath(file);
}

Result<void, ConfigError> Engine::start()
{
    auto opened = CallStore::open(storePath());
    if (!opened)
        return ConfigError{QStringLiteral("FLUX_DATA_DIR"), opened.error().message};
    m_store = std::move(opened.value());
    if (const auto token = openApiToken(); !token)
        return token.error();
    if (const auto pending = m_store->pendingCalls(); pending && !pending.value().isEmpty()) {
        qCWarning(lcApp).noquote()
            << pending.value().size()
            << "call request(s) from before the last stop were never confirmed by Twilio, the"
               " oldest from"
            << pending.value().first().requestedAt.toString(Qt::ISODate)
            << "; a webhook of such a call, or Twilio's list of calls, still adds it";
    }

    m_server = new ApiServer(this);
    m_server->setRequestLimits(m_config.requestLimits);
    m_server->setCallRateLimits(m_config.callRateLimits);
    m_server->setApiToken(m_apiToken);
    if (const auto listening = listen(); !listening)
        return listening.error();
    m_publicBaseUrl =
        m_config.publicBaseUrl.isEmpty() ? webhookListenUrl() : m_config.publicBaseUrl;

    TwilioCredentials credentials{m_config.apiBase, m_config.accountSid, m_config.authToken};
    QString fromNumber = m_config.fromNumber;
    if (m_mode == Config::Mode::Simulator) {
        m_simulator = new TwilioSimulator({m_config.simulatorAddress, m_config.simulatorPort,
                                           m_config.simulatorSpeed, m_config.simulatorManualAnswer,
                                           m_config.authToken},
                                          this);
        const auto started = m_simulator->start();
        if (!started)
            return ConfigError{QStringLiteral("FLUX_SIM_LISTEN"), started.error()};
        credentials = {m_simulator->baseUrl(), m_simulator->accountSid(), m_simulator->authToken()};
        fromNumber = m_simulator->phoneNumber();
    }
    if (m_mode == Config::Mode::Simulator || m_config.twilioConfigured()) {
        m_twilio = new TwilioClient(credentials, this);
        m_twilio->setTimeoutMs(m_config.twilioTimeoutMs);
        RetryPolicy retry;
        retry.maxAttempts = m_config.twilioAttempts;
        retry.budgetMs = m_config.twilioRetryBudgetMs;
        m_twilio->setRetryPolicy(retry);
    } else {
        qCWarning(lcApp) << "live mode without TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and "
                            "TWILIO_PHONE_NUMBER: calls will be refused with 503";
    }

    m_calls =
        new CallService(m_store.get(), m_twilio,
                        {fromNumber, m_publicBaseUrl, m_config.twilioMachineDetection()}, this);
    NotificationService::Options notify;
    notify.defaultAttempts = m_config.attempts;
    notify.defaultRetryAfterSeconds = m_config.retryAfterSeconds;
    notify.ratePerNumber = m_config.ratePerNumber;
    // The simulator's speed shortens the waits too, so a whole escalation can be watched.
    if (m_mode == Config::Mode::Simulator)
        notify.waitDivisor = m_config.simulatorSpeed;
    notify.outcomeWebhookUrl = m_config.outcomeWebhookUrl;
    notify.callbackAllowedHosts = m_config.callbackAllowedHosts;
    m_notifications = new NotificationService(m_store.get(), m_calls, notify, this);
    const auto secret = outcomeWebhookSecret();
    if (!secret)
        return secret.error();
    OutcomeWebhookSender::Options outcome;
    outcome.secret = secret.value();
    outcome.retryBaseMs = m_config.outcomeRetryBaseMs;
    m_outcomeWebhooks = new OutcomeWebhookSender(m_store.get(), outcome, this);
    connect(m_notifications, &NotificationService::outcomeQueued, m_outcomeWebhooks,
            &OutcomeWebhookSender::wake);
    m_texts = new TextMessageService(
        m_store.get(), m_twilio, m_notifications,
        {SmsFallback::parse(m_config.smsFallback).value_or(TextMessageService::Fallback::Off),
         fromNumber, m_publicBaseUrl},
        this);
    m_textMessagesResource = std::make_unique<TextMessagesResource>(m_texts);
    startReconciler(credentials);
    m_callsResource = std::make_unique<CallsResource>(m_calls, m_notifications);
    m_notificationsResource = std::make_unique<NotificationsResource>(m_notifications);
    m_webhooksResource = std::make_unique<WebhooksResource>(
        m_calls, VoicePrompts::Speech{m_config.language, m_config.voice}, m_config.promptRepeats);
    m_healthResource = std::make_unique<HealthResource>([this] { return describe(); });
    // The simulator signs with its own token; a live account may be rotating its token.
    const QByteArray secondaryToken =
        m_mode == Config::Mode::Simulator ? QByteArray() : m_config.authTokenSecondary;
    m_server->setWebhookSignature(SignatureValidator(credentials.authToken, secondaryToken),
                                  m_publicBaseUrl);
    m_server->setSkipWebhookSignature(m_config.skipWebhookSignature);
    m_server->addRoutes(m_callsResource->routes());
    m_server->addRoutes(m_notificationsResource->routes());
    m_server->addRoutes(m_webhooksResource->routes());
    m_server->addRoutes(m_textMessagesResource->routes());
    m_server->addRoutes(m_healthResource->routes());
    EventStreamResource::Options streams;
    streams.maxStreams = m_config.maxEventStreams;
    streams.keepAliveMs = m_config.eventStreamKeepAliveSeconds * 1000;
    m_eventStreamResource =
        std::make_unique<EventStreamResource>(m_calls, m_notifications, streams);
    m_server->addRoutes(m_eventStreamResource->routes());
    m_docsResource = std::make_unique<DocsResource>(
        m_server,
        QStringList{QStringLiteral(":/api/calls.json"), QStringLiteral(":/api/notifications.json"),
                    QStringLiteral(":/api/webhooks.json"), QStringLiteral(":/api/health.json")},
        [this] {
            return OpenApiDocument::Info{
                QStringLiteral("Flux Call Desk API"), QStringLiteral(FLUX_VERSION),
                QStringLiteral(
                    "Phone a person about a critical task and know they heard it. The "
                    "scripted API needs Authorization: Bearer <FLUX_API_TOKEN>; the "
                    "webhooks are for Twilio and need a valid X-Twilio-Signature. Errors "
                    "are {\"detail\": \"...\"}, and 422 is FastAPI's list of "
                    "{loc, msg, type}."),
                listenUrl(), m_publicBaseUrl};
        });
    m_server->addRoutes(m_docsResource->routes());

    qCInfo(lcApp).noquote() << "listening on" << listenUrl() << "in" << Config::modeName(m_mode)
                            << "mode; Twilio must reach the webhooks at" << m_publicBaseUrl;
    if (m_config.separateWebhookListener)
        qCInfo(lcApp).noquote() << "webhooks are served only on" << webhookListenUrl()
                                << "and the API only on" << listenUrl();
    if (m_config.skipWebhookSignature)
        qCWarning(lcApp) << "X-Twilio-Signature is NOT checked (--insecure-skip-webhook-signature "
                            "/ FLUX_SKIP_WEBHOOK_SIGNATURE): anyone who can reach the webhooks "
                            "can acknowledge tasks and change call states";
    if (m_simulator)
        qCInfo(lcApp).noquote() << "Twilio simulator at" << m_simulator->baseUrl()
                                << "(GET /sim/calls shows the virtual phones)";
    qCInfo(lcApp).noquote() << "calls are stored in" << storePath();
    // Before any notification moves on: texts left unanswered by the last run are marked first.
    m_texts->start();
    m_notifications->start();
    m_outcomeWebhooks->start();
    if (!m_config.outcomeWebhookUrl.isEmpty())
        qCInfo(lcApp).noquote() << "notification outcomes are POSTed to"
                                << QUrl(m_config.outcomeWebhookUrl).host()
                                << "(FLUX_OUTCOME_WEBHOOK_URL)";
    return {};
}

void Engine::startReconciler(const TwilioCredentials &credentials)
{
    if (!m_twilio)
        return;
    m_reconcileTwilio = new TwilioClient(credentials, this);
    m_reconcileTwilio->setTimeoutMs(m_config.twilioTimeoutMs);
    RetryPolicy once;
    once.maxAttempts = 1;
    m_reconcileTwilio->setRetryPolicy(once);
    CallReconciler::Options options;
    options.intervalSeconds = m_config.reconcileSeconds;
    m_reconciler = new CallReconciler(m_calls, m_reconcileTwilio, options, this);
    m_reconciler->start();
}

QJsonObject Engine::describe() const
{
    QJsonObject body{
        {QStringLiteral("version"), QStringLiteral(FLUX_VERSION)},
        {QStringLiteral("mode"), Config::modeName(m_mode)},
        {QStringLiteral("twilio_configured"), m_twilio != nullptr},
        {QStringLiteral("webhook_base_url"), m_publicBaseUrl},
    };
    if (m_simulator)
        body.insert(QStringLiteral("simulator_url"), m_simulator->baseUrl());
    return body;
}

} // namespace flux
