// ReadableText: the short forms the command line prints without --json, from the API's JSON.
#pragma once

#include <QJsonObject>
#include <QString>

namespace flux::ReadableText {

// POST /notifications/call's answer: "NO... placed: calling +1555... (call CA..., queued)".
QString placed(const QJsonObject &answer);
// One attempt of a notification on one line: "attempt 1: +1555... busy, not acknowledged (busy)".
QString attempt(const QJsonObject &attempt);
// A notification: its outcome, task, attempts, and who acknowledged or what comes next.
QString notification(const QJsonObject &notification);
// A call: sid, number, status, outcome, task and what happened.
QString call(const QJsonObject &call);
// A call on one line, for `calls`.
QString callRow(const QJsonObject &call);

} // namespace flux::ReadableText
