// WebhooksResource: what Twilio calls: the TwiML to play, the keypress, and status callbacks.
#pragma once

#include "api/Route.h"
#include "twilio/CalleeMenu.h"
#include "twilio/VoicePrompts.h"

namespace flux {

class CallService;

class WebhooksResource
{
public:
    // `speech`: FLUX_LANGUAGE and FLUX_VOICE, how the callee is spoken to; `promptRepeats`:
    // FLUX_PROMPT_REPEATS, the readings silence and other keys allow (CalleeMenu).
    WebhooksResource(CallService *calls, VoicePrompts::Speech speech,
                     int promptRepeats = CalleeMenu::DefaultRepeats)
        : m_calls(calls), m_speech(std::move(speech)), m_menu(promptRepeats)
    {}
    WebhooksResource(CallService *calls, QString language)
        : WebhooksResource(calls, VoicePrompts::Speech{std::move(language), {}})
    {}
    // Every route here is Route::Access::TwilioWebhook: the server checks the signature first.
    QList<Route> routes() const;

private:
    void twiml(const HttpRequest &request, const Responder &responder) const;
    void gather(const HttpRequest &request, const Responder &responder) const;
    void status(const HttpRequest &request, const Responder &responder) const;
    // For a notification's call: what the callee hears instead of the task when someone else
    // acknowledged it first (who and when) or it was canceled; empty otherwise.
    QByteArray closedNotice(const QString &requestId, const QString &callSid,
                            const VoicePrompts::Speech &speech) const;

    CallService *m_calls;
    VoicePrompts::Speech m_speech;
    CalleeMenu m_menu;
};

} // namespace flux
