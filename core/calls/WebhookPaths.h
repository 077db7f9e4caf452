// The paths of the webhooks Twilio calls back, part of the contract: the service writes them
// into every call it places, and the API serves them.
#pragma once

#include <QString>

namespace flux::WebhookPaths {
inline const QString Twiml = QStringLiteral("/notifications/call/twiml");
inline const QString Gather = QStringLiteral("/notifications/call/gather");
inline const QString Status = QStringLiteral("/notifications/call/status");
// A text's status callbacks (TextMessageService); the URL carries the text's row id.
inline const QString SmsStatus = QStringLiteral("/notifications/sms/status");
inline const QString MessageIdParam = QStringLiteral("message_id");
// The query parameter our webhook URLs carry so a call Twilio placed can be matched to the
// request that asked for it, even when its sid never reached us (see PendingCall).
inline const QString RequestIdParam = QStringLiteral("request_id");
// The gather URL's turn of the callee's menu (CalleeMenu::Turn): the readings silence and other
// keys have used, and every reading so far. Absent: the first reading.
inline const QString RoundParam = QStringLiteral("round");
inline const QString HeardParam = QStringLiteral("heard");
// A notification's call: the callee's language ("de"; absent: the desk's), and whether 2 passes
// the task on ("1"; absent: it does not).
inline const QString LanguageParam = QStringLiteral("lang");
inline const QString PassOnParam = QStringLiteral("pass_on");
} // namespace flux::WebhookPaths
