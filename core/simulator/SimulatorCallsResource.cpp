#include "simulator/SimulatorCallsResource.h"

#include "base/ConstantTime.h"

#include "base/LogCategories.h"
#include "calls/CallStatus.h"
#include "calls/PhoneNumber.h"
#include "simulator/CallListQuery.h"
#include "simulator/MachineDetection.h"
#include "simulator/SimulatedTime.h"
#include "simulator/TwilioSimulator.h"

#include <QJsonObject>

namespace flux {

namespace {
const QString CallsPath = QStringLiteral("/2010-04-01/Accounts/{AccountSid}/Calls.json");
// ApiServer matches whole segments, so the sid and its ".json" arrive as one parameter.
const QString CallPath = QStringLiteral("/2010-04-01/Accounts/{AccountSid}/Calls/{CallSidJson}");
const QString JsonSuffix = QStringLiteral(".json");
constexpr int MaxRingTimeoutSeconds = 600;

QStringList values(const FormParams &form, const QString &name)
{
    QStringList found;
    for (const auto &[key, value] : form) {
        if (key == name)
            found.append(value);
    }
    return found;
}
} // namespace

SimulatorCallsResource::SimulatorCallsResource(TwilioSimulator &simulator) : m_simulator(simulator)
{}

QList<Route> SimulatorCallsResource::routes()
{
    using namespace std::placeholders;
    return {
        {HttpMethod::Post, CallsPath, Route::Access::Public,
         QStringLiteral("post_2010_04_01_Accounts_AccountSid_Calls_json"),
         QStringLiteral("Create a call"), std::bind(&SimulatorCallsResource::create, this, _1, _2)},
        {HttpMethod::Get, CallsPath, Route::Access::Public,
         QStringLiteral("get_2010_04_01_Accounts_AccountSid_Calls_json"),
         QStringLiteral("List calls, newest first"),
         std::bind(&SimulatorCallsResource::list, this, _1, _2)},
        {HttpMethod::Get, CallPath, Route::Access::Public,
         QStringLiteral("get_2010_04_01_Accounts_AccountSid_Calls_CallSidJson"),
         QStringLiteral("Fetch a call"), std::bind(&SimulatorCallsResource::fetch, this, _1, _2)},
        {HttpMethod::Post, CallPath, Route::Access::Public,
         QStringLiteral("post_2010_04_01_Accounts_AccountSid_Calls_CallSidJson"),
         QStringLiteral("Update a call (end it)"),
         std::bind(&SimulatorCallsResource::update, this, _1, _2)},
    };
}

HttpResponse SimulatorCallsResource::twilioError(HttpStatus httpStatus, int code,
                                                 const QString &message)
{
    return HttpResponse::json(
        httpStatus, QJsonObject{{QStringLiteral("code"), code},
                                {QStringLiteral("message"), message},
                                {QStringLiteral("more_info"),
                                 QStringLiteral("https://www.twilio.com/docs/errors/%1").arg(code)},
                                {QStringLiteral("status"), int(httpStatus)}});
}

std::optional<HttpResponse> SimulatorCallsResource::refuse(const HttpRequest &request) const
{
    return refuse(m_simulator, request);
}

std::optional<HttpResponse> SimulatorCallsResource::refuse(const TwilioSimulator &simulator,
                                                           const HttpRequest &request)
{
    const TwilioSimulator &m_simulator = simulator;
    const QByteArray authorization = request.header("Authorization");
    const QByteArray expected = m_simulator.accountSid().toLatin1() + ':' + m_simulator.authToken();
    const bool credentialsMatch =
        authorization.startsWith("Basic ") &&
        ConstantTime::equals(QByteArray::fromBase64(authorization.mid(6).trimmed()), expected);
    if (credentialsMatch &&
        request.pathParams.value(QStringLiteral("AccountSid")) == m_simulator.accountSid())
        return std::nullopt;
    qCInfo(lcSim).noquote() << "refused" << request.method << request.path
                            << ": wrong credentials or account";
    HttpResponse response =
        twilioError(HttpStatus::Unauthorized, 20003, QStringLiteral("Authenticate"));
    response.headers.append(
        {QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral(R"(Basic realm="Twilio API")")});
    return response;
}

const SimulatedCallRecord *SimulatorCallsResource::callAt(const HttpRequest &request, QString &sid,
                                                          HttpResponse &notFound) const
{
    const QString sidJson = request.pathParams.value(QStringLiteral("CallSidJson"));
    sid = sidJson.endsWith(JsonSuffix) ? sidJson.chopped(JsonSuffix.size()) : QString();
    const SimulatedCallRecord *found = sid.isEmpty() ? nullptr : m_simulator.record(sid);
    if (!found)
        notFound = twilioError(
            HttpStatus::NotFound, 20404,
            QStringLiteral("The requested resource %1 was not found").arg(request.path));
    return found;
}

HttpResponse SimulatorCallsResource::resource(HttpStatus httpStatus,
                                              const SimulatedCallRecord &call) const
{
    HttpResponse response;
    response.status = httpStatus;
    response.body = call.resourceBytes(m_simulator.accountSid(), m_simulator.phoneNumberSid());
    return response;
}

void SimulatorCallsResource::create(const HttpRequest &request, const Responder &responder)
{
    if (const auto refused = refuse(request)) {
        responder.send(*refused);
        return;
    }
    const FormParams &form = request.form;
    SimulatedCallOrder order;
    order.to = FormEncoding::value(form, QStringLiteral("To"));
    order.from = FormEncoding::value(form, QStringLiteral("From"));
    order.url = FormEncoding::value(form, QStringLiteral("Url"));
    order.twiml = FormEncoding::value(form, QStringLiteral("Twiml")).toUtf8();
    if (order.to.isEmpty()) {
        responder.send(twilioError(HttpStatus::BadRequest, 21201,
                                   QStringLiteral("No 'To' number is specified")));
        return;
    }
    if (!PhoneNumber::isE164(order.to)) {
        responder.send(twilioError(
            HttpStatus::BadRequest, 21211,
            QStringLiteral("The 'To' number %1 is not a valid phone number.").arg(order.to)));
        return;
    }
    if (order.from.isEmpty()) {
        responder.send(twilioError(HttpStatus::BadRequest, 21213,
                                   QStringLiteral("No 'From' number is specified")));
        return;
    }
    if (order.from != m_simulator.phoneNumber()) {
        responder.send(twilioError(
            HttpStatus::BadRequest, 21210,
            QStringLiteral("The source phone number provided, %1, is not yet verified for your "
                           "account. You may only make calls from phone numbers that you've "
                           "verified or purchased from Twilio.")
                .arg(order.from)));
        return;
    }
    order.from = m_simulator.phoneNumber(); // the same, shared rather than one copy per call
    if (order.url.isEmpty() && order.twiml.isEmpty()) {
        responder.send(twilioError(HttpStatus::BadRequest, 21205,
                                   QStringLiteral("Url parameter is required.")));
        return;
    }
    if (!order.url.isEmpty())
        order.twiml.clear(); // Twilio ignores Twiml when a Url is given
    if (FormEncoding::value(form, QStringLiteral("Method")).toUpper() == QLatin1String("GET"))
        order.method = QStringLiteral("GET");
    order.statusCallback = FormEncoding::value(form, QStringLiteral("StatusCallback"));
    if (FormEncoding::value(form, QStringLiteral("StatusCallbackMethod")).toUpper() ==
        QLatin1String("GET"))
        order.statusCallbackMethod = QStringLiteral("GET");
    for (const QString &event : values(form, QStringLiteral("StatusCallbackEvent")))
        order.statusCallbackEvents.append(event.split(QLatin1Char(' '), Qt::SkipEmptyParts));
    bool timeoutOk = false;
    const int timeout = FormEncoding::value(form, QStringLiteral("Timeout")).toInt(&timeoutOk);
    order.timeoutSeconds = timeoutOk && timeout > 0 ? std::min(timeout, MaxRingTimeoutSeconds)
                                                    : SimulatedTime::DefaultRingTimeoutSeconds;
    // The other detection parameters (speech thresholds, silence timeout, AsyncAmd) tune what
    // the simulator does not model: accepted and ignored.
    const QString detection = FormEncoding::value(form, QStringLiteral("MachineDetection"));
    const auto mode = MachineDetection::parseMode(detection);
    if (!mode) {
        responder.send(twilioError(
            HttpStatus::BadRequest, 20001,
            QStringLiteral("MachineDetection must be either 'Enable' or 'DetectMessageEnd', not "
                           "'%1'.")
                .arg(detection)));
        return;
    }
    order.machineDetection = *mode;
    order.machineDetectionTimeoutSeconds = MachineDetection::parseTimeout(
        FormEncoding::value(form, QStringLiteral("MachineDetectionTimeout")));

    if (const auto fault = m_simulator.faults().nextCreate()) {
        answerWithFault(*fault, order, responder);
        return;
    }
    const SimulatedCall *created = m_simulator.placeCall(order);
    responder.send(resource(HttpStatus::Created, created->record()));
}

void SimulatorCallsResource::answerWithFault(const FaultPlan::CreateFault &fault,
                                             const SimulatedCallOrder &order,
                                             const Responder &responder)
{
    QString placed;
    if (fault.placeCall)
        placed = m_simulator.placeCall(order)->sid();
    qCInfo(lcSim).noquote() << "create to" << order.to << "faulted:"
                            << (fault.hang ? QStringLiteral("no answer")
                                           : QStringLiteral("HTTP %1").arg(fault.status))
                            << (placed.isEmpty() ? QStringLiteral("no call placed")
                                                 : QStringLiteral("call %1 placed").arg(placed));
    if (fault.hang) {
        m_simulator.holdUnanswered(responder);
        return;
    }
    const int code = fault.code > 0 ? fault.code : 20000 + fault.status;
    // Any status the plan names, 400 to 599, named in HttpStatus or not.
    HttpResponse response = twilioError(
        HttpStatus(fault.status), code,
        QStringLiteral("Simulated fault: HTTP %1 (told to by POST /sim/faults)").arg(fault.status));
    if (fault.retryAfterSeconds >= 0)
        response.headers.append(
            {QByteArrayLiteral("Retry-After"), QByteArray::number(fault.retryAfterSeconds)});
    responder.send(response);
}

void SimulatorCallsResource::list(const HttpRequest &request, const Responder &responder)
{
    if (const auto refused = refuse(request)) {
        responder.send(*refused);
        return;
    }
    const auto query = CallListQuery::parse(request.queryForm);
    if (!query) {
        responder.send(twilioError(HttpStatus::BadRequest, 20001, query.error()));
        return;
    }
    HttpResponse response;
    response.status = HttpStatus::Ok;
    response.body = query.value().pageBytes(m_simulator.records(), m_simulator.accountSid(),
                                            m_simulator.phoneNumberSid());
    responder.send(response);
}

void SimulatorCallsResource::fetch(const HttpRequest &request, const Responder &responder)
{
    if (const auto refused = refuse(request)) {
        responder.send(*refused);
        return;
    }
    QString sid;
    HttpResponse notFound;
    const SimulatedCallRecord *found = callAt(request, sid, notFound);
    responder.send(found ? resource(HttpStatus::Ok, *found) : notFound);
}

void SimulatorCallsResource::update(const HttpRequest &request, const Responder &responder)
{
    if (const auto refused = refuse(request)) {
        responder.send(*refused);
        return;
    }
    QString sid;
    HttpResponse notFound;
    const SimulatedCallRecord *found = callAt(request, sid, notFound);
    if (!found) {
        responder.send(notFound);
        return;
    }
    if (FormEncoding::contains(request.form, QStringLiteral("Url")) ||
        FormEncoding::contains(request.form, QStringLiteral("Twiml"))) {
        responder.send(
            twilioError(HttpStatus::BadRequest, 20001,
                        QStringLiteral("The simulator cannot redirect a live call; "
                                       "only Status=canceled or completed is supported.")));
        return;
    }
    const QString status = FormEncoding::value(request.form, QStringLiteral("Status"));
    // An ended call is no longer live, and neither status changes it.
    SimulatedCall *live = m_simulator.liveCall(sid);
    bool changed = true;
    if (status == CallStatus::Canceled) {
        changed = live && live->cancel();
    } else if (status == CallStatus::Completed) {
        changed = live && live->complete();
    } else if (!status.isEmpty()) {
        responder.send(
            twilioError(HttpStatus::BadRequest, 20001,
                        QStringLiteral("Status must be either 'canceled' or 'completed'.")));
        return;
    }
    if (!changed) {
        responder.send(twilioError(HttpStatus::BadRequest, 21220,
                                   QStringLiteral("Call is not in-progress. Cannot redirect.")));
        return;
    }
    responder.send(resource(HttpStatus::Ok, *found));
}

} // namespace flux
