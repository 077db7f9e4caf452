#include "simulator/SimulatorControlResource.h"

#include "simulator/TwilioSimulator.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace flux {

namespace {
const QString CallsPath = QStringLiteral("/sim/calls");
const QString DigitsPath = QStringLiteral("/sim/calls/{sid}/digits");
const QString AnswerPath = QStringLiteral("/sim/calls/{sid}/answer");
const QString DeclinePath = QStringLiteral("/sim/calls/{sid}/decline");
const QString HangUpPath = QStringLiteral("/sim/calls/{sid}/hangup");
const QString FaultsPath = QStringLiteral("/sim/faults");

// {"digits": "1"} or Digits=1; null when the body carries neither.
std::optional<QString> digitsIn(const HttpRequest &request)
{
    if (request.isForm()) {
        for (const QString &name : {QStringLiteral("Digits"), QStringLiteral("digits")}) {
            if (FormEncoding::contains(request.form, name))
                return FormEncoding::value(request.form, name);
        }
        return std::nullopt;
    }
    const QJsonValue digits =
        QJsonDocument::fromJson(request.body).object().value(QStringLiteral("digits"));
    if (!digits.isString())
        return std::nullopt;
    return digits.toString();
}
} // namespace

SimulatorControlResource::SimulatorControlResource(TwilioSimulator &simulator)
    : m_simulator(simulator)
{}

QList<Route> SimulatorControlResource::routes()
{
    using namespace std::placeholders;
    QList<Route> routes{
        {HttpMethod::Get, CallsPath, Route::Access::Public,
         QStringLiteral("Simulated calls: status, what was said, keys pressed"),
         std::bind(&SimulatorControlResource::list, this, _1, _2)},
        {HttpMethod::Post, DigitsPath, Route::Access::Public,
         QStringLiteral("Press keys on a simulated call's phone"),
         std::bind(&SimulatorControlResource::pressDigits, this, _1, _2)},
        {HttpMethod::Post, AnswerPath, Route::Access::Public,
         QStringLiteral("Answer a ringing simulated call at its phone"),
         std::bind(&SimulatorControlResource::answer, this, _1, _2)},
        {HttpMethod::Post, DeclinePath, Route::Access::Public,
         QStringLiteral("Decline a ringing simulated call at its phone (it ends busy)"),
         std::bind(&SimulatorControlResource::decline, this, _1, _2)},
        {HttpMethod::Post, HangUpPath, Route::Access::Public,
         QStringLiteral("Hang up an answered simulated call at its phone"),
         std::bind(&SimulatorControlResource::hangUp, this, _1, _2)},
        {HttpMethod::Get, FaultsPath, Route::Access::Public,
         QStringLiteral("The faults in force and what they did"),
         std::bind(&SimulatorControlResource::showFaults, this, _1, _2)},
        {HttpMethod::Post, FaultsPath, Route::Access::Public,
         QStringLiteral("Inject faults into creates and status callbacks"),
         std::bind(&SimulatorControlResource::setFaults, this, _1, _2)},
        {HttpMethod::Delete, FaultsPath, Route::Access::Public,
         QStringLiteral("Stop injecting faults"),
         std::bind(&SimulatorControlResource::clearFaults, this, _1, _2)},
    };
    describe(routes);
    return routes;
}

void SimulatorControlResource::describe(QList<Route> &routes)
{
    const RouteParam sid{QStringLiteral("sid"), QStringLiteral("path"),
                         QStringLiteral("The call's sid, as GET /sim/calls lists it")};
    RouteResponse state;
    state.description = QStringLiteral("The simulated call after the action");
    state.schema.schema = QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}};
    RouteResponse faults;
    faults.description = QStringLiteral("The faults in force and what they did");
    faults.schema.schema = QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}};
    for (Route &route : routes) {
        route.doc.tag = QStringLiteral("Simulator control");
        if (route.pattern.contains(QLatin1String("{sid}"))) {
            route.doc.params = {sid};
            route.doc.responses = {
                state,
                RouteResponse::detail(404, QStringLiteral("No simulated call with this sid")),
                RouteResponse::detail(409, QStringLiteral("The call is not in a state for this"))};
        } else if (route.pattern == FaultsPath) {
            route.doc.responses = {faults};
        } else {
            RouteResponse calls;
            calls.description = QStringLiteral(
                "Every simulated call still kept (all live ones and the most recently ended, "
                "10,000 by default), oldest first");
            calls.schema.schema = QJsonObject{{QStringLiteral("type"), QStringLiteral("array")}};
            route.doc.responses = {calls};
        }
        if (route.pattern == DigitsPath) {
            RouteBody json;
            json.example = QJsonObject{{QStringLiteral("digits"), QStringLiteral("1")}};
            json.schema.schema = QJsonObject{
                {QStringLiteral("type"), QStringLiteral("object")},
                {QStringLiteral("properties"),
                 QJsonObject{{QStringLiteral("digits"),
                              QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}}}};
            RouteBody form = json;
            form.contentType = "application/x-www-form-urlencoded";
            form.example = QJsonObject{{QStringLiteral("Digits"), QStringLiteral("1")}};
            route.doc.requestBodies = {json, form};
            route.doc.responses.append(
                RouteResponse::detail(422, QStringLiteral("digits has a key a keypad lacks")));
        }
        if (route.pattern == FaultsPath && route.method == HttpMethod::Post) {
            RouteBody plan;
            plan.schema.schema = QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}};
            plan.example = QJsonObject{
                {QStringLiteral("creates"),
                 QJsonObject{{QStringLiteral("count"), 2}, {QStringLiteral("status"), 503}}}};
            route.doc.description =
                QStringLiteral("See the README's simulator section for the fault plan's fields.");
            route.doc.requestBodies = {plan};
            route.doc.responses.append(
                RouteResponse::detail(422, QStringLiteral("The body is not a valid fault plan")));
        }
    }
}

