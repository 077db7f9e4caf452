// NotificationJson: how notifications and their attempts look in the HTTP API's JSON.
#pragma once

#include "calls/Notification.h"

#include <QJsonObject>

namespace flux::NotificationJson {
// "open" while calls are still to come, else "closed".
QString state(const Notification &notification);
QJsonObject notification(const Notification &notification);
QJsonObject attempt(const NotificationAttempt &attempt);
} // namespace flux::NotificationJson
