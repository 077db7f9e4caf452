// CallRequestParser: turns the body of POST /notifications/call into a valid request (the call,
// and the optional escalation fields) or 422s naming each field at fault.
#pragma once

#include "api/ValidationError.h"
#include "base/Result.h"
#include "calls/CallRequest.h"
#include "calls/NotificationService.h"
#include "net/HttpRequest.h"

namespace flux::CallRequestParser {

Result<NotificationRequest, QList<ValidationError>> parse(const HttpRequest &request);

} // namespace flux::CallRequestParser
