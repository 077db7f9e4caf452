// SimulatorControlResource: the simulator's own loopback API for whoever plays the callee: the
// calls as the phone experiences them, the phone's keypad and its answer, decline, hang-up and
// voicemail buttons, and the faults to inject.
#pragma once

#include "api/Route.h"

#include <QList>

namespace flux {

class SimulatedCall;
class TwilioSimulator;

class SimulatorControlResource
{
public:
    explicit SimulatorControlResource(TwilioSimulator &simulator);

    QList<Route> routes();

private:
    void list(const HttpRequest &request, const Responder &responder);
    void pressDigits(const HttpRequest &request, const Responder &responder);
    void answer(const HttpRequest &request, const Responder &responder);
    void decline(const HttpRequest &request, const Responder &responder);
    void hangUp(const HttpRequest &request, const Responder &responder);
    void voicemail(const HttpRequest &request, const Responder &responder);
    // 200 with the call when `press` (one of the phone's buttons) took, 404 for an unknown
    // call, 409 naming why the button does nothing now.
    void pressButton(const HttpRequest &request, const Responder &responder,
                     bool (SimulatedCall::*press)(), const QString &action);
    void showFaults(const HttpRequest &request, const Responder &responder);
    void setFaults(const HttpRequest &request, const Responder &responder);
    void clearFaults(const HttpRequest &request, const Responder &responder);

    TwilioSimulator &m_simulator;
};

} // namespace flux
