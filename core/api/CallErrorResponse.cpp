#include "api/CallErrorResponse.h"

#include "api/ValidationError.h"

namespace flux::CallErrorResponse {

HttpResponse of(const CallError &error)
{
    switch (error.kind) {
    case CallError::Kind::NotConfigured:
    case CallError::Kind::Unavailable:
        return HttpResponse::detail(HttpStatus::ServiceUnavailable, error.message);
    case CallError::Kind::UnknownCall:
        return HttpResponse::detail(HttpStatus::NotFound, error.message);
    case CallError::Kind::Conflict:
        return HttpResponse::detail(HttpStatus::Conflict, error.message);
    case CallError::Kind::Invalid:
        return ValidationError::response({{{QStringLiteral("body"), error.field},
                                           QStringLiteral("Value error, %1").arg(error.message),
                                           QStringLiteral("value_error")}});
    case CallError::Kind::RateLimited: {
        HttpResponse response = HttpResponse::detail(HttpStatus::TooManyRequests, error.message);
        response.headers.append(
            {"Retry-After", QByteArray::number(qMax(1, error.retryAfterSeconds))});
        return response;
    }
    case CallError::Kind::Twilio:
    case CallError::Kind::Store:
        break;
    }
    return HttpResponse::detail(HttpStatus::InternalServerError, error.message);
}

} // namespace flux::CallErrorResponse
