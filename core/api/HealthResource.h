// HealthResource: GET /healthz, for scripts and monitors: alive, mode, where webhooks go.
#pragma once

#include "api/Route.h"

#include <QJsonObject>

#include <functional>

namespace flux {

class HealthResource
{
public:
    explicit HealthResource(std::function<QJsonObject()> describe) : m_describe(std::move(describe))
    {}
    QList<Route> routes() const;

private:
    std::function<QJsonObject()> m_describe;
};

} // namespace flux
