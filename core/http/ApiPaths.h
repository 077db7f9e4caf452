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
inline const QString OpenApi = QStringLiteral("/openapi.json");
inline const QString Docs = QStringLiteral("/docs");
// The query parameter our webhook URLs carry so a call Twilio placed can be matched to the
// request that asked for it, even when its sid never reached us (see PendingCall).
inline const QString RequestIdParam = QStringLiteral("request_id");
} // namespace flux::ApiPaths
