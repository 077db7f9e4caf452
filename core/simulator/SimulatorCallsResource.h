// SimulatorCallsResource: the simulator's Twilio Calls REST resource (create, fetch, update),
// with Twilio's authentication, validation and error codes.
#pragma once

#include "http/Route.h"
#include "simulator/FaultPlan.h"

#include <optional>

#include <QList>

namespace flux {

class SimulatedCall;
class TwilioSimulator;
struct SimulatedCallOrder;

class SimulatorCallsResource
{
public:
    explicit SimulatorCallsResource(TwilioSimulator &simulator);

    QList<Route> routes();

    // Twilio's error body: {"code", "message", "more_info", "status"}.
    static HttpResponse twilioError(int httpStatus, int code, const QString &message);

private:
    void create(const HttpRequest &request, const Responder &responder);
    void fetch(const HttpRequest &request, const Responder &responder);
    void update(const HttpRequest &request, const Responder &responder);
    // A create the fault plan takes over: an error answer or none, with or without a call.
    void answerWithFault(const FaultPlan::CreateFault &fault, const SimulatedCallOrder &order,
                         const Responder &responder);
    // An error response when the request lacks this account's credentials.
    std::optional<HttpResponse> refuse(const HttpRequest &request) const;
    // The call a .../Calls/{CallSid}.json path names, or the 404 Twilio gives for it.
    SimulatedCall *callAt(const HttpRequest &request, HttpResponse &notFound) const;

    TwilioSimulator &m_simulator;
};

} // namespace flux
