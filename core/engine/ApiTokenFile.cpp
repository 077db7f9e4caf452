#include "engine/ApiTokenFile.h"

#include "api/BearerAuth.h"
#include "base/LogCategories.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>

namespace flux::ApiTokenFile {

namespace {
constexpr int RandomBytes = 32;
constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
} // namespace

QString path(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("api-token"));
}

QByteArray generate()
{
    QByteArray raw(RandomBytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Result<Token, QString> loadOrCreate(const QString &dataDir)
{
    Token token;
    token.path = path(dataDir);
    QFile file(token.path);
    // Created with its final permissions and only if absent, so it is never readable by
    // others for a moment and never replaces a token scripts already use.
    if (file.open(QIODevice::WriteOnly | QIODevice::NewOnly, OwnerOnly)) {
        token.value = generate();
        if (file.write(token.value + '\n') != token.value.size() + 1 || !file.flush()) {
            file.remove();
            return QStringLiteral("%1 could not be written: %2")
                .arg(token.path, file.errorString());
        }
        token.generated = true;
        return token;
    }
    if (!file.exists())
        return QStringLiteral("%1 could not be created: %2").arg(token.path, file.errorString());
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("%1 could not be read: %2").arg(token.path, file.errorString());
    token.value = file.read(BearerAuth::MaxTokenLength + 2).trimmed();
    if (!BearerAuth::isUsableToken(token.value))
        return QStringLiteral("%1 does not hold a usable API token; delete it to have a new one "
                              "generated, or set FLUX_API_TOKEN")
            .arg(token.path);
    if (file.permissions() & ~(OwnerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser)) {
        qCWarning(lcApp).noquote() << token.path << "was readable by others: made owner-only";
        file.setPermissions(OwnerOnly);
    }
    return token;
}

} // namespace flux::ApiTokenFile
