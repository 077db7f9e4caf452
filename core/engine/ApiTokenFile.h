// ApiTokenFile: the scripted API's bearer token kept in the data folder when FLUX_API_TOKEN is
// unset: generated on the first start, read back on later ones.
#pragma once

#include "base/Result.h"

#include <QByteArray>
#include <QString>

namespace flux::ApiTokenFile {

struct Token
{
    QByteArray value; // secret: never logged except once, by the caller, when just generated
    bool generated = false;
    QString path;
};

QString path(const QString &dataDir); // <dataDir>/api-token

// 32 bytes from the system's CSPRNG, base64url without padding: 43 characters.
QByteArray generate();

// Reads the token a running desk uses, never creating the file: for the command-line client.
Result<Token, QString> load(const QString &dataDir);

// Reads the token, or creates the file (mode 0600, never overwriting) with a new one. The
// error names the file and what is wrong, never the token.
Result<Token, QString> loadOrCreate(const QString &dataDir);

} // namespace flux::ApiTokenFile
