// CallRequestParser: turns the body of POST /notifications/call into a valid CallRequest or 422s.
#pragma once

#include "api/ValidationError.h"
#include "base/Result.h"
#include "calls/CallRequest.h"
#include "net/HttpRequest.h"

namespace flux::CallRequestParser {

Result<CallRequest, QList<ValidationError>> parse(const HttpRequest &request);

} // namespace flux::CallRequestParser
