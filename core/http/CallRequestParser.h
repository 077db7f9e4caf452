// CallRequestParser: turns the body of POST /notifications/call into a valid CallRequest or 422s.
#pragma once

#include "base/Result.h"
#include "calls/CallRequest.h"
#include "http/HttpRequest.h"
#include "http/ValidationError.h"

namespace flux::CallRequestParser {

// The longest task id accepted: it travels in the TwiML and Gather URLs.
constexpr int MaxTaskIdLength = 128;
// The longest title whose sentence, in every language, still fits Twilio's <Say> limit.
int maxTitleLength();

Result<CallRequest, QList<ValidationError>> parse(const HttpRequest &request);

} // namespace flux::CallRequestParser
