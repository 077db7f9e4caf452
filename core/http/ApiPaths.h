// The HTTP paths that are part of the contract with scripts and with Twilio, in one place.
#pragma once

#include <QString>

namespace flux::ApiPaths {
inline const QString CreateCall = QStringLiteral("/notifications/call");
inline const QString Twiml = QStringLiteral("/notifications/call/twiml");
inline const QString Gather = QStringLiteral("/notifications/call/gather");
inline const QString Status = QStringLiteral("/notifications/call/status");
inline const QString CallBySid = QStringLiteral("/notifications/call/{call_sid}");
inline const QString Calls = QStringLiteral("/notifications/calls");
inline const QString Health = QStringLiteral("/healthz");
} // namespace flux::ApiPaths
