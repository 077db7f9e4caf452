// StatusCommand: `flux-calldesk status ID`: prints a notification (NO...) with
// GET /notifications/{id}, or a call (CA...) with GET /notifications/call/{sid}.
#pragma once

#include "cli/CliArguments.h"
#include "cli/ConsoleOutput.h"
#include "cli/DeskApiClient.h"

namespace flux {

class StatusCommand
{
public:
    StatusCommand(DeskApiClient &client, ConsoleOutput &output);

    // 0 once printed, 2 when the desk does not know the id or cannot be asked.
    int run(const CliArguments &arguments);

private:
    DeskApiClient &m_client;
    ConsoleOutput &m_output;
};

} // namespace flux
