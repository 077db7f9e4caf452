// CommandLine: flags, --help and --version, mapped onto the configuration's variable names.
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace flux {

struct CommandLine
{
    QHash<QString, QString> overrides; // variable name -> value given as a flag
    QString envFile = QStringLiteral(".env");
    bool headless = false;
    QString logLevel;  // --log-level, empty when not given
    QString logFormat; // --log-format, empty when not given

    // Exits the process itself for --help, --version and unknown flags, as QCommandLineParser does.
    static CommandLine parse(const QStringList &arguments);
};

} // namespace flux
