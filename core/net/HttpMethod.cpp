#include "net/HttpMethod.h"

#include <array>
#include <utility>

namespace flux {

namespace {
constexpr std::array<std::pair<HttpMethod, QByteArrayView>, 7> Tokens{{
    {HttpMethod::Get, "GET"},
    {HttpMethod::Head, "HEAD"},
    {HttpMethod::Post, "POST"},
    {HttpMethod::Put, "PUT"},
    {HttpMethod::Patch, "PATCH"},
    {HttpMethod::Delete, "DELETE"},
    {HttpMethod::Options, "OPTIONS"},
}};
} // namespace

HttpMethod httpMethodOf(QByteArrayView token)
{
    for (const auto &[method, name] : Tokens) {
        if (token == name)
            return method;
    }
    return HttpMethod::Unknown;
}

QByteArrayView httpMethodToken(HttpMethod method)
{
    for (const auto &[known, name] : Tokens) {
        if (known == method)
            return name;
    }
    return {};
}

} // namespace flux
