// SimulatorControlResource: the simulator's own loopback API for whoever plays the callee: the
// calls as the phone experiences them, the phone's keypad, and the faults to inject.
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
    void showFaults(const HttpRequest &request, const Responder &responder);
    void setFaults(const HttpRequest &request, const Responder &responder);
    void clearFaults(const HttpRequest &request, const Responder &responder);

    TwilioSimulator &m_simulator;
};

} // namespace flux
