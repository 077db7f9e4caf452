// CallsCommand: `flux-calldesk calls`: prints the latest calls, newest first, with
// GET /notifications/calls.
#pragma once

#include "cli/CliArguments.h"
#include "cli/ConsoleOutput.h"
#include "cli/DeskApiClient.h"

namespace flux {

class CallsCommand
{
public:
    CallsCommand(DeskApiClient &client, ConsoleOutput &output);

    int run(const CliArguments &arguments);

private:
    DeskApiClient &m_client;
    ConsoleOutput &m_output;
};

} // namespace flux
