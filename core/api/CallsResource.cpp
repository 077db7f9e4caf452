#include "api/CallsResource.h"

#include "api/ApiPaths.h"
#include "api/CallJson.h"
#include "api/CallRequestParser.h"
#include "base/LogCategories.h"
#include "calls/CallService.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>

namespace flux {

namespace {
constexpr int DefaultListLimit = 50;
constexpr int MaxListLimit = 1000;

HttpResponse errorResponse(const CallError &error)
{
    switch (error.kind) {
    case CallError::Kind::NotConfigured:
    case CallError::Kind::Unavailable:
        return HttpResponse::detail(HttpStatus::ServiceUnavailable, error.message);
    case CallError::Kind::UnknownCall:
        return HttpResponse::detail(HttpStatus::NotFound, error.message);
    case CallError::Kind::Twilio:
    case CallError::Kind::Store:
        break;
    }
    return HttpResponse::detail(HttpStatus::InternalServerError, error.message);
}
} // namespace

QList<Route> CallsResource::routes() const
{
    const QString tag = QStringLiteral("Calls");
    const QString sidExample = QStringLiteral("CA0123456789abcdef0123456789abcdef");
    const QJsonObject callExample{
        {QStringLiteral("call_sid"), sidExample},
        {QStringLiteral("to"), QStringLiteral("+15551234567")},
        {QStringLiteral("from"), QStringLiteral("+15005550006")},
        {QStringLiteral("task_title"), QStringLiteral("Database backup failed")},
        {QStringLiteral("task_id"), QStringLiteral("TASK-42")},
        {QStringLiteral("status"), QStringLiteral("completed")},
        {QStringLiteral("outcome"), QStringLiteral("acknowledged")},
        {QStringLiteral("acknowledged"), true},
        {QStringLiteral("digits"), QStringLiteral("1")},
        {QStringLiteral("duration_seconds"), 14},
        {QStringLiteral("error"), QJsonValue()},
        {QStringLiteral("initiated_at"), QStringLiteral("2026-01-05T09:30:00.000Z")},
        {QStringLiteral("updated_at"), QStringLiteral("2026-01-05T09:30:21.000Z")},
    };

    Route createRoute{HttpMethod::Post,
                      ApiPaths::CreateCall,
                      Route::Access::ApiToken,
                      QStringLiteral("Ring a phone and read a critical task out"),
                      [this](const HttpRequest &r, const Responder &s) { create(r, s); },
                      /*rateLimited=*/true};
    createRoute.doc.tag = tag;
    createRoute.doc.description = QStringLiteral(
        "Asks Twilio to ring phone_number; when answered, the task title is read out and the "
        "callee presses 1 to acknowledge it. The answer comes once Twilio has accepted the "
        "call; follow it with GET /notifications/call/{call_sid}.");
    RouteBody createBody;
    createBody.schema = {
        QStringLiteral("CallRequest"),
        QJsonObject{
            {QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("required"),
             QJsonArray{QStringLiteral("phone_number"), QStringLiteral("task_title")}},
            {QStringLiteral("properties"),
             QJsonObject{
                 {QStringLiteral("phone_number"),
                  QJsonObject{
                      {QStringLiteral("type"), QStringLiteral("string")},
                      {QStringLiteral("description"), QStringLiteral("E.164, e.g. +15551234567")}}},
                 {QStringLiteral("task_title"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                              {QStringLiteral("description"),
                               QStringLiteral("What is read out; not blank")}}},
                 {QStringLiteral("task_id"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                              {QStringLiteral("description"),
                               QStringLiteral("Your reference, stored with the call")}}},
             }},
        }};
    createBody.example =
        QJsonObject{{QStringLiteral("phone_number"), QStringLiteral("+15551234567")},
                    {QStringLiteral("task_title"), QStringLiteral("Database backup failed")},
                    {QStringLiteral("task_id"), QStringLiteral("TASK-42")}};
    createRoute.doc.requestBodies = {createBody};
    RouteResponse created;
    created.status = 201;
    created.description = QStringLiteral("Twilio accepted the call");
    created.schema = {
        QStringLiteral("CallCreated"),
        QJsonObject{
            {QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("required"),
             QJsonArray{QStringLiteral("call_sid"), QStringLiteral("status"), QStringLiteral("to"),
                        QStringLiteral("message"), QStringLiteral("initiated_at")}},
            {QStringLiteral("properties"),
             QJsonObject{
                 {QStringLiteral("call_sid"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
                 {QStringLiteral("status"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
                 {QStringLiteral("to"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
                 {QStringLiteral("message"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
                 {QStringLiteral("initiated_at"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                              {QStringLiteral("format"), QStringLiteral("date-time")}}},
             }},
        }};
    created.example = QJsonObject{
        {QStringLiteral("call_sid"), sidExample},
        {QStringLiteral("status"), QStringLiteral("queued")},
        {QStringLiteral("to"), QStringLiteral("+15551234567")},
        {QStringLiteral("message"), QStringLiteral("Call initiated successfully to +15551234567")},
        {QStringLiteral("initiated_at"), QStringLiteral("2026-01-05T09:30:00.000Z")},
    };
    createRoute.doc.responses = {
        created,
        RouteResponse::validation(
            QStringLiteral("The body is not JSON, or a field is missing or invalid"),
            QJsonObject{{QStringLiteral("detail"),
                         QJsonArray{QJsonObject{
                             {QStringLiteral("loc"),
                              QJsonArray{QStringLiteral("body"), QStringLiteral("phone_number")}},
                             {QStringLiteral("msg"), QStringLiteral("Field required")},
                             {QStringLiteral("type"), QStringLiteral("missing")}}}}}),
        RouteResponse::detail(500, QStringLiteral("Twilio refused the call or the store failed"),
                              QStringLiteral("Twilio error 21211: invalid 'To' number")),
        RouteResponse::detail(503,
                              QStringLiteral("Twilio is not configured, or the app is stopping"),
                              QStringLiteral("Twilio is not configured")),
    };

    Route showRoute{HttpMethod::Get, ApiPaths::CallBySid, Route::Access::ApiToken,
                    QStringLiteral("One call, its outcome and its event history"),
                    [this](const HttpRequest &r, const Responder &s) { show(r, s); }};
    showRoute.doc.tag = tag;
    showRoute.doc.description = QStringLiteral(
        "The call as stored, with every Twilio event it got, oldest first. A call is final when "
        "status is completed, busy, no-answer, failed or canceled; acknowledged says whether "
        "the callee pressed 1.");
    showRoute.doc.params = {{QStringLiteral("call_sid"), QStringLiteral("path"),
                             QStringLiteral("The sid POST /notifications/call answered with"), true,
                             QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}},
                             sidExample}};
    QJsonObject withEvents = CallJson::callSchema();
    QJsonObject properties = withEvents.value(QStringLiteral("properties")).toObject();
    properties.insert(QStringLiteral("events"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                                  {QStringLiteral("items"), CallJson::eventSchema()}});
    withEvents.insert(QStringLiteral("properties"), properties);
    RouteResponse shown;
    shown.description = QStringLiteral("The call and its events");
    shown.schema = {QStringLiteral("CallWithEvents"), withEvents};
    QJsonObject shownExample = callExample;
    shownExample.insert(
        QStringLiteral("events"),
        QJsonArray{QJsonObject{
            {QStringLiteral("type"), QStringLiteral("gather")},
            {QStringLiteral("status"), QStringLiteral("in-progress")},
            {QStringLiteral("sequence_number"), QJsonValue()},
            {QStringLiteral("timestamp"), QJsonValue()},
            {QStringLiteral("digits"), QStringLiteral("1")},
            {QStringLiteral("duration_seconds"), QJsonValue()},
            {QStringLiteral("detail"), QJsonValue()},
            {QStringLiteral("received_at"), QStringLiteral("2026-01-05T09:30:15.000Z")}}});
    shown.example = shownExample;
    showRoute.doc.responses = {shown,
                               RouteResponse::detail(404, QStringLiteral("No call with this sid"),
                                                     QStringLiteral("Call not found"))};

    Route listRoute{HttpMethod::Get, ApiPaths::Calls, Route::Access::ApiToken,
                    QStringLiteral("Recent calls, newest first"),
                    [this](const HttpRequest &r, const Responder &s) { list(r, s); }};
    listRoute.doc.tag = tag;
    listRoute.doc.params = {{QStringLiteral("limit"), QStringLiteral("query"),
                             QStringLiteral("How many calls, 1 to %1 (default %2)")
                                 .arg(MaxListLimit)
                                 .arg(DefaultListLimit),
                             false,
                             QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")},
                                         {QStringLiteral("minimum"), 1},
                                         {QStringLiteral("maximum"), MaxListLimit},
                                         {QStringLiteral("default"), DefaultListLimit}},
                             QStringLiteral("20")}};
    RouteResponse listed;
    listed.description = QStringLiteral("The calls, without their events");
    listed.schema.name = QStringLiteral("CallList");
    listed.schema.schema = QJsonObject{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("required"), QJsonArray{QStringLiteral("calls")}},
        {QStringLiteral("properties"),
         QJsonObject{{QStringLiteral("calls"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                                  {QStringLiteral("items"), CallJson::callSchema()}}}}}};
    listed.example = QJsonObject{{QStringLiteral("calls"), QJsonArray{callExample}}};
    const QJsonObject badLimit{
        {QStringLiteral("loc"), QJsonArray{QStringLiteral("query"), QStringLiteral("limit")}},
        {QStringLiteral("msg"),
         QStringLiteral("Input should be an integer from 1 to %1").arg(MaxListLimit)},
        {QStringLiteral("type"), QStringLiteral("int_parsing")}};
    listRoute.doc.responses = {
        listed, RouteResponse::validation(
                    QStringLiteral("limit is not an integer from 1 to %1").arg(MaxListLimit),
                    QJsonObject{{QStringLiteral("detail"), QJsonArray{badLimit}}})};
    return {createRoute, showRoute, listRoute};
}

void CallsResource::create(const HttpRequest &request, const Responder &responder) const
{
    const auto parsed = CallRequestParser::parse(request);
    if (!parsed) {
        // Which fields were wrong, not what was in them: the body is the script's business.
        QStringList fields;
        for (const ValidationError &error : parsed.error())
            fields.append(error.loc.value(1).toString() + QLatin1Char(':') + error.type);
        qCInfo(lcApi).noquote() << "refused a call request from" << request.remote.toString()
                                << "with 422:" << fields.join(QStringLiteral(", "));
        responder.send(ValidationError::response(parsed.error()));
        return;
    }
    m_calls->placeCall(parsed.value(), [responder](const Result<CallRecord, CallError> &result) {
        if (!result) {
            responder.send(errorResponse(result.error()));
            return;
        }
        const CallRecord &call = result.value();
        responder.send(HttpResponse::json(
            HttpStatus::Created,
            QJsonObject{
                {QStringLiteral("call_sid"), call.sid},
                {QStringLiteral("status"), call.status},
                {QStringLiteral("to"), call.to},
                {QStringLiteral("message"),
                 QStringLiteral("Call initiated successfully to %1").arg(call.to)},
                {QStringLiteral("initiated_at"), CallJson::isoUtc(call.initiatedAt)},
            }));
    });
}

void CallsResource::show(const HttpRequest &request, const Responder &responder) const
{
    const QString sid = request.pathParams.value(QStringLiteral("call_sid"));
    const auto found = m_calls->store()->call(sid);
    if (!found)
        return responder.send(
            HttpResponse::detail(HttpStatus::InternalServerError, found.error().message));
    if (!found.value()) {
        qCDebug(lcApi).noquote() << "call" << sid << "asked for: not found";
        return responder.send(
            HttpResponse::detail(HttpStatus::NotFound, QStringLiteral("Call not found")));
    }
    const auto events = m_calls->store()->events(sid);
    if (!events)
        return responder.send(
            HttpResponse::detail(HttpStatus::InternalServerError, events.error().message));
    QJsonObject body = CallJson::call(*found.value());
    QJsonArray history;
    for (const CallEvent &event : events.value())
        history.append(CallJson::event(event));
    body.insert(QStringLiteral("events"), history);
    responder.send(HttpResponse::json(HttpStatus::Ok, body));
}

void CallsResource::list(const HttpRequest &request, const Responder &responder) const
{
    int limit = DefaultListLimit;
    const QUrlQuery query = request.query();
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > MaxListLimit) {
            return responder.send(ValidationError::response(
                {{{QStringLiteral("query"), QStringLiteral("limit")},
                  QStringLiteral("Input should be an integer from 1 to %1").arg(MaxListLimit),
                  QStringLiteral("int_parsing")}}));
        }
    }
    const auto calls = m_calls->store()->recentCalls(limit);
    if (!calls)
        return responder.send(
            HttpResponse::detail(HttpStatus::InternalServerError, calls.error().message));
    QJsonArray list;
    for (const CallRecord &call : calls.value())
        list.append(CallJson::call(call));
    qCDebug(lcApi) << "listed" << list.size() << "of at most" << limit << "calls";
    responder.send(
        HttpResponse::json(HttpStatus::Ok, QJsonObject{{QStringLiteral("calls"), list}}));
}

} // namespace flux
