// ConfigLoader: merges command line, environment, .env and defaults (highest first) and validates.
#pragma once

#include "base/Result.h"
#include "config/Config.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QString>

namespace flux::ConfigLoader {

// The variable names the loader reads, in the order --help lists them.
QStringList variableNames();

// `overrides` holds values from the command line, keyed by variable name (FLUX_LISTEN, ...).
// `dotEnvPath` may name a file that does not exist. `saved` holds the settings saved from the
// window, keyed the same way: they win over the defaults only.
Result<Config, ConfigError> load(const QHash<QString, QString> &overrides,
                                 const QProcessEnvironment &environment, const QString &dotEnvPath,
                                 const QString &defaultDataDir,
                                 const QHash<QString, QString> &saved = {});

} // namespace flux::ConfigLoader
