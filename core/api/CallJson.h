// CallJson: how calls and their events look in the HTTP API's JSON.
#pragma once

#include "calls/CallRecord.h"

#include <QJsonObject>

namespace flux::CallJson {
// ISO 8601 UTC with a Z suffix, as the seed's FastAPI answers wrote datetimes.
QString isoUtc(const QDateTime &time);
// null for an empty string (an absent value), else the string.
QJsonValue optionalString(const QString &value);
QJsonObject call(const CallRecord &call);
QJsonObject event(const CallEvent &event);
} // namespace flux::CallJson
