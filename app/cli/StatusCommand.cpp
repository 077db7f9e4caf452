#include "cli/StatusCommand.h"

#include "cli/CliExitStatus.h"
#include "cli/ReadableText.h"

#include <QUrl>

namespace flux {

StatusCommand::StatusCommand(DeskApiClient &client, ConsoleOutput &output)
    : m_client(client), m_output(output)
{}

int StatusCommand::run(const CliArguments &arguments)
{
    const bool isCall = arguments.id.startsWith(QLatin1String("CA"));
    const QString id = QString::fromLatin1(QUrl::toPercentEncoding(arguments.id));
    const ApiReply reply = m_client.get(
        (isCall ? QStringLiteral("/notifications/call/") : QStringLiteral("/notifications/")) + id);
    if (!reply.succeeded())
        return m_output.fail(CliExitStatus::Error, reply.describeError());
    if (arguments.json)
        m_output.printRaw(reply.body);
    else
        m_output.print(isCall ? ReadableText::call(reply.json())
                              : ReadableText::notification(reply.json()));
    return CliExitStatus::Done;
}

} // namespace flux
