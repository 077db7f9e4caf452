#include "api/ListLimit.h"

#include "api/ValidationError.h"

namespace flux::ListLimit {

Result<int, HttpResponse> read(const QUrlQuery &query, int defaultLimit, int maxLimit)
{
    const QString name = QStringLiteral("limit");
    if (!query.hasQueryItem(name))
        return defaultLimit;
    bool ok = false;
    const int limit = query.queryItemValue(name).toInt(&ok);
    if (ok && limit >= 1 && limit <= maxLimit)
        return limit;
    return ValidationError::response(
        {{{QStringLiteral("query"), name},
          QStringLiteral("Input should be an integer from 1 to %1").arg(maxLimit),
          QStringLiteral("int_parsing")}});
}

} // namespace flux::ListLimit
