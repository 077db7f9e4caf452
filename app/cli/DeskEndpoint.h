// DeskEndpoint: where a running desk's API answers and the bearer token it takes, found the way
// the desk finds its own: a flag, else the environment (and ./.env), else the defaults and the
// token file the desk wrote into its data folder.
#pragma once

#include "base/Result.h"
#include "config/ConfigSources.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace flux {

struct DeskEndpoint
{
    QUrl baseUrl;     // http(s)://host:port, perhaps with a path prefix; no trailing slash
    QByteArray token; // secret: never printed or logged

    // `urlFlag` and `tokenFlag` are --url and --token (empty when not given). The URL is the
    // flag, else FLUX_URL, else http:// and FLUX_LISTEN (a wildcard address reached on
    // loopback); the token the flag, else FLUX_API_TOKEN, else <FLUX_DATA_DIR>/api-token. The
    // desk's settings are read only when needed; the error names what is missing or wrong,
    // never the token.
    static Result<DeskEndpoint, QString> resolve(const QString &urlFlag, const QString &tokenFlag,
                                                 const ConfigSources &sources);
};

} // namespace flux
