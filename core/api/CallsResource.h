// CallsResource: the scripted API: place a call, read one call, list recent calls. Every
// route needs the API token; placing a call also counts against the rate limits.
#pragma once

#include "api/Route.h"

namespace flux {

class CallService;

class CallsResource
{
public:
    explicit CallsResource(CallService *calls) : m_calls(calls) {}
    QList<Route> routes() const;

private:
    void create(const HttpRequest &request, const Responder &responder) const;
    void show(const HttpRequest &request, const Responder &responder) const;
    void list(const HttpRequest &request, const Responder &responder) const;

    CallService *m_calls;
};

} // namespace flux
