#include "api/CallsResource.h"

#include "api/ApiPaths.h"
#include "api/CallErrorResponse.h"
#include "api/CallJson.h"
#include "api/CallRequestParser.h"
#include "api/IdempotentRequests.h"
#include "api/ListLimit.h"
#include "base/LogCategories.h"
#include "calls/CallService.h"
#include "calls/CallStore.h"
#include "calls/NotificationService.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>

namespace flux {

namespace {
constexpr int DefaultListLimit = 50;
constexpr int MaxListLimit = 1000;

} // namespace

QList<Route> CallsResource::routes() const
{
    Route createRoute{HttpMethod::Post,
                      ApiPaths::CreateCall,
                      Route::Access::ApiToken,
                      QStringLiteral("post_notifications_call"),
                      QStringLiteral("Ring a phone and read a critical task out"),
                      [this](const HttpRequest &r, const Responder &s) { create(r, s); },
                      /*rateLimited=*/true};
    Route showRoute{HttpMethod::Get,
                    ApiPaths::CallBySid,
                    Route::Access::ApiToken,
                    QStringLiteral("get_notifications_call_callsid"),
                    QStringLiteral("One call, its outcome and its event history"),
                    [this](const HttpRequest &r, const Responder &s) { show(r, s); }};
    Route listRoute{HttpMethod::Get,
                    ApiPaths::Calls,
                    Route::Access::ApiToken,
                    QStringLiteral("get_notifications_calls"),
                    QStringLiteral("Recent calls, newest first"),
                    [this](const HttpRequest &r, const Responder &s) { list(r, s); }};
    // The bounds list() enforces, so resources/api/calls.json cannot state others.
    listRoute.docValues = {{QStringLiteral("max_limit"), MaxListLimit},
                           {QStringLiteral("default_limit"), DefaultListLimit}};
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
    const auto key = IdempotentRequests::keyOf(request);
    if (!key)
        return responder.send(ValidationError::response({key.error()}));
    if (!key.value().isEmpty()) {
        if (auto answer = IdempotentRequests::earlierAnswer(*m_calls->store(), key.value()))
            return responder.send(*answer);
    }
    NotificationRequest asked = parsed.value();
    asked.idempotency = key.value();
    CallStore *store = m_calls->store();
    m_notifications->create(asked, [responder, store, key = key.value()](const auto &result) {
        if (!result) {
            const HttpResponse answer = CallErrorResponse::of(result.error());
            IdempotentRequests::remember(*store, key, answer);
            responder.send(answer);
            return;
        }
        const CallRecord &call = result.value().call;
        // The seed's body, exactly, and the notification that goes on calling if need be.
        const HttpResponse answer = HttpResponse::json(
            HttpStatus::Created,
            QJsonObject{
                {QStringLiteral("call_sid"), call.sid},
                {QStringLiteral("status"), call.status},
                {QStringLiteral("to"), call.to},
                {QStringLiteral("message"),
                 QStringLiteral("Call initiated successfully to %1").arg(call.to)},
                {QStringLiteral("initiated_at"), CallJson::isoUtc(call.initiatedAt)},
                {QStringLiteral("notification_id"), result.value().notification.id},
            });
        // On disk before the client hears it, so a repeat after a crash is answered the same.
        IdempotentRequests::remember(*store, key, answer);
        responder.send(answer);
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
    const auto read = ListLimit::read(request.query(), DefaultListLimit, MaxListLimit);
    if (!read)
        return responder.send(read.error());
    const int limit = read.value();
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
