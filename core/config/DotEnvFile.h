// DotEnvFile: reads KEY=VALUE lines from a .env file, as docker/python-dotenv users write them.
#pragma once

#include "base/Result.h"
#include "config/Config.h"

#include <QHash>
#include <QString>

namespace flux::DotEnvFile {
// `# comments`, blank lines, optional `export `, values bare, 'single' or "double" quoted
// (double quotes understand \n \" \\), trailing ` # comment` after bare values. A line that is
// none of these is an error naming the file and line.
Result<QHash<QString, QString>, ConfigError> parse(const QByteArray &text, const QString &fileName);
// A missing file is an empty result, not an error.
Result<QHash<QString, QString>, ConfigError> read(const QString &path);
} // namespace flux::DotEnvFile
