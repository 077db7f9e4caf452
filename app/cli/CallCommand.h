// CallCommand: `flux-calldesk call`: places a notification with POST /notifications/call,
// prints it and, with --wait, follows it to its outcome; the exit status says which
// (CliExitStatus.h).
#pragma once

#include "cli/CliArguments.h"
#include "cli/ConsoleOutput.h"
#include "cli/DeskApiClient.h"

namespace flux {

class CallCommand
{
public:
    CallCommand(DeskApiClient &client, ConsoleOutput &output);

    int run(const CliArguments &arguments);

private:
    int wait(const CliArguments &arguments, const QString &notificationId);

    DeskApiClient &m_client;
    ConsoleOutput &m_output;
};

} // namespace flux
