// CliExitStatus: how `flux-calldesk call`, `status` and `calls` end: the contract cron jobs and
// monitoring checks read.
#pragma once

namespace flux::CliExitStatus {
// Acknowledged (call --wait), or the command did what it was asked (status, calls, call).
constexpr int Acknowledged = 0;
constexpr int Done = 0;
// The notification closed without a 1: nobody pressed it, or it was canceled.
constexpr int NotAcknowledged = 1;
// Bad flags, no token, the desk unreachable, or an HTTP error (the API's detail is printed).
constexpr int Error = 2;
// --timeout passed while the notification was still open (the desk goes on calling).
constexpr int TimedOut = 3;
} // namespace flux::CliExitStatus
