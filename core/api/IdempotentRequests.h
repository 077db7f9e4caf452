// IdempotentRequests: the Idempotency-Key header of POST /notifications/call. A repeat of a
// request (same key, same body, within a day) is answered as the first was and places nothing.
#pragma once

#include "api/ValidationError.h"
#include "base/Result.h"
#include "calls/IdempotencyKey.h"
#include "net/HttpRequest.h"
#include "net/HttpResponse.h"

#include <optional>

namespace flux {

class CallStore;

namespace IdempotentRequests {

inline constexpr char HeaderName[] = "Idempotency-Key";
inline constexpr int MaxKeyLength = 255;
inline constexpr int KeptForHours = 24;

// The request's key and the hash of its JSON body (keys sorted, whitespace ignored); an empty
// key when the header is absent; a 422 naming the header when it is blank, too long or not
// visible ASCII.
Result<IdempotencyKey, ValidationError> keyOf(const HttpRequest &request);

// The answer to a request whose key was seen in the last day: the first answer replayed, 422
// when the body differs, 409 while the first request has no answer yet. None: go ahead.
std::optional<HttpResponse> earlierAnswer(const CallStore &store, const IdempotencyKey &key);

// After the request was answered: a success is kept for its repeats; an error frees the key, so
// that sending the request again tries again, unless the notification it created is still open
// (Twilio may have placed its call): then repeats keep hearing 409.
void remember(CallStore &store, const IdempotencyKey &key, const HttpResponse &answer);

} // namespace IdempotentRequests
} // namespace flux
