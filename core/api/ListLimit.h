// ListLimit: the `limit` query parameter of the list routes: how many items, 1 to a maximum.
#pragma once

#include "base/Result.h"
#include "net/HttpResponse.h"

#include <QUrlQuery>

namespace flux::ListLimit {

// `defaultLimit` when absent; a 422 naming ["query", "limit"] when not an integer in range.
Result<int, HttpResponse> read(const QUrlQuery &query, int defaultLimit, int maxLimit);

} // namespace flux::ListLimit
