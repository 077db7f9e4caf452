// WebhooksResource: what Twilio calls: the TwiML to play, the keypress, and status callbacks.
#pragma once

#include "http/Route.h"

namespace flux {

class CallService;

class WebhooksResource
{
public:
    explicit WebhooksResource(CallService *calls) : m_calls(calls) {}
    // Every route here is Route::Access::TwilioWebhook: the server checks the signature first.
    QList<Route> routes() const;

private:
    void twiml(const HttpRequest &request, const Responder &responder) const;
    void gather(const HttpRequest &request, const Responder &responder) const;
    void status(const HttpRequest &request, const Responder &responder) const;

    CallService *m_calls;
};

} // namespace flux
