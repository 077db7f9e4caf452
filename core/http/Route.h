// Route: one entry of a server's route table: method, path pattern, who may call it, handler.
#pragma once

#include "http/HttpRequest.h"
#include "http/Responder.h"

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

    QByteArray method; // "GET" or "POST"
    QString pattern;   // "/notifications/call/{call_sid}"
    Access access = Access::Public;
    QString summary; // one line, for logs and the API document
    Handler handler;
    bool rateLimited = false; // counts against the call-creation rate limits (429)
};

} // namespace flux
