#include "api/NotificationsResource.h"

#include "api/CallErrorResponse.h"
#include "api/ListLimit.h"
#include "api/NotificationJson.h"
#include "api/ValidationError.h"
#include "base/LogCategories.h"
#include "calls/CallStore.h"
#include "calls/NotificationService.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace flux {

namespace {
const QString IdParam = QStringLiteral("notification_id");

} // namespace

QList<Route> NotificationsResource::routes() const
{
    Route showRoute{HttpMethod::Get,
                    QStringLiteral("/notifications/{notification_id}"),
                    Route::Access::ApiToken,
                    QStringLiteral("get_notifications_notificationid"),
                    QStringLiteral("One notification: its outcome and every attempt"),
                    [this](const HttpRequest &r, const Responder &s) { show(r, s); }};
    Route listRoute{HttpMethod::Get,
                    QStringLiteral("/notifications"),
                    Route::Access::ApiToken,
                    QStringLiteral("get_notifications"),
                    QStringLiteral("Recent notifications, newest first"),
                    [this](const HttpRequest &r, const Responder &s) { list(r, s); }};
    listRoute.docValues = {{QStringLiteral("max_limit"), MaxListLimit},
                           {QStringLiteral("default_limit"), DefaultListLimit}};
    Route cancelRoute{HttpMethod::Post,
                      QStringLiteral("/notifications/{notification_id}/cancel"),
                      Route::Access::ApiToken,
                      QStringLiteral("post_notifications_notificationid_cancel"),
                      QStringLiteral("Cancel the attempts to come and hang up a call in progress"),
                      [this](const HttpRequest &r, const Responder &s) { cancel(r, s); }};
    Route deliverRoute{HttpMethod::Post,
                       QStringLiteral("/notifications/{notification_id}/deliver"),
                       Route::Access::ApiToken,
                       QStringLiteral("post_notifications_notificationid_deliver"),
                       QStringLiteral("Deliver the outcome webhook again"),
                       [this](const HttpRequest &r, const Responder &s) { deliverAgain(r, s); }};
    return {showRoute, listRoute, cancelRoute, deliverRoute};
}

void NotificationsResource::show(const HttpRequest &request, const Responder &responder) const
{
    const auto found = m_notifications->notification(request.pathParams.value(IdParam));
    if (!found)
        return responder.send(CallErrorResponse::of(found.error()));
    if (!found.value())
        return responder.send(
            HttpResponse::detail(HttpStatus::NotFound, QStringLiteral("Notification not found")));
    const auto deliveries = m_notifications->deliveries(found.value()->id);
    if (!deliveries)
        return responder.send(CallErrorResponse::of(deliveries.error()));
    QJsonObject body = NotificationJson::notification(*found.value());
    body.insert(QStringLiteral("deliveries"), NotificationJson::deliveries(deliveries.value()));
    responder.send(HttpResponse::json(HttpStatus::Ok, body));
}

void NotificationsResource::deliverAgain(const HttpRequest &request,
                                         const Responder &responder) const
{
    const QString id = request.pathParams.value(IdParam);
    m_notifications->deliverAgain(
        id, [responder, id](const Result<QList<OutcomeDelivery>, CallError> &result) {
            if (!result) {
                qCInfo(lcApi).noquote()
                    << "delivery of notification" << id << "refused:" << result.error().message;
                return responder.send(CallErrorResponse::of(result.error()));
            }
            responder.send(HttpResponse::json(
                HttpStatus::Accepted, QJsonObject{{QStringLiteral("notification_id"), id},
                                                  {QStringLiteral("deliveries"),
                                                   NotificationJson::deliveries(result.value())}}));
        });
}

void NotificationsResource::list(const HttpRequest &request, const Responder &responder) const
{
    const QUrlQuery query = request.query();
    const auto limit = ListLimit::read(query, DefaultListLimit, MaxListLimit);
    if (!limit)
        return responder.send(limit.error());
    CallStore::NotificationState state = CallStore::NotificationState::Any;
    if (query.hasQueryItem(QStringLiteral("state"))) {
        const QString value = query.queryItemValue(QStringLiteral("state"));
        if (value == QLatin1String("open"))
            state = CallStore::NotificationState::Open;
        else if (value == QLatin1String("closed"))
            state = CallStore::NotificationState::Closed;
        else
            return responder.send(
                ValidationError::response({{{QStringLiteral("query"), QStringLiteral("state")},
                                            QStringLiteral("Input should be 'open' or 'closed'"),
                                            QStringLiteral("enum")}}));
    }
    const auto listed = m_notifications->notifications(state, limit.value());
    if (!listed)
        return responder.send(CallErrorResponse::of(listed.error()));
    QJsonArray items;
    for (const Notification &n : listed.value())
        items.append(NotificationJson::notification(n));
    responder.send(
        HttpResponse::json(HttpStatus::Ok, QJsonObject{{QStringLiteral("notifications"), items}}));
}

void NotificationsResource::cancel(const HttpRequest &request, const Responder &responder) const
{
    const QString id = request.pathParams.value(IdParam);
    m_notifications->cancel(id, [responder, id](const Result<Notification, CallError> &result) {
        if (!result) {
            qCInfo(lcApi).noquote()
                << "cancel of notification" << id << "refused:" << result.error().message;
            return responder.send(CallErrorResponse::of(result.error()));
        }
        responder.send(
            HttpResponse::json(HttpStatus::Ok, NotificationJson::notification(result.value())));
    });
}

} // namespace flux
