// NotificationsResource: the scripted API's notifications: read one with every attempt and
// its outcome webhook's deliveries, list them, cancel one, deliver its outcome again. Every route
// needs the API token.
#pragma once

#include "api/Route.h"

namespace flux {

class NotificationService;

class NotificationsResource
{
public:
    static constexpr int DefaultListLimit = 50;
    static constexpr int MaxListLimit = 500;

    explicit NotificationsResource(NotificationService *notifications)
        : m_notifications(notifications)
    {}
    QList<Route> routes() const;

private:
    void show(const HttpRequest &request, const Responder &responder) const;
    void list(const HttpRequest &request, const Responder &responder) const;
    void cancel(const HttpRequest &request, const Responder &responder) const;
    void deliverAgain(const HttpRequest &request, const Responder &responder) const;

    NotificationService *m_notifications;
};

} // namespace flux
