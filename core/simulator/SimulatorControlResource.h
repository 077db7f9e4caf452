// SimulatorControlResource: the simulator's own loopback API for whoever plays the callee: the
// calls as the phone experiences them, and the phone's keypad.
#pragma once

#include "http/Route.h"

#include <QList>

namespace flux {

class TwilioSimulator;

class SimulatorControlResource
{
public:
    explicit SimulatorControlResource(TwilioSimulator &simulator);

    QList<Route> routes();

private:
    void list(const HttpRequest &request, const Responder &responder);
    void pressDigits(const HttpRequest &request, const Responder &responder);

    TwilioSimulator &m_simulator;
};

} // namespace flux
