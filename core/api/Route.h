// Route: one entry of a server's route table: method, path pattern, who may call it, handler,
// and the operationId its description under resources/api is found by.
#pragma once

#include "net/HttpMethod.h"
#include "net/HttpRequest.h"
#include "net/Responder.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace flux {

struct Route
{
    enum class Access
    {
        Public,        // no credential checked by the server
        TwilioWebhook, // X-Twilio-Signature must match the public URL
        ApiToken,      // the scripted API: "Authorization: Bearer <FLUX_API_TOKEN>"
    };
    using Handler = std::function<void(const HttpRequest &, const Responder &)>;

    Route() = default;
    // Positional, as route tables are written.
    Route(HttpMethod method, QString pattern, Access access, QString operationId, QString summary,
          Handler handler, bool rateLimited = false)
        : method(method), pattern(std::move(pattern)), access(access),
          operationId(std::move(operationId)), summary(std::move(summary)),
          handler(std::move(handler)), rateLimited(rateLimited)
    {}

    HttpMethod method = HttpMethod::Get;
    QString pattern; // "/notifications/call/{call_sid}"
    Access access = Access::Public;
    // Unique in the route table; the key of the route's description in resources/api, so a
    // path can change without the description losing its route.
    QString operationId;
    QString summary; // one line, for logs and the API document
    Handler handler;
    bool rateLimited = false; // counts against the call-creation rate limits (429)
    // Values the description names as "${name}": the constants the handler itself lives by
    // (limits, the TwiML it writes), so the document cannot state others.
    QJsonObject docValues;
};

} // namespace flux
