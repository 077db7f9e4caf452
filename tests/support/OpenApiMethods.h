// OpenApiMethods: the keys of an OpenAPI path item that are operations (its other keys, such as
// "parameters" or "servers", are not).
#pragma once

#include <QStringList>

namespace flux::test {
inline const QStringList OpenApiMethods = {QStringLiteral("get"),    QStringLiteral("post"),
                                           QStringLiteral("put"),    QStringLiteral("delete"),
                                           QStringLiteral("patch"),  QStringLiteral("head"),
                                           QStringLiteral("options")};
} // namespace flux::test
