#include "config/ConfigSources.h"

#include "config/ConfigLoader.h"
#include "config/DotEnvFile.h"

#include <QCoreApplication>

namespace flux {

Result<Config, ConfigError> ConfigSources::load(const QHash<QString, QString> &saved) const
{
    return ConfigLoader::load(flags, environment, dotEnvPath, defaultDataDir, saved);
}

// Mirrors ConfigLoader's precedence, where an empty value counts as unset.
QString ConfigSources::overriddenBy(const QString &variable) const
{
    if (!flags.value(variable).isEmpty())
        return QCoreApplication::translate("ConfigSources", "the command line");
    if (!environment.value(variable).isEmpty())
        return QCoreApplication::translate("ConfigSources", "the environment");
    // A .env that cannot be read overrides nothing here; load() reports it.
    if (const auto dotEnv = DotEnvFile::read(dotEnvPath);
        dotEnv && !dotEnv.value().value(variable).isEmpty())
        return QCoreApplication::translate("ConfigSources", "the .env file");
    return {};
}

QString ConfigSources::overridingValue(const QString &variable) const
{
    if (!flags.value(variable).isEmpty())
        return flags.value(variable);
    if (!environment.value(variable).isEmpty())
        return environment.value(variable);
    const auto dotEnv = DotEnvFile::read(dotEnvPath);
    return dotEnv ? dotEnv.value().value(variable) : QString();
}

} // namespace flux
