// TextMessagesResource: the status callbacks Twilio sends for the texts (SMS) a notification
// sent (TextMessageService), signed like the calls' webhooks.
#pragma once

#include "api/Route.h"

namespace flux {

class TextMessageService;

class TextMessagesResource
{
public:
    explicit TextMessagesResource(TextMessageService *texts) : m_texts(texts) {}
    // Route::Access::TwilioWebhook: the server checks X-Twilio-Signature first.
    QList<Route> routes() const;

private:
    void status(const HttpRequest &request, const Responder &responder) const;

    TextMessageService *m_texts;
};

} // namespace flux
