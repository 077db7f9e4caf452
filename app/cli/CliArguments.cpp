#include "cli/CliArguments.h"

#include "cli/Duration.h"

#include <QCommandLineParser>

namespace flux {

namespace {

const QString CallName = QStringLiteral("call");
const QString StatusName = QStringLiteral("status");
const QString CallsName = QStringLiteral("calls");

QCommandLineOption valueOption(const QString &name, const QString &valueName)
{
    return QCommandLineOption(name, QString(), valueName);
}

} // namespace

bool CliArguments::isCommand(const QString &word)
{
    return word == CallName || word == StatusName || word == CallsName;
}

QString CliArguments::usage()
{
    return QStringLiteral(
        "Usage: flux-calldesk call --to NUMBER --title TEXT [--task-id ID]\n"
        "                          [--escalation NUMBER,NUMBER...] [--wait [--timeout SPAN]]\n"
        "       flux-calldesk status NO...|CA...\n"
        "       flux-calldesk calls [--limit N]\n"
        "\n"
        "Talk to a running desk's API: place a notification (and with --wait follow it until\n"
        "someone acknowledges it or it ends without), read a notification or a call, list the\n"
        "latest calls.\n"
        "\n"
        "  --to NUMBER          the first number to call, E.164 (+15555550101)\n"
        "  --title TEXT         the task, as the callee hears it\n"
        "  --task-id ID         your reference for the task, such as an incident number\n"
        "  --escalation LIST    the numbers to call next, in order: comma-separated, or the\n"
        "                       flag again\n"
        "  --wait               follow the notification until its outcome\n"
        "  --timeout SPAN       stop waiting after 90s, 10m, 1h or 1h30m (default: no limit);\n"
        "                       the desk goes on calling\n"
        "  --limit N            how many calls, newest first (default: the desk's, 50)\n"
        "  --json               print the API's JSON as it came, one document a line\n"
        "  --url URL            the desk's API (default: FLUX_URL, else http://FLUX_LISTEN,\n"
        "                       127.0.0.1:8000)\n"
        "  --token TOKEN        the API token (default: FLUX_API_TOKEN, else the api-token\n"
        "                       file in FLUX_DATA_DIR); a flag shows in process listings\n"
        "  -h, --help           this text\n"
        "\n"
        "FLUX_LISTEN, FLUX_DATA_DIR and FLUX_API_TOKEN are read as the desk reads them: the\n"
        "environment, then ./.env.\n"
        "\n"
        "Exit status: 0 acknowledged (or done), 1 not acknowledged or canceled, 2 an error (bad\n"
        "flags, no token, desk unreachable, an HTTP error: its detail is printed), 3 --timeout\n"
        "passed first.\n");
}

Result<CliArguments, QString> CliArguments::parse(const QStringList &arguments)
{
    CliArguments result;
    if (arguments.size() < 2 || !isCommand(arguments.at(1)))
        return QStringLiteral("expected a command: call, status or calls");
    const QString command = arguments.at(1);
    result.command = command == CallName     ? Command::Call
                     : command == StatusName ? Command::Status
                                             : Command::Calls;

    QCommandLineParser parser;
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption json(QStringLiteral("json"));
    const QCommandLineOption url = valueOption(QStringLiteral("url"), QStringLiteral("url"));
    const QCommandLineOption token = valueOption(QStringLiteral("token"), QStringLiteral("token"));
    const QCommandLineOption to = valueOption(QStringLiteral("to"), QStringLiteral("number"));
    const QCommandLineOption title = valueOption(QStringLiteral("title"), QStringLiteral("text"));
    const QCommandLineOption taskId = valueOption(QStringLiteral("task-id"), QStringLiteral("id"));
    const QCommandLineOption escalation =
        valueOption(QStringLiteral("escalation"), QStringLiteral("numbers"));
    const QCommandLineOption wait(QStringLiteral("wait"));
    const QCommandLineOption timeout =
        valueOption(QStringLiteral("timeout"), QStringLiteral("span"));
    const QCommandLineOption limit = valueOption(QStringLiteral("limit"), QStringLiteral("n"));
    parser.addOptions({help, json, url, token});
    if (result.command == Command::Call)
        parser.addOptions({to, title, taskId, escalation, wait, timeout});
    if (result.command == Command::Calls)
        parser.addOption(limit);

    // The parser takes the first element for the program's name: the command stands in for it.
    if (!parser.parse(arguments.mid(1)))
        return QStringLiteral("%1: %2").arg(command, parser.errorText());
    result.help = parser.isSet(help);
    if (result.help)
        return result;
    result.json = parser.isSet(json);
    result.url = parser.value(url);
    result.token = parser.value(token);

    const QStringList positional = parser.positionalArguments();
    switch (result.command) {
    case Command::Call: {
        if (!positional.isEmpty())
            return QStringLiteral("call: unexpected argument \"%1\"").arg(positional.first());
        result.to = parser.value(to).trimmed();
        result.title = parser.value(title).trimmed();
        if (result.to.isEmpty())
            return QStringLiteral("call: --to NUMBER is missing");
        if (result.title.isEmpty())
            return QStringLiteral("call: --title TEXT is missing");
        result.taskId = parser.value(taskId).trimmed();
        for (const QString &list : parser.values(escalation)) {
            for (const QString &number : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                if (!number.trimmed().isEmpty())
                    result.escalation.append(number.trimmed());
            }
        }
        result.wait = parser.isSet(wait);
        if (parser.isSet(timeout)) {
            if (!result.wait)
                return QStringLiteral("call: --timeout is for --wait");
            result.timeoutMs = Duration::parseMs(parser.value(timeout));
            if (!result.timeoutMs)
                return QStringLiteral("call: --timeout \"%1\" is not a span such as 90s, 10m, 1h "
                                      "or 1h30m")
                    .arg(parser.value(timeout));
        }
        break;
    }
    case Command::Status:
        if (positional.size() != 1)
            return QStringLiteral("status: expected one notification id (NO...) or call sid "
                                  "(CA...)");
        result.id = positional.first().trimmed();
        if (!result.id.startsWith(QLatin1String("NO")) &&
            !result.id.startsWith(QLatin1String("CA")))
            return QStringLiteral("status: \"%1\" is neither a notification id (NO...) nor a "
                                  "call sid (CA...)")
                .arg(result.id);
        break;
    case Command::Calls:
        if (!positional.isEmpty())
            return QStringLiteral("calls: unexpected argument \"%1\"").arg(positional.first());
        if (parser.isSet(limit)) {
            bool ok = false;
            const int value = parser.value(limit).toInt(&ok);
            if (!ok || value < 1)
                return QStringLiteral("calls: --limit \"%1\" is not a whole number from 1")
                    .arg(parser.value(limit));
            result.limit = value;
        }
        break;
    }
    return result;
}

} // namespace flux
