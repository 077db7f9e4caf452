#include "cli/DeskEndpoint.h"

#include "engine/ApiTokenFile.h"

#include <QHostAddress>

#include <optional>

namespace flux {

namespace {

const QString UrlVariable = QStringLiteral("FLUX_URL");
const QString TokenVariable = QStringLiteral("FLUX_API_TOKEN");

Result<QUrl, QString> parseUrl(const QString &source, const QString &text)
{
    QUrl url(text.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        url.host().isEmpty() || url.hasQuery() || url.hasFragment())
        return QStringLiteral("%1: \"%2\" is not an http(s) URL such as http://127.0.0.1:8000")
            .arg(source, text);
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path);
    return url;
}

// The desk listens there; a client reaches a wildcard address on loopback.
QUrl listenUrl(const Config &config)
{
    QHostAddress address = config.listenAddress;
    if (address == QHostAddress(QHostAddress::AnyIPv6))
        address = QHostAddress(QHostAddress::LocalHostIPv6);
    else if (address == QHostAddress(QHostAddress::Any) ||
             address == QHostAddress(QHostAddress::AnyIPv4))
        address = QHostAddress(QHostAddress::LocalHost);
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(address.toString());
    url.setPort(config.listenPort);
    return url;
}

} // namespace

Result<DeskEndpoint, QString> DeskEndpoint::resolve(const QString &urlFlag,
                                                    const QString &tokenFlag,
                                                    const ConfigSources &sources)
{
    DeskEndpoint endpoint;
    std::optional<Config> config;
    const auto loadConfig = [&]() -> QString {
        if (config)
            return {};
        const auto loaded = sources.load({});
        if (!loaded)
            return QStringLiteral("the desk's settings: %1").arg(loaded.error().describe());
        config = loaded.value();
        return {};
    };

    const QString urlFromEnvironment = sources.environment.value(UrlVariable);
    if (!urlFlag.isEmpty() || !urlFromEnvironment.isEmpty()) {
        const auto url = urlFlag.isEmpty() ? parseUrl(UrlVariable, urlFromEnvironment)
                                           : parseUrl(QStringLiteral("--url"), urlFlag);
        if (!url)
            return url.error();
        endpoint.baseUrl = url.value();
    } else {
        if (const QString error = loadConfig(); !error.isEmpty())
            return error;
        endpoint.baseUrl = listenUrl(*config);
    }

    if (!tokenFlag.isEmpty()) {
        endpoint.token = tokenFlag.trimmed().toUtf8();
        return endpoint;
    }
    // FLUX_API_TOKEN from the environment or .env, checked as the desk checks it.
    if (const QString error = loadConfig(); !error.isEmpty())
        return error;
    if (!config->apiToken.isEmpty()) {
        endpoint.token = config->apiToken;
        return endpoint;
    }
    const auto file = ApiTokenFile::load(config->dataDir);
    if (!file)
        return QStringLiteral("no API token: %1, pass --token, or start the desk once with this "
                              "data folder")
            .arg(file.error());
    endpoint.token = file.value().value;
    return endpoint;
}

} // namespace flux
