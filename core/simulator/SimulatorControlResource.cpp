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
const QString VoicemailPath = QStringLiteral("/sim/calls/{sid}/voicemail");
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
    return {
        {HttpMethod::Get, CallsPath, Route::Access::Public, QStringLiteral("get_sim_calls"),
         QStringLiteral("Simulated calls: status, what was said, keys pressed"),
         std::bind(&SimulatorControlResource::list, this, _1, _2)},
        {HttpMethod::Post, DigitsPath, Route::Access::Public,
         QStringLiteral("post_sim_calls_sid_digits"),
         QStringLiteral("Press keys on a simulated call's phone"),
         std::bind(&SimulatorControlResource::pressDigits, this, _1, _2)},
        {HttpMethod::Post, AnswerPath, Route::Access::Public,
         QStringLiteral("post_sim_calls_sid_answer"),
         QStringLiteral("Answer a ringing simulated call at its phone"),
         std::bind(&SimulatorControlResource::answer, this, _1, _2)},
        {HttpMethod::Post, DeclinePath, Route::Access::Public,
         QStringLiteral("post_sim_calls_sid_decline"),
         QStringLiteral("Decline a ringing simulated call at its phone (it ends busy)"),
         std::bind(&SimulatorControlResource::decline, this, _1, _2)},
        {HttpMethod::Post, HangUpPath, Route::Access::Public,
         QStringLiteral("post_sim_calls_sid_hangup"),
         QStringLiteral("Hang up an answered simulated call at its phone"),
         std::bind(&SimulatorControlResource::hangUp, this, _1, _2)},
        {HttpMethod::Post, VoicemailPath, Route::Access::Public,
         QStringLiteral("post_sim_calls_sid_voicemail"),
         QStringLiteral("Let a ringing simulated call go to voicemail, which answers and records"),
         std::bind(&SimulatorControlResource::voicemail, this, _1, _2)},
        {HttpMethod::Get, FaultsPath, Route::Access::Public, QStringLiteral("get_sim_faults"),
         QStringLiteral("The faults in force and what they did"),
         std::bind(&SimulatorControlResource::showFaults, this, _1, _2)},
        {HttpMethod::Post, FaultsPath, Route::Access::Public, QStringLiteral("post_sim_faults"),
         QStringLiteral("Inject faults into creates and status callbacks"),
         std::bind(&SimulatorControlResource::setFaults, this, _1, _2)},
        {HttpMethod::Delete, FaultsPath, Route::Access::Public, QStringLiteral("delete_sim_faults"),
         QStringLiteral("Stop injecting faults"),
         std::bind(&SimulatorControlResource::clearFaults, this, _1, _2)},
    };
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

void SimulatorControlResource::voicemail(const HttpRequest &request, const Responder &responder)
{
    pressButton(request, responder, &SimulatedCall::voicemailAnswers,
                QStringLiteral("send to voicemail"));
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
