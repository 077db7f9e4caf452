#include "api/RouteDoc.h"

#include <QJsonArray>

namespace flux {

RouteSchema RouteResponse::detailSchema()
{
    return {QStringLiteral("HTTPError"),
            QJsonObject{
                {QStringLiteral("type"), QStringLiteral("object")},
                {QStringLiteral("required"), QJsonArray{QStringLiteral("detail")}},
                {QStringLiteral("properties"),
                 QJsonObject{{QStringLiteral("detail"),
                              QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}}},
            }};
}

RouteSchema RouteResponse::validationSchema()
{
    const QJsonObject item{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("required"),
         QJsonArray{QStringLiteral("loc"), QStringLiteral("msg"), QStringLiteral("type")}},
        {QStringLiteral("properties"),
         QJsonObject{
             {QStringLiteral("loc"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                          {QStringLiteral("items"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}}},
             {QStringLiteral("msg"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
             {QStringLiteral("type"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
         }},
    };
    return {QStringLiteral("HTTPValidationError"),
            QJsonObject{
                {QStringLiteral("type"), QStringLiteral("object")},
                {QStringLiteral("required"), QJsonArray{QStringLiteral("detail")}},
                {QStringLiteral("properties"),
                 QJsonObject{{QStringLiteral("detail"),
                              QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                                          {QStringLiteral("items"), item}}}}},
            }};
}

RouteResponse RouteResponse::detail(int status, const QString &description, const QString &example)
{
    RouteResponse response;
    response.status = status;
    response.description = description;
    response.schema = detailSchema();
    response.example =
        QJsonObject{{QStringLiteral("detail"), example.isEmpty() ? description : example}};
    return response;
}

RouteResponse RouteResponse::validation(const QString &description, const QJsonValue &example)
{
    RouteResponse response;
    response.status = 422;
    response.description = description;
    response.schema = validationSchema();
    response.example = example;
    return response;
}

} // namespace flux
