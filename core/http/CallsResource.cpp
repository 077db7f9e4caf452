#include "http/CallsResource.h"

#include "calls/CallService.h"
#include "http/ApiPaths.h"
#include "http/CallJson.h"
#include "http/CallRequestParser.h"

#include <QJsonArray>
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
        return HttpResponse::detail(503, error.message);
    case CallError::Kind::UnknownCall:
        return HttpResponse::detail(404, error.message);
    case CallError::Kind::Twilio:
    case CallError::Kind::Store:
        break;
    }
    return HttpResponse::detail(500, error.message);
}
} // namespace

QList<Route> CallsResource::routes() const
{
    return {
        {"POST", ApiPaths::CreateCall, Route::Access::ApiToken,
         QStringLiteral("Ring a phone and read a critical task out"),
         [this](const HttpRequest &r, const Responder &s) { create(r, s); },
         /*rateLimited=*/true},
        {"GET", ApiPaths::CallBySid, Route::Access::ApiToken,
         QStringLiteral("One call, its outcome and its event history"),
         [this](const HttpRequest &r, const Responder &s) { show(r, s); }},
        {"GET", ApiPaths::Calls, Route::Access::ApiToken,
         QStringLiteral("Recent calls, newest first"),
         [this](const HttpRequest &r, const Responder &s) { list(r, s); }},
    };
}

void CallsResource::create(const HttpRequest &request, const Responder &responder) const
{
    const auto parsed = CallRequestParser::parse(request);
    if (!parsed) {
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
            201, QJsonObject{
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
        return responder.send(HttpResponse::detail(500, found.error().message));
    if (!found.value())
        return responder.send(HttpResponse::detail(404, QStringLiteral("Call not found")));
    const auto events = m_calls->store()->events(sid);
    if (!events)
        return responder.send(HttpResponse::detail(500, events.error().message));
    QJsonObject body = CallJson::call(*found.value());
    QJsonArray history;
    for (const CallEvent &event : events.value())
        history.append(CallJson::event(event));
    body.insert(QStringLiteral("events"), history);
    responder.send(HttpResponse::json(200, body));
}

void CallsResource::list(const HttpRequest &request, const Responder &responder) const
{
    int limit = DefaultListLimit;
    if (request.query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = request.query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > MaxListLimit) {
            return responder.send(ValidationError::response(
                {{{QStringLiteral("query"), QStringLiteral("limit")},
                  QStringLiteral("Input should be an integer from 1 to %1").arg(MaxListLimit),
                  QStringLiteral("int_parsing")}}));
        }
    }
    const auto calls = m_calls->store()->recentCalls(limit);
    if (!calls)
        return responder.send(HttpResponse::detail(500, calls.error().message));
    QJsonArray list;
    for (const CallRecord &call : calls.value())
        list.append(CallJson::call(call));
    responder.send(HttpResponse::json(200, QJsonObject{{QStringLiteral("calls"), list}}));
}

} // namespace flux
