#include "config/ConfigLoader.h"

#include "api/BearerAuth.h"
#include "calls/Contact.h"
#include "calls/PhoneNumber.h"
#include "calls/SmsFallback.h"
#include "config/DotEnvFile.h"
#include "twilio/CalleeMenu.h"
#include "twilio/VoicePrompts.h"

#include <QLocale>

#include <QRegularExpression>
#include <QUrl>

#include <functional>

namespace flux::ConfigLoader {

namespace {

const QString AccountSid = QStringLiteral("TWILIO_ACCOUNT_SID");
const QString AuthToken = QStringLiteral("TWILIO_AUTH_TOKEN");
const QString AuthTokenSecondary = QStringLiteral("TWILIO_AUTH_TOKEN_SECONDARY");
const QString PhoneNumberVar = QStringLiteral("TWILIO_PHONE_NUMBER");
const QString PublicBaseUrl = QStringLiteral("PUBLIC_BASE_URL");
const QString ApiBase = QStringLiteral("TWILIO_API_BASE");
const QString Listen = QStringLiteral("FLUX_LISTEN");
const QString DataDir = QStringLiteral("FLUX_DATA_DIR");
const QString Mode = QStringLiteral("FLUX_MODE");
const QString SimListen = QStringLiteral("FLUX_SIM_LISTEN");
const QString SimSpeed = QStringLiteral("FLUX_SIM_SPEED");
const QString SimManualAnswer = QStringLiteral("FLUX_SIM_MANUAL_ANSWER");
const QString TwilioTimeout = QStringLiteral("FLUX_TWILIO_TIMEOUT_MS");
const QString ApiToken = QStringLiteral("FLUX_API_TOKEN");
const QString WebhookListen = QStringLiteral("FLUX_WEBHOOK_LISTEN");
const QString SkipSignature = QStringLiteral("FLUX_SKIP_WEBHOOK_SIGNATURE");
const QString MaxBody = QStringLiteral("FLUX_MAX_BODY_BYTES");
const QString MaxUrl = QStringLiteral("FLUX_MAX_URL_BYTES");
const QString MaxHeader = QStringLiteral("FLUX_MAX_HEADER_BYTES");
const QString ClientTimeout = QStringLiteral("FLUX_CLIENT_TIMEOUT_MS");
const QString MaxConnections = QStringLiteral("FLUX_MAX_CONNECTIONS");
const QString RatePerClient = QStringLiteral("FLUX_RATE_PER_CLIENT");
const QString RateTotal = QStringLiteral("FLUX_RATE_TOTAL");
const QString TwilioAttempts = QStringLiteral("FLUX_TWILIO_ATTEMPTS");
const QString TwilioRetryBudget = QStringLiteral("FLUX_TWILIO_RETRY_BUDGET_MS");
const QString Language = QStringLiteral("FLUX_LANGUAGE");
const QString PromptRepeats = QStringLiteral("FLUX_PROMPT_REPEATS");
const QString Voice = QStringLiteral("FLUX_VOICE");
const QString MachineDetection = QStringLiteral("FLUX_MACHINE_DETECTION");
const QString SmsFallback = QStringLiteral("FLUX_SMS_FALLBACK");
const QString ReconcileSeconds = QStringLiteral("FLUX_RECONCILE_SECONDS");
const QString Attempts = QStringLiteral("FLUX_ATTEMPTS");
const QString RetryAfter = QStringLiteral("FLUX_RETRY_AFTER_SECONDS");
const QString RatePerNumber = QStringLiteral("FLUX_RATE_PER_NUMBER");
const QString MaxEventStreams = QStringLiteral("FLUX_MAX_EVENT_STREAMS");
const QString EventStreamKeepAlive = QStringLiteral("FLUX_EVENT_STREAM_KEEPALIVE_SECONDS");
const QString OutcomeWebhookUrl = QStringLiteral("FLUX_OUTCOME_WEBHOOK_URL");
const QString OutcomeWebhookSecret = QStringLiteral("FLUX_OUTCOME_WEBHOOK_SECRET");
const QString CallbackAllowedHosts = QStringLiteral("FLUX_CALLBACK_ALLOWED_HOSTS");
const QString OutcomeRetryBase = QStringLiteral("FLUX_OUTCOME_RETRY_BASE_MS");

std::optional<ConfigError> parseBaseUrl(const QString &variable, const QString &text, QString &out)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        url.host().isEmpty())
        return ConfigError{variable, QStringLiteral("\"%1\" is not an http(s) URL such as "
                                                    "https://calls.example.com")
                                         .arg(text)};
    if (url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
        return ConfigError{variable,
                           QStringLiteral("must not carry a query, fragment or user info")};
    out = text;
    while (out.endsWith(QLatin1Char('/')))
        out.chop(1);
    return std::nullopt;
}

std::optional<ConfigError> parseHostPort(const QString &variable, const QString &text,
                                         QHostAddress &address, quint16 &port)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    const auto bad = [&] {
        return ConfigError{
            variable, QStringLiteral("\"%1\" is not HOST:PORT such as 127.0.0.1:8000").arg(text)};
    };
    if (colon <= 0)
        return bad();
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint number = text.mid(colon + 1).toUInt(&ok);
    if (!ok || number > 65535)
        return bad();
    if (host == QLatin1String("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(host))
        return ConfigError{variable, QStringLiteral("\"%1\" is not an IP address").arg(host)};
    port = static_cast<quint16>(number);
    return std::nullopt;
}

// A whole number from `min` to `max`; `what` names the unit in the error.
std::optional<ConfigError> parseRange(const QString &variable, const QString &text, qint64 min,
                                      qint64 max, const QString &what, qint64 &out)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok || value < min || value > max)
        return ConfigError{
            variable,
            QStringLiteral("\"%1\" is not %2 from %3 to %4").arg(text, what).arg(min).arg(max)};
    out = value;
    return std::nullopt;
}

