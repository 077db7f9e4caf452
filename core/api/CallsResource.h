// CallsResource: the scripted API: ring someone (a notification), read one call, list recent calls.
// Every route needs the API token; placing a call also counts against the rate limits.
#pragma once

#include "api/Route.h"

namespace flux {

class CallService;
class NotificationService;

class CallsResource
{
public:
    // A request to ring someone is a notification: one call, or an escalation.
    CallsResource(CallService *calls, NotificationService *notifications)
        : m_calls(calls), m_notifications(notifications)
    {}
    QList<Route> routes() const;

private:
    void create(const HttpRequest &request, const Responder &responder) const;
    void show(const HttpRequest &request, const Responder &responder) const;
    void list(const HttpRequest &request, const Responder &responder) const;

    CallService *m_calls;
    NotificationService *m_notifications;
};

} // namespace flux
