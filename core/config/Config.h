// Config: everything the engine needs to start, after precedence and validation.
#pragma once

#include "api/RateLimiter.h"
#include "net/RequestLimits.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

namespace flux {

struct Config
{
    enum class Mode
    {
        Auto,
        Live,
        Simulator
    };

    Mode mode = Mode::Auto;
    QString accountSid;   // TWILIO_ACCOUNT_SID
    QByteArray authToken; // TWILIO_AUTH_TOKEN: secret, never logged or shown
    // TWILIO_AUTH_TOKEN_SECONDARY: also accepted on webhooks while the account's token is
    // rotated (Twilio signs with whichever is primary at the time). Secret like the first.
    QByteArray authTokenSecondary;
    QString fromNumber;    // TWILIO_PHONE_NUMBER
    QString publicBaseUrl; // PUBLIC_BASE_URL; empty means the listen URL
    QString apiBase = QStringLiteral("https://api.twilio.com");         // TWILIO_API_BASE
    QHostAddress listenAddress = QHostAddress(QHostAddress::LocalHost); // FLUX_LISTEN
    quint16 listenPort = 8000;
    QString dataDir;                                                       // FLUX_DATA_DIR
    QHostAddress simulatorAddress = QHostAddress(QHostAddress::LocalHost); // FLUX_SIM_LISTEN
    quint16 simulatorPort = 0;
    double simulatorSpeed = 1.0; // FLUX_SIM_SPEED: >1 makes the simulated phone faster
    // FLUX_SIM_MANUAL_ANSWER: non-scripted numbers ring until answered or declined on the
    // virtual phone (the desktop window's) instead of answering by themselves.
    bool simulatorManualAnswer = false;
    int twilioTimeoutMs = 10000;    // FLUX_TWILIO_TIMEOUT_MS
    int twilioAttempts = 3;         // FLUX_TWILIO_ATTEMPTS: 1 sends each request once
    int twilioRetryBudgetMs = 8000; // FLUX_TWILIO_RETRY_BUDGET_MS: no retry starts later
    // FLUX_LANGUAGE: "en" or "de" (VoicePrompts::languages()), the language the callee hears and
    // the window speaks. Unset: the system's language when the desk speaks it, else English.
    QString language = QStringLiteral("en");
    // FLUX_PROMPT_REPEATS: how many times in all the message is read when the callee presses
    // nothing or another key (1 to 10).
    int promptRepeats = 3;
    // FLUX_VOICE: Twilio's voice for every <Say> ("Polly.Joanna-Neural"); empty: Twilio's default.
    QString voice;
    // FLUX_MACHINE_DETECTION: Twilio's answering-machine detection for every call.
    enum class MachineDetection
    {
        Off,          // no detection: whoever answers hears the prompt
        Detect,       // MachineDetection=Enable: a machine is hung up on
        LeaveMessage, // MachineDetection=DetectMessageEnd: a machine gets a message after the beep
    };
    MachineDetection machineDetection = MachineDetection::LeaveMessage;
    // FLUX_SMS_FALLBACK: "off" (only requests with sms: true text), "unacknowledged" (every
    // notification that ends not acknowledged texts its numbers), "each_attempt" (that, and a
    // text with each attempt placed). See calls/SmsFallback.h.
    QString smsFallback = QStringLiteral("off");
    // "off", "detect", "leave-message": FLUX_MACHINE_DETECTION's values.
    static QString machineDetectionName(MachineDetection mode)
    {
        switch (mode) {
        case MachineDetection::Off:
            return QStringLiteral("off");
        case MachineDetection::Detect:
            return QStringLiteral("detect");
        case MachineDetection::LeaveMessage:
            return QStringLiteral("leave-message");
        }
        return {};
    }
    static std::optional<MachineDetection> machineDetectionFromName(const QString &name)
    {
        for (auto mode :
             {MachineDetection::Off, MachineDetection::Detect, MachineDetection::LeaveMessage}) {
            if (machineDetectionName(mode) == name)
                return mode;
        }
        return std::nullopt;
    }
    // Twilio's MachineDetection parameter for the mode: empty when off.
    QString twilioMachineDetection() const
    {
        switch (machineDetection) {
        case MachineDetection::Off:
            return {};
        case MachineDetection::Detect:
            return QStringLiteral("Enable");
        case MachineDetection::LeaveMessage:
            return QStringLiteral("DetectMessageEnd");
        }
        return {};
    }
    // FLUX_RECONCILE_SECONDS: how often calls that heard nothing for a while are asked of
    // Twilio's REST API (0: only at start-up).
    int reconcileSeconds = 300;
    // Notifications: FLUX_ATTEMPTS calls per number (1 to 5), FLUX_RETRY_AFTER_SECONDS between
    // a number's attempts (30 to 3600), and FLUX_RATE_PER_NUMBER calls an hour to any one
    // number at most (0: no limit), so a loop of scripts cannot get the caller ID blocked.
    int attempts = 1;
    int retryAfterSeconds = 120;
    int ratePerNumber = 10;
    // The event stream (GET /notifications/events): FLUX_MAX_EVENT_STREAMS open at once at most
    // (more are answered 503), and a comment line every FLUX_EVENT_STREAM_KEEPALIVE_SECONDS so
    // proxies do not close a quiet one.
    int maxEventStreams = 16;
    int eventStreamKeepAliveSeconds = 15;