std::optional<ConfigError> parseSwitch(const QString &variable, const QString &text, bool &out)
{
    const QString value = text.trimmed().toLower();
    if (QStringList{QStringLiteral("1"), QStringLiteral("true"), QStringLiteral("yes"),
                    QStringLiteral("on")}
            .contains(value))
        out = true;
    else if (QStringList{QStringLiteral("0"), QStringLiteral("false"), QStringLiteral("no"),
                         QStringLiteral("off")}
                 .contains(value))
        out = false;
    else
        return ConfigError{variable, QStringLiteral("\"%1\" is not one of 1, 0, true, false, yes, "
                                                    "no, on, off")
                                         .arg(text)};
    return std::nullopt;
}

QStringList languageCodes()
{
    QStringList codes;
    for (const VoicePrompts::Language &language : VoicePrompts::languages())
        codes.append(language.code);
    return codes;
}

// "de_DE.UTF-8", "de-AT", "de" -> "de"; "C", "POSIX" -> "".
QString languageOfLocale(const QString &locale)
{
    if (locale.isEmpty() || locale == QLatin1String("C") || locale == QLatin1String("POSIX"))
        return {};
    return locale.section(QLatin1Char('.'), 0, 0)
        .section(QLatin1Char('_'), 0, 0)
        .section(QLatin1Char('-'), 0, 0)
        .toLower();
}

// The system's language, read the way POSIX programs read it (LC_ALL, then LC_MESSAGES, then
// LANG) from the environment given, so a test can say which; without any of them, Qt's idea of
// the system locale (Windows, macOS). English when the desk does not speak it.
QString systemLanguage(const QProcessEnvironment &environment)
{
    for (const char *name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const QString value = environment.value(QLatin1String(name));
        if (value.isEmpty())
            continue;
        const QString code = languageOfLocale(value);
        return VoicePrompts::isSupported(code) ? code : VoicePrompts::DefaultLanguage;
    }
    const QString code = languageOfLocale(QLocale::system().name());
    return VoicePrompts::isSupported(code) ? code : VoicePrompts::DefaultLanguage;
}

} // namespace

