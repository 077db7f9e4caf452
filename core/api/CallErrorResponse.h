// CallErrorResponse: the HTTP answer a script gets for a CallError, in FastAPI's shapes.
#pragma once

#include "calls/CallRequest.h"
#include "net/HttpResponse.h"

namespace flux::CallErrorResponse {

// 503 not configured or shutting down, 404 unknown, 409 closed already, 422 naming the field,
// 429 with Retry-After, else 500.
HttpResponse of(const CallError &error);

} // namespace flux::CallErrorResponse
