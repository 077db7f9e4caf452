// DeskApiClient: the command line's requests to a running desk's API, with its bearer token,
// each one waited for: the commands are sequential, so a blocking call reads best there.
#pragma once

#include "cli/ApiReply.h"
#include "cli/DeskEndpoint.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QUrlQuery>

namespace flux {

class DeskApiClient
{
public:
    // Placing a call waits for Twilio's answer (FLUX_TWILIO_TIMEOUT_MS and its retries) first.
    static constexpr int PlaceTimeoutMs = 60000;
    static constexpr int ReadTimeoutMs = 10000;

    explicit DeskApiClient(DeskEndpoint endpoint);

    [[nodiscard]] ApiReply get(const QString &path, const QUrlQuery &query = {},
                               int timeoutMs = ReadTimeoutMs);
    [[nodiscard]] ApiReply postJson(const QString &path, const QJsonObject &body,
                                    int timeoutMs = PlaceTimeoutMs);
    // The URL a path is requested at, for messages.
    QUrl urlOf(const QString &path, const QUrlQuery &query = {}) const;

private:
    ApiReply send(const QByteArray &method, const QString &path, const QUrlQuery &query,
                  const QByteArray &body, int timeoutMs);

    DeskEndpoint m_endpoint;
    QNetworkAccessManager m_network;
};

} // namespace flux
