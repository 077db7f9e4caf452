#include "engine/ApiTokenFile.h"

#include "engine/SecretFile.h"

#include <QDir>

namespace flux::ApiTokenFile {

QString path(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("api-token"));
}

QByteArray generate()
{
    return SecretFile::generate();
}

Result<Token, QString> load(const QString &dataDir)
{
    const auto secret = SecretFile::load(path(dataDir), QStringLiteral("FLUX_API_TOKEN"));
    if (!secret)
        return secret.error();
    return Token{secret.value().value, false, secret.value().path};
}

Result<Token, QString> loadOrCreate(const QString &dataDir)
{
    const auto secret = SecretFile::loadOrCreate(path(dataDir), QStringLiteral("FLUX_API_TOKEN"));
    if (!secret)
        return secret.error();
    return Token{secret.value().value, secret.value().generated, secret.value().path};
}

} // namespace flux::ApiTokenFile