void SimulatorControlResource::list(const HttpRequest &, const Responder &responder)
{
    responder.send(HttpResponse::json(HttpStatus::Ok, m_simulator.callsJson()));
}

void SimulatorControlResource::pressDigits(const HttpRequest &request, const Responder &responder)
{
    const QString sid = request.pathParams.value(QStringLiteral("sid"));
    const SimulatedCallRecord *record = m_simulator.record(sid);
    if (!record) {
        responder.send(HttpResponse::detail(HttpStatus::NotFound,
                                            QStringLiteral("No simulated call %1").arg(sid)));
        return;
    }
    SimulatedCall *live = m_simulator.liveCall(sid);
    const QString digits = digitsIn(request).value_or(QString());
    const VoiceSession::PressResult pressed = live ? live->press(digits)
                                              : VoiceSession::areKeys(digits)
                                                  ? VoiceSession::PressResult::NotListening
                                                  : VoiceSession::PressResult::InvalidDigits;
    switch (pressed) {
    case VoiceSession::PressResult::Accepted:
        responder.send(
            HttpResponse::json(HttpStatus::Ok, record->controlJson(live->isListening())));
        return;
    case VoiceSession::PressResult::InvalidDigits:
        responder.send(
            HttpResponse::detail(HttpStatus::UnprocessableEntity,
                                 QStringLiteral("digits must be one or more of 0-9, * and #")));
        return;
    case VoiceSession::PressResult::NotListening:
        responder.send(HttpResponse::detail(
            HttpStatus::Conflict,
            QStringLiteral("No <Gather> is listening for keys on %1").arg(sid)));
        return;
    }
}

void SimulatorControlResource::answer(const HttpRequest &request, const Responder &responder)
{
    pressButton(request, responder, &SimulatedCall::personAnswers, QStringLiteral("answer"));
}

void SimulatorControlResource::decline(const HttpRequest &request, const Responder &responder)
{
    pressButton(request, responder, &SimulatedCall::personDeclines, QStringLiteral("decline"));
}

void SimulatorControlResource::hangUp(const HttpRequest &request, const Responder &responder)
{
    pressButton(request, responder, &SimulatedCall::personHangsUp, QStringLiteral("hang up"));
}

void SimulatorControlResource::pressButton(const HttpRequest &request, const Responder &responder,
                                           bool (SimulatedCall::*press)(), const QString &action)
{
    const QString sid = request.pathParams.value(QStringLiteral("sid"));
    const SimulatedCallRecord *record = m_simulator.record(sid);
    if (!record) {
        responder.send(HttpResponse::detail(HttpStatus::NotFound,
                                            QStringLiteral("No simulated call %1").arg(sid)));
        return;
    }
    // An ended call is no longer live: no button does anything to it.
    if (SimulatedCall *live = m_simulator.liveCall(sid); live && (live->*press)()) {
        responder.send(
            HttpResponse::json(HttpStatus::Ok, record->controlJson(live->isListening())));
        return;
    }
    const bool ringingButton = press != &SimulatedCall::personHangsUp;
    const QString why =
        ringingButton && record->scripted
            ? QStringLiteral("%1 rings the scripted number %2, whose phone answers by itself")
                  .arg(sid, record->to)
            : QStringLiteral("%1 is %2, not %3")
                  .arg(sid, record->status,
                       ringingButton ? QStringLiteral("ringing") : QStringLiteral("in progress"));
    responder.send(HttpResponse::detail(HttpStatus::Conflict,
                                        QStringLiteral("Cannot %1: %2").arg(action, why)));
}

void SimulatorControlResource::showFaults(const HttpRequest &, const Responder &responder)
{
    responder.send(HttpResponse::json(HttpStatus::Ok, m_simulator.faults().toJson()));
}

void SimulatorControlResource::setFaults(const HttpRequest &request, const Responder &responder)
{
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !json.isObject()) {
        responder.send(HttpResponse::detail(HttpStatus::UnprocessableEntity,
                                            QStringLiteral("the body must be a JSON object")));
        return;
    }
    const auto applied = m_simulator.faults().apply(json.object());
    if (!applied) {
        responder.send(HttpResponse::detail(HttpStatus::UnprocessableEntity, applied.error()));
        return;
    }
    responder.send(HttpResponse::json(HttpStatus::Ok, m_simulator.faults().toJson()));
}

void SimulatorControlResource::clearFaults(const HttpRequest &, const Responder &responder)
{
    m_simulator.faults().clear();
    responder.send(HttpResponse::json(HttpStatus::Ok, m_simulator.faults().toJson()));
}

} // namespace flux
