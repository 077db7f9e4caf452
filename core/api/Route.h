// Route: one entry of a server's route table: method, path pattern, who may call it, handler,
// and what the API document says about it.
#pragma once

#include "api/RouteDoc.h"
#include "net/HttpMethod.h"
#include "net/HttpRequest.h"
#include "net/Responder.h"

#include <QByteArray>
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
    // Positional, as route tables are written; the document is filled in afterwards.
    Route(HttpMethod method, QString pattern, Access access, QString summary, Handler handler,
          bool rateLimited = false)
        : method(method), pattern(std::move(pattern)), access(access), summary(std::move(summary)),
          handler(std::move(handler)), rateLimited(rateLimited)
    {}

    HttpMethod method = HttpMethod::Get;
    QString pattern; // "/notifications/call/{call_sid}"
    Access access = Access::Public;
    QString summary; // one line, for logs and the API document
    Handler handler;
    bool rateLimited = false; // counts against the call-creation rate limits (429)
    RouteDoc doc;             // for /openapi.json and /docs
};

} // namespace flux
