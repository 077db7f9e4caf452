#include "cli/CallsCommand.h"

#include "cli/CliExitStatus.h"
#include "cli/ReadableText.h"

#include <QJsonArray>

namespace flux {

CallsCommand::CallsCommand(DeskApiClient &client, ConsoleOutput &output)
    : m_client(client), m_output(output)
{}

int CallsCommand::run(const CliArguments &arguments)
{
    QUrlQuery query;
    if (arguments.limit)
        query.addQueryItem(QStringLiteral("limit"), QString::number(*arguments.limit));
    const ApiReply reply = m_client.get(QStringLiteral("/notifications/calls"), query);
    if (!reply.succeeded())
        return m_output.fail(CliExitStatus::Error, reply.describeError());
    if (arguments.json) {
        m_output.printRaw(reply.body);
        return CliExitStatus::Done;
    }
    const QJsonArray calls = reply.json().value(QStringLiteral("calls")).toArray();
    if (calls.isEmpty())
        m_output.print(QStringLiteral("no calls yet"));
    for (const QJsonValue &call : calls)
        m_output.print(ReadableText::callRow(call.toObject()));
    return CliExitStatus::Done;
}

} // namespace flux
