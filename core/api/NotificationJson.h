// NotificationJson: how notifications and their attempts look in the HTTP API's JSON.
#pragma once

#include "calls/Notification.h"
#include "calls/OutcomeEvent.h"

#include <QJsonArray>
#include <QJsonObject>

namespace flux::NotificationJson {
// "open" while calls are still to come, else "closed".
QString state(const Notification &notification);
QJsonObject notification(const Notification &notification);
QJsonObject attempt(const NotificationAttempt &attempt);
// Where its outcome event goes: url, state, tries (at, status, error).
QJsonArray deliveries(const QList<OutcomeDelivery> &deliveries);
} // namespace flux::NotificationJson
