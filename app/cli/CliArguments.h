// CliArguments: what `flux-calldesk call`, `status` or `calls` was asked to do, parsed from the
// command line (the flags that find the desk, then each command's own).
#pragma once

#include "base/Result.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace flux {

struct CliArguments
{
    enum class Command
    {
        Call,
        Status,
        Calls,
    };

    Command command = Command::Call;
    bool help = false;
    bool json = false;
    QString url;   // --url; empty: FLUX_URL, else the listen address (DeskEndpoint)
    QString token; // --token; secret, never printed. Empty: FLUX_API_TOKEN, else the token file

    // call
    QString to;
    QString title;
    QString taskId;
    QStringList escalation;
    bool wait = false;
    std::optional<qint64> timeoutMs; // --timeout; none: wait until the outcome

    // status: a notification id (NO...) or a call sid (CA...)
    QString id;

    // calls; none: the desk's default
    std::optional<int> limit;

    // Whether `word` (argv[1]) names one of these commands rather than a flag of the desk.
    static bool isCommand(const QString &word);
    // `arguments` as QCoreApplication::arguments() gives them: the program, the command, flags.
    // The error is one line naming the flag.
    static Result<CliArguments, QString> parse(const QStringList &arguments);
    // What --help prints.
    static QString usage();
};

} // namespace flux