QStringList variableNames()
{
    return {AccountSid,
            AuthToken,
            PhoneNumberVar,
            PublicBaseUrl,
            ApiBase,
            Listen,
            DataDir,
            Mode,
            SimListen,
            SimSpeed,
            SimManualAnswer,
            TwilioTimeout,
            ApiToken,
            WebhookListen,
            SkipSignature,
            MaxBody,
            MaxUrl,
            MaxHeader,
            ClientTimeout,
            MaxConnections,
            RatePerClient,
            RateTotal,
            TwilioAttempts,
            TwilioRetryBudget,
            Language,
            PromptRepeats,
            Voice,
            MachineDetection,
            ReconcileSeconds,
            Attempts,
            RetryAfter,
            RatePerNumber,
            AuthTokenSecondary,
            MaxEventStreams,
            EventStreamKeepAlive,
            OutcomeWebhookUrl,
            OutcomeWebhookSecret,
            CallbackAllowedHosts,
            OutcomeRetryBase,
            SmsFallback};
}

Result<Config, ConfigError> load(const QHash<QString, QString> &overrides,
                                 const QProcessEnvironment &environment, const QString &dotEnvPath,
                                 const QString &defaultDataDir,
                                 const QHash<QString, QString> &saved)
{
    const auto dotEnv = DotEnvFile::read(dotEnvPath);
    if (!dotEnv)
        return dotEnv.error();

    // Highest first: command line, environment, .env, saved settings. An empty value counts as
    // unset.
    const auto lookup = [&](const QString &name) -> QString {
        if (!overrides.value(name).isEmpty())
            return overrides.value(name);
        if (!environment.value(name).isEmpty())
            return environment.value(name);
        if (!dotEnv.value().value(name).isEmpty())
            return dotEnv.value().value(name);
        return saved.value(name);
    };

    Config config;
    config.dataDir = defaultDataDir;

    if (const QString mode = lookup(Mode).toLower(); !mode.isEmpty()) {
        if (mode == QLatin1String("auto"))
            config.mode = Config::Mode::Auto;
        else if (mode == QLatin1String("live"))
            config.mode = Config::Mode::Live;
        else if (mode == QLatin1String("simulator"))
            config.mode = Config::Mode::Simulator;
        else
            return ConfigError{
                Mode, QStringLiteral("\"%1\" is not one of auto, live, simulator").arg(mode)};
    }

    if (const QString language = lookup(Language).trimmed().toLower(); !language.isEmpty()) {
        if (!VoicePrompts::isSupported(language))
            return ConfigError{Language,
                               QStringLiteral("\"%1\" is not one of %2")
                                   .arg(language, languageCodes().join(QStringLiteral(", ")))};
        config.language = language;
    } else {
        config.language = systemLanguage(environment);
    }

    // Twilio's voice names: "alice", "man", "woman", "Polly.Joanna-Neural", "Google.de-DE-...".
    config.voice = lookup(Voice).trimmed();
    static const QRegularExpression voicePattern(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    if (!config.voice.isEmpty() && !voicePattern.match(config.voice).hasMatch())
        return ConfigError{Voice, QStringLiteral("\"%1\" is not a Twilio voice name such as "
                                                 "Polly.Joanna-Neural")
                                      .arg(config.voice)};
    if (const QString value = lookup(MachineDetection).trimmed().toLower(); !value.isEmpty()) {
        const auto mode = Config::machineDetectionFromName(value);
        if (!mode)
            return ConfigError{
                MachineDetection,
                QStringLiteral("\"%1\" is not one of off, detect, leave-message").arg(value)};
        config.machineDetection = *mode;
    }
    if (const QString value = lookup(SmsFallback).trimmed().toLower(); !value.isEmpty()) {
        const auto fallback = SmsFallback::parse(value);
        if (!fallback)
            return ConfigError{
                SmsFallback,
                QStringLiteral("\"%1\" is not one of off, unacknowledged, each_attempt")
                    .arg(value)};
        config.smsFallback = SmsFallback::name(*fallback);
    }

    config.accountSid = lookup(AccountSid).trimmed();
    static const QRegularExpression sidPattern(QStringLiteral("^AC[0-9a-fA-F]{32}$"));
    if (!config.accountSid.isEmpty() && !sidPattern.match(config.accountSid).hasMatch())
        return ConfigError{AccountSid, QStringLiteral("must be AC followed by 32 hex digits, "
                                                      "as shown in the Twilio console")};

    // The token's value never enters a message, only whether it looks right.
    config.authToken = lookup(AuthToken).trimmed().toUtf8();
    if (!config.authToken.isEmpty() && config.authToken.contains(' '))
        return ConfigError{AuthToken, QStringLiteral("must not contain spaces")};
    config.authTokenSecondary = lookup(AuthTokenSecondary).trimmed().toUtf8();
    if (config.authTokenSecondary.contains(' '))
        return ConfigError{AuthTokenSecondary, QStringLiteral("must not contain spaces")};

    config.fromNumber = lookup(PhoneNumberVar).trimmed();
    if (!config.fromNumber.isEmpty() && !PhoneNumber::isE164(config.fromNumber))
        return ConfigError{PhoneNumberVar, QStringLiteral("\"%1\" is not a phone number: %2")
                                               .arg(config.fromNumber, PhoneNumber::Hint)};

    if (const QString value = lookup(PublicBaseUrl); !value.isEmpty()) {
        if (auto error = parseBaseUrl(PublicBaseUrl, value, config.publicBaseUrl))
            return *error;
    }
    if (const QString value = lookup(ApiBase); !value.isEmpty()) {
        if (auto error = parseBaseUrl(ApiBase, value, config.apiBase))
            return *error;
    }
    if (const QString value = lookup(Listen); !value.isEmpty()) {
        if (auto error = parseHostPort(Listen, value, config.listenAddress, config.listenPort))
            return *error;
    }
    if (const QString value = lookup(SimListen); !value.isEmpty()) {
        if (auto error =
                parseHostPort(SimListen, value, config.simulatorAddress, config.simulatorPort))
            return *error;
    }
    if (const QString value = lookup(DataDir); !value.isEmpty())
        config.dataDir = value;
    if (config.dataDir.isEmpty())
        return ConfigError{DataDir, QStringLiteral("no data folder: set FLUX_DATA_DIR")};

    if (const QString value = lookup(SimSpeed); !value.isEmpty()) {
        bool ok = false;
        config.simulatorSpeed = value.toDouble(&ok);
        if (!ok || !(config.simulatorSpeed >= 0.1 && config.simulatorSpeed <= 1000))
            return ConfigError{
                SimSpeed, QStringLiteral("\"%1\" is not a number from 0.1 to 1000").arg(value)};
    }
    if (const QString value = lookup(SimManualAnswer); !value.isEmpty()) {
        if (auto error = parseSwitch(SimManualAnswer, value, config.simulatorManualAnswer))
            return *error;
    }
    if (const QString value = lookup(TwilioTimeout); !value.isEmpty()) {
        bool ok = false;
        config.twilioTimeoutMs = value.toInt(&ok);
        if (!ok || config.twilioTimeoutMs < 100 || config.twilioTimeoutMs > 120000)
            return ConfigError{
                TwilioTimeout,
                QStringLiteral("\"%1\" is not milliseconds from 100 to 120000").arg(value)};
    }

    // Like the auth token: only whether it is usable, never its value, goes into a message.
    config.apiToken = lookup(ApiToken).trimmed().toUtf8();
    if (!config.apiToken.isEmpty() && !BearerAuth::isUsableToken(config.apiToken))
        return ConfigError{ApiToken,
                           QStringLiteral("must be %1 to %2 visible ASCII characters, no spaces")
                               .arg(BearerAuth::MinTokenLength)
                               .arg(BearerAuth::MaxTokenLength)};
    if (const QString value = lookup(OutcomeWebhookUrl).trimmed(); !value.isEmpty()) {
        const QUrl url(value, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || url.host().isEmpty() ||
            (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
            return ConfigError{OutcomeWebhookUrl, QStringLiteral("is not an http(s) URL such as "
                                                                 "https://hooks.example.com/flux")};
        config.outcomeWebhookUrl = value;
    }
    config.outcomeWebhookSecret = lookup(OutcomeWebhookSecret).trimmed().toUtf8();
    for (const QString &host : lookup(CallbackAllowedHosts).split(QLatin1Char(','))) {
        if (!host.trimmed().isEmpty())
            config.callbackAllowedHosts.append(host.trimmed().toLower());
    }
    if (const QString value = lookup(WebhookListen); !value.isEmpty()) {
        if (auto error = parseHostPort(WebhookListen, value, config.webhookListenAddress,
                                       config.webhookListenPort))
            return *error;
        config.separateWebhookListener = true;
    }
    if (const QString value = lookup(SkipSignature); !value.isEmpty()) {
        if (auto error = parseSwitch(SkipSignature, value, config.skipWebhookSignature))
            return *error;
    }

    // The URL and header limits stay under the 80 KiB head that Qt's own parser accepts, so
    // the answer to an oversized head is always this server's 414 or 431.
    RequestLimits &limits = config.requestLimits;
    const QString bytes = QStringLiteral("a number of bytes");
    const struct
    {
        const QString &variable;
        qint64 min, max;
        QString what;
        std::function<void(qint64)> set;
    } numbers[] = {
        {MaxBody, 1024, 16 * 1024 * 1024, bytes, [&](qint64 v) { limits.maxBodyBytes = v; }},
        {MaxUrl, 1024, 48 * 1024, bytes, [&](qint64 v) { limits.maxUrlBytes = int(v); }},
        {MaxHeader, 1024, 24 * 1024, bytes, [&](qint64 v) { limits.maxHeaderBytes = int(v); }},
        {ClientTimeout, 100, 600000, QStringLiteral("a number of milliseconds"),
         [&](qint64 v) { limits.clientTimeoutMs = int(v); }},
        {MaxConnections, 1, 10000, QStringLiteral("a whole number"),
         [&](qint64 v) { limits.maxConnections = int(v); }},
        {RatePerClient, 0, 100000, QStringLiteral("a number of calls per minute (0: no limit)"),
         [&](qint64 v) { config.callRateLimits.perClientPerMinute = int(v); }},
        {RateTotal, 0, 100000, QStringLiteral("a number of calls per minute (0: no limit)"),
         [&](qint64 v) { config.callRateLimits.totalPerMinute = int(v); }},
        {TwilioAttempts, 1, 10, QStringLiteral("a count"),
         [&](qint64 v) { config.twilioAttempts = int(v); }},
        {TwilioRetryBudget, 0, 120000, QStringLiteral("a number of milliseconds"),
         [&](qint64 v) { config.twilioRetryBudgetMs = int(v); }},
        {PromptRepeats, 1, CalleeMenu::MaxRepeats, QStringLiteral("a count"),
         [&](qint64 v) { config.promptRepeats = int(v); }},
        {ReconcileSeconds, 0, 86400, QStringLiteral("a number of seconds"),
         [&](qint64 v) { config.reconcileSeconds = int(v); }},
        {Attempts, 1, EscalationList::MaxAttempts, QStringLiteral("a count"),
         [&](qint64 v) { config.attempts = int(v); }},
        {RetryAfter, EscalationList::MinRetryAfterSeconds, EscalationList::MaxRetryAfterSeconds,
         QStringLiteral("a number of seconds"),
         [&](qint64 v) { config.retryAfterSeconds = int(v); }},
        {RatePerNumber, 0, 1000, QStringLiteral("a number of calls an hour (0: no limit)"),
         [&](qint64 v) { config.ratePerNumber = int(v); }},
        {MaxEventStreams, 1, 1000, QStringLiteral("a whole number"),
         [&](qint64 v) { config.maxEventStreams = int(v); }},
        {EventStreamKeepAlive, 1, 3600, QStringLiteral("a number of seconds"),
         [&](qint64 v) { config.eventStreamKeepAliveSeconds = int(v); }},
        {OutcomeRetryBase, 10, 3600 * 1000, QStringLiteral("a number of milliseconds"),
         [&](qint64 v) { config.outcomeRetryBaseMs = int(v); }},
    };
    for (const auto &number : numbers) {
        const QString value = lookup(number.variable);
        if (value.isEmpty())
            continue;
        qint64 parsed = 0;
        if (auto error =
                parseRange(number.variable, value, number.min, number.max, number.what, parsed))
            return *error;
        number.set(parsed);
    }
    return config;
}

} // namespace flux::ConfigLoader
