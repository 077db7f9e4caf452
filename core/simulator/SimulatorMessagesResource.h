// SimulatorMessagesResource: the simulator's Twilio Messages REST resource (create), with
// Twilio's authentication and error codes, its signed status callbacks (sent, then delivered;
// undelivered for ScriptedNumbers::Fails), and GET /sim/messages, the texts each virtual phone
// received.
#pragma once

#include "api/Route.h"

#include <QList>

namespace flux {

class TwilioSimulator;
class WebhookSender;
struct SimulatedMessage;

class SimulatorMessagesResource
{
public:
    // `callbacks` signs and sends the status callbacks; the simulator owns it.
    SimulatorMessagesResource(TwilioSimulator &simulator, WebhookSender *callbacks);

    QList<Route> routes();

private:
    void create(const HttpRequest &request, const Responder &responder);
    void list(const HttpRequest &request, const Responder &responder);
    // Moves the text on to `status` and tells its StatusCallback, if it has one.
    void progress(const QString &sid, const QString &status, const QString &errorCode = {});

    TwilioSimulator &m_simulator;
    WebhookSender *m_callbacks;
};

} // namespace flux
