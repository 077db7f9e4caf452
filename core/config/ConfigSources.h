// ConfigSources: the configuration layers above the saved settings (command line, environment,
// .env), to load the effective configuration and to tell which of them sets a variable.
#pragma once

#include "base/Result.h"
#include "config/Config.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QString>

namespace flux {

struct ConfigSources
{
    QHash<QString, QString> flags; // CommandLine::overrides
    QProcessEnvironment environment;
    QString dotEnvPath;
    QString defaultDataDir;

    // ConfigLoader::load with `saved` as the layer just above the defaults.
    Result<Config, ConfigError> load(const QHash<QString, QString> &saved) const;

    // Which layer above the saved settings sets `variable`, in words for the window ("the
    // command line", "the environment", "the .env file"), or empty when none does.
    QString overriddenBy(const QString &variable) const;
    // That layer's value, as written there.
    QString overridingValue(const QString &variable) const;
};

} // namespace flux
