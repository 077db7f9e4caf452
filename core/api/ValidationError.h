// ValidationError: one problem with a request body, answered as FastAPI's 422 shape.
#pragma once

#include "net/HttpResponse.h"

#include <QList>
#include <QString>
#include <QVariantList>

namespace flux {

struct ValidationError
{
    QVariantList loc; // ["body", "phone_number"]
    QString msg;
    QString type; // pydantic's error type: missing, string_type, value_error, ...

    // {"detail": [{"loc": [...], "msg": "...", "type": "..."}, ...]} with status 422.
    static HttpResponse response(const QList<ValidationError> &errors);
};

} // namespace flux
