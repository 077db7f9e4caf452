// SimulatorCallsResource: the simulator's Twilio Calls REST resource (create, list, fetch, update),
// with Twilio's authentication, validation and error codes.
#pragma once

#include "api/Route.h"
#include "simulator/FaultPlan.h"

#include <optional>

#include <QList>

namespace flux {

class TwilioSimulator;
struct SimulatedCallOrder;
struct SimulatedCallRecord;

class SimulatorCallsResource
{
public:
    explicit SimulatorCallsResource(TwilioSimulator &simulator);

    QList<Route> routes();

    // Twilio's error body: {"code", "message", "more_info", "status"}.
    static HttpResponse twilioError(HttpStatus httpStatus, int code, const QString &message);
    // Twilio's 401 when the request lacks the simulator account's credentials (shared with the
    // Messages resource).
    static std::optional<HttpResponse> refuse(const TwilioSimulator &simulator,
                                              const HttpRequest &request);

private:
    void create(const HttpRequest &request, const Responder &responder);
    void list(const HttpRequest &request, const Responder &responder);
    void fetch(const HttpRequest &request, const Responder &responder);
    void update(const HttpRequest &request, const Responder &responder);
    // A create the fault plan takes over: an error answer or none, with or without a call.
    void answerWithFault(const FaultPlan::CreateFault &fault, const SimulatedCallOrder &order,
                         const Responder &responder);
    // An error response when the request lacks this account's credentials.
    std::optional<HttpResponse> refuse(const HttpRequest &request) const;
    // The sid a .../Calls/{CallSid}.json path names, with the call it names (live or ended), or
    // null and the 404 Twilio gives for it.
    const SimulatedCallRecord *callAt(const HttpRequest &request, QString &sid,
                                      HttpResponse &notFound) const;
    // The Call resource as Twilio answers it.
    HttpResponse resource(HttpStatus httpStatus, const SimulatedCallRecord &call) const;

    TwilioSimulator &m_simulator;
};

} // namespace flux
