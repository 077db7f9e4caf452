// The HTTP paths that are part of the contract with scripts, in one place; the webhooks' own
// are in calls/WebhookPaths.h.
#pragma once

#include <QString>

namespace flux::ApiPaths {
inline const QString CreateCall = QStringLiteral("/notifications/call");
inline const QString CallBySid = QStringLiteral("/notifications/call/{call_sid}");
inline const QString Calls = QStringLiteral("/notifications/calls");
inline const QString Events = QStringLiteral("/notifications/events");
inline const QString Health = QStringLiteral("/healthz");
inline const QString OpenApi = QStringLiteral("/openapi.json");
inline const QString Docs = QStringLiteral("/docs");
} // namespace flux::ApiPaths
