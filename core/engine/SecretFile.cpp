#include "engine/SecretFile.h"

#include "api/BearerAuth.h"
#include "base/LogCategories.h"

#include <QFile>
#include <QRandomGenerator>

namespace flux::SecretFile {

namespace {
constexpr int RandomBytes = 32;
constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
} // namespace

QByteArray generate()
{
    QByteArray raw(RandomBytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Result<Secret, QString> load(const QString &path, const QString &variable)
{
    QFile file(path);
    if (!file.exists())
        return QStringLiteral("%1 does not exist: set %2").arg(path, variable);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("%1 could not be read: %2").arg(path, file.errorString());
    Secret secret;
    secret.path = path;
    secret.value = file.read(BearerAuth::MaxTokenLength + 2).trimmed();
    if (!BearerAuth::isUsableToken(secret.value))
        return QStringLiteral("%1 does not hold a usable secret; delete it to have a new one "
                              "generated, or set %2")
            .arg(path, variable);
    return secret;
}

Result<Secret, QString> loadOrCreate(const QString &path, const QString &variable)
{
    Secret secret;
    secret.path = path;
    QFile file(path);
    // Created with its final permissions and only if absent, so it is never readable by
    // others for a moment and never replaces a secret already in use.
    if (file.open(QIODevice::WriteOnly | QIODevice::NewOnly, OwnerOnly)) {
        secret.value = generate();
        if (file.write(secret.value + '\n') != secret.value.size() + 1 || !file.flush()) {
            file.remove();
            return QStringLiteral("%1 could not be written: %2").arg(path, file.errorString());
        }
        secret.generated = true;
        return secret;
    }
    if (!file.exists())
        return QStringLiteral("%1 could not be created: %2").arg(path, file.errorString());
    const auto existing = load(path, variable);
    if (!existing)
        return existing.error();
    if (file.permissions() & ~(OwnerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser)) {
        qCWarning(lcApp).noquote() << path << "was readable by others: made owner-only";
        file.setPermissions(OwnerOnly);
    }
    return existing.value();
}

} // namespace flux::SecretFile