    // Outcome webhooks: FLUX_OUTCOME_WEBHOOK_URL receives every notification's outcome (beside
    // a request's callback_url); FLUX_OUTCOME_WEBHOOK_SECRET signs them (secret, never logged;
    // empty means the one kept in the data folder); FLUX_CALLBACK_ALLOWED_HOSTS, when set, is
    // the only hosts a callback_url may name; FLUX_OUTCOME_RETRY_BASE_MS is the wait after the
    // first failed try, doubled per try up to an hour.
    QString outcomeWebhookUrl;
    QByteArray outcomeWebhookSecret;
    QStringList callbackAllowedHosts;
    int outcomeRetryBaseMs = 10000;

    // FLUX_API_TOKEN: the scripted API's bearer token; secret, never logged or shown. Empty
    // means the one kept in the data folder (generated on the first start).
    QByteArray apiToken;
    // FLUX_WEBHOOK_LISTEN: when set, Twilio's webhooks are served only there and the scripted
    // API only on FLUX_LISTEN (e.g. the API on loopback, the webhooks on a public interface).
    bool separateWebhookListener = false;
    QHostAddress webhookListenAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 webhookListenPort = 0;
    // FLUX_SKIP_WEBHOOK_SIGNATURE / --insecure-skip-webhook-signature: accept unsigned
    // webhooks. Warned about at every start.
    bool skipWebhookSignature = false;
    RequestLimits requestLimits;        // FLUX_MAX_BODY_BYTES, FLUX_CLIENT_TIMEOUT_MS, ...
    RateLimiter::Limits callRateLimits; // FLUX_RATE_PER_CLIENT, FLUX_RATE_TOTAL

    bool twilioConfigured() const
    {
        return !accountSid.isEmpty() && !authToken.isEmpty() && !fromNumber.isEmpty();
    }
    // Auto becomes Live when the three Twilio values are set, else Simulator.
    Mode resolvedMode() const
    {
        if (mode != Mode::Auto)
            return mode;
        return twilioConfigured() ? Mode::Live : Mode::Simulator;
    }
    static QString modeName(Mode mode)
    {
        switch (mode) {
        case Mode::Auto:
            return QStringLiteral("auto");
        case Mode::Live:
            return QStringLiteral("live");
        case Mode::Simulator:
            return QStringLiteral("simulator");
        }
        return {};
    }
};

struct ConfigError
{
    QString variable; // e.g. TWILIO_ACCOUNT_SID
    QString problem;  // what is wrong, in plain words, never the secret's value
    QString describe() const { return variable + QStringLiteral(": ") + problem; }
};

} // namespace flux
