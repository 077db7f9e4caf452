#include "api/ValidationError.h"

#include <QJsonArray>
#include <QJsonObject>

namespace flux {

HttpResponse ValidationError::response(const QList<ValidationError> &errors)
{
    QJsonArray detail;
    for (const ValidationError &error : errors) {
        detail.append(QJsonObject{{QStringLiteral("loc"), QJsonArray::fromVariantList(error.loc)},
                                  {QStringLiteral("msg"), error.msg},
                                  {QStringLiteral("type"), error.type}});
    }
    return HttpResponse::json(HttpStatus::UnprocessableEntity,
                              QJsonObject{{QStringLiteral("detail"), detail}});
}

} // namespace flux
