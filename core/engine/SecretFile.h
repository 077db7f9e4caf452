// SecretFile: a secret kept in the data folder when its variable is unset (the API token, the
// outcome webhooks' signing secret): generated on the first start, owner-only, read back later.
#pragma once

#include "base/Result.h"

#include <QByteArray>
#include <QString>

namespace flux::SecretFile {

struct Secret
{
    QByteArray value; // never logged
    bool generated = false;
    QString path;
};

// 32 bytes from the system's CSPRNG, base64url without padding: 43 characters.
QByteArray generate();

// Reads the secret at `path`, never creating or changing the file (for a client of the desk).
// `variable` is what to set instead, for the error, which never holds the secret.
Result<Secret, QString> load(const QString &path, const QString &variable);

// Reads the secret at `path`, or creates the file (mode 0600, never overwriting) with a new
// one. `variable` is what to set instead, for the error, which never holds the secret.
Result<Secret, QString> loadOrCreate(const QString &path, const QString &variable);

} // namespace flux::SecretFile
