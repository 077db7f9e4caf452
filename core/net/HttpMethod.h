// HttpMethod: the request methods a route can be registered for, as an enum; the request keeps
// the method token as sent, since any token is legal HTTP.
#pragma once

#include <QByteArrayView>

namespace flux {

enum class HttpMethod
{
    Unknown, // a token no route can be registered for: the router answers 405 or 404
    Get,
    Head,
    Post,
    Put,
    Patch,
    Delete,
    Options,
};

// Method tokens are case-sensitive (RFC 9110 9.1): "get" is Unknown.
[[nodiscard]] HttpMethod httpMethodOf(QByteArrayView token);
// "GET", "POST", ...; empty for Unknown.
[[nodiscard]] QByteArrayView httpMethodToken(HttpMethod method);

} // namespace flux
