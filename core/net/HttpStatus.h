// HttpStatus: the response status codes this server and its handlers answer with, named, as
// qthttpserver's QHttpServerResponder::StatusCode names them.
#pragma once

namespace flux {

// The value is the code on the wire. A peer's status may be any number from 100 to 599 (the
// simulator's fault plan sends those on request), so HttpStatus(int) of an unnamed code is
// valid and goes out as its number with "Unknown Status".
enum class HttpStatus : int
{
    Continue = 100,

    Ok = 200,
    Created = 201,
    Accepted = 202,
    NoContent = 204,

    MovedPermanently = 301,
    Found = 302,
    NotModified = 304,

    BadRequest = 400,
    Unauthorized = 401,
    Forbidden = 403,
    NotFound = 404,
    MethodNotAllowed = 405,
    RequestTimeout = 408,
    Conflict = 409,
    LengthRequired = 411,
    ContentTooLarge = 413,
    UriTooLong = 414,
    UnsupportedMediaType = 415,
    UnprocessableEntity = 422,
    TooManyRequests = 429,
    RequestHeaderFieldsTooLarge = 431,

    InternalServerError = 500,
    NotImplemented = 501,
    BadGateway = 502,
    ServiceUnavailable = 503,
    GatewayTimeout = 504,
    HttpVersionNotSupported = 505,
};

} // namespace flux
