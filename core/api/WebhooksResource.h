// WebhooksResource: what Twilio calls: the TwiML to play, the keypress, and status callbacks.
#pragma once

#include "api/Route.h"

namespace flux {

class CallService;

class WebhooksResource
{
public:
    // `language`: FLUX_LANGUAGE's code, the language the callee is spoken to in.
    WebhooksResource(CallService *calls, QString language)
        : m_calls(calls), m_language(std::move(language))
    {}
    // Every route here is Route::Access::TwilioWebhook: the server checks the signature first.
    QList<Route> routes() const;

private:
    void twiml(const HttpRequest &request, const Responder &responder) const;
    void gather(const HttpRequest &request, const Responder &responder) const;
    void status(const HttpRequest &request, const Responder &responder) const;

    CallService *m_calls;
    QString m_language;
};

} // namespace flux
