// RequestHandler: what an HttpServer hands each framed request to; the handler decides who may
// call what and answers through the Responder, now or later.
#pragma once

#include "net/HttpRequest.h"
#include "net/Responder.h"

namespace flux {

class RequestHandler
{
public:
    virtual ~RequestHandler() = default;
    // `request` has its query and form body parsed; its path params are the handler's to fill.
    virtual void handleRequest(HttpRequest &request, const Responder &responder) = 0;

protected:
    RequestHandler() = default;
    RequestHandler(const RequestHandler &) = default;
    RequestHandler &operator=(const RequestHandler &) = default;
};

} // namespace flux
