#include "cli/CliRun.h"

#include "cli/CallCommand.h"
#include "cli/CallsCommand.h"
#include "cli/CliArguments.h"
#include "cli/CliExitStatus.h"
#include "cli/ConsoleOutput.h"
#include "cli/DeskApiClient.h"
#include "cli/DeskEndpoint.h"
#include "cli/StatusCommand.h"

#include "config/ConfigSources.h"

#include <QStandardPaths>

namespace flux {

int runCli(const QStringList &arguments)
{
    ConsoleOutput output;
    const auto parsed = CliArguments::parse(arguments);
    if (!parsed)
        return output.fail(
            CliExitStatus::Error,
            parsed.error() +
                QStringLiteral(" (see flux-calldesk %1 --help)").arg(arguments.value(1)));
    const CliArguments &cli = parsed.value();
    if (cli.help) {
        output.print(CliArguments::usage().trimmed());
        return CliExitStatus::Done;
    }

    // Where the desk is and its token, as the desk itself reads them (without the window's
    // saved settings: --url covers a listen address changed there).
    const ConfigSources sources{{},
                                QProcessEnvironment::systemEnvironment(),
                                QStringLiteral(".env"),
                                QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)};
    const auto endpoint = DeskEndpoint::resolve(cli.url, cli.token, sources);
    if (!endpoint)
        return output.fail(CliExitStatus::Error, endpoint.error());

    DeskApiClient client(endpoint.value());
    switch (cli.command) {
    case CliArguments::Command::Call:
        return CallCommand(client, output).run(cli);
    case CliArguments::Command::Status:
        return StatusCommand(client, output).run(cli);
    case CliArguments::Command::Calls:
        return CallsCommand(client, output).run(cli);
    }
    return CliExitStatus::Error;
}

} // namespace flux
