#include "CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace flux {

CommandLine CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Flux Call Desk: phone a person about a critical task and know they heard it.\n"
        "With no Twilio credentials it runs against its built-in Twilio simulator.\n\n"
        "Settings come from these flags, then the environment, then a .env file in the\n"
        "working directory. The auth token is read from TWILIO_AUTH_TOKEN only and the API\n"
        "token from FLUX_API_TOKEN only (never flags, so they stay out of process listings).\n\n"
        "flux-calldesk call, status and calls talk to a desk already running (see\n"
        "flux-calldesk call --help)."));
    parser.addHelpOption();
    parser.addVersionOption();

    struct Flag
    {
        QString name;
        QString variable;
        QString description;
        QString valueName;
    };
    const QList<Flag> flags = {
        {QStringLiteral("mode"), QStringLiteral("FLUX_MODE"),
         QStringLiteral("auto (live with credentials, else simulator), live or simulator."),
         QStringLiteral("mode")},
        {QStringLiteral("listen"), QStringLiteral("FLUX_LISTEN"),
         QStringLiteral("Address and port of the API (and webhook) server (127.0.0.1:8000)."),
         QStringLiteral("host:port")},
        {QStringLiteral("webhook-listen"), QStringLiteral("FLUX_WEBHOOK_LISTEN"),
         QStringLiteral("Serve Twilio's webhooks only on this address, the API only on --listen."),
         QStringLiteral("host:port")},
        {QStringLiteral("public-base-url"), QStringLiteral("PUBLIC_BASE_URL"),
         QStringLiteral("The URL Twilio reaches the webhooks at (default: their listen URL)."),
         QStringLiteral("url")},
        {QStringLiteral("account-sid"), QStringLiteral("TWILIO_ACCOUNT_SID"),
         QStringLiteral("Twilio account sid (AC...)."), QStringLiteral("sid")},
        {QStringLiteral("phone-number"), QStringLiteral("TWILIO_PHONE_NUMBER"),
         QStringLiteral("Your Twilio number calls come from, E.164."), QStringLiteral("number")},
        {QStringLiteral("api-base"), QStringLiteral("TWILIO_API_BASE"),
         QStringLiteral("Twilio REST API base URL (https://api.twilio.com)."),
         QStringLiteral("url")},
        {QStringLiteral("data-dir"), QStringLiteral("FLUX_DATA_DIR"),
         QStringLiteral("Folder for the call history."), QStringLiteral("dir")},
        {QStringLiteral("sim-listen"), QStringLiteral("FLUX_SIM_LISTEN"),
         QStringLiteral("Address and port of the Twilio simulator (127.0.0.1:0 = any free port)."),
         QStringLiteral("host:port")},
        {QStringLiteral("sim-speed"), QStringLiteral("FLUX_SIM_SPEED"),
         QStringLiteral("Simulated time runs this many times faster (1)."),
         QStringLiteral("factor")},
        {QStringLiteral("language"), QStringLiteral("FLUX_LANGUAGE"),
         QStringLiteral("en or de: the window's language and the callee's (default: the "
                        "system's language when there is a translation, else en)."),
         QStringLiteral("code")},
    };
    for (const Flag &flag : flags) {
        parser.addOption(QCommandLineOption(
            flag.name, flag.description + QStringLiteral(" [%1]").arg(flag.variable),
            flag.valueName));
    }
    const QCommandLineOption headless(QStringLiteral("headless"),
                                      QStringLiteral("Run without a window; log to stderr."));
    const QCommandLineOption skipSignature(
        QStringLiteral("insecure-skip-webhook-signature"),
        QStringLiteral("Accept webhooks without a valid X-Twilio-Signature: anyone who reaches "
                       "them can then acknowledge tasks. [FLUX_SKIP_WEBHOOK_SIGNATURE=1]"));
    const QCommandLineOption envFile(QStringLiteral("env-file"),
                                     QStringLiteral("The .env file to read (./.env)."),
                                     QStringLiteral("path"), QStringLiteral(".env"));
    parser.addOption(headless);
    parser.addOption(skipSignature);
    parser.addOption(envFile);
    const QCommandLineOption logLevel(
        QStringLiteral("log-level"),
        QStringLiteral("Show flux.* messages from this level up: debug, info (default), warning "
                       "or error. QT_LOGGING_RULES still overrides single categories. "
                       "[FLUX_LOG_LEVEL]"),
        QStringLiteral("level"));
    const QCommandLineOption logFormat(
        QStringLiteral("log-format"),
        QStringLiteral("text (default) or json: one JSON object per line on stderr with ts, "
                       "level, category, msg and pid. [FLUX_LOG_FORMAT]"),
        QStringLiteral("format"));
    parser.addOption(logLevel);
    parser.addOption(logFormat);
    parser.process(arguments);

    CommandLine result;
    for (const Flag &flag : flags) {
        if (parser.isSet(flag.name))
            result.overrides.insert(flag.variable, parser.value(flag.name));
    }
    if (parser.isSet(skipSignature))
        result.overrides.insert(QStringLiteral("FLUX_SKIP_WEBHOOK_SIGNATURE"), QStringLiteral("1"));
    result.headless = parser.isSet(headless);
    result.envFile = parser.value(envFile);
    result.logLevel = parser.value(logLevel);
    result.logFormat = parser.value(logFormat);
    return result;
}

} // namespace flux
