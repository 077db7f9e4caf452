// SavedSettings: the settings saved from the window, plain values in QSettings and the auth token
// in the SecretStore only; ConfigLoader reads them as its layer just above the defaults.
#pragma once

#include "base/Result.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <memory>

class QSettings;

namespace flux {

class SecretStore;

class SavedSettings
{
public:
    // The variables the window saves, in the order the form shows them.
    static QStringList names();
    static const QString &tokenName(); // TWILIO_AUTH_TOKEN: kept by the SecretStore, never here

    // `filePath` empty: the application's usual settings file, named after the organisation and
    // application names of QCoreApplication (the application name alone when there is no
    // organisation). `secrets` must outlive this.
    explicit SavedSettings(SecretStore *secrets, const QString &filePath = {});
    ~SavedSettings();

    // Every saved value that is set, keyed by variable name, the token included: the `saved`
    // argument of ConfigLoader::load.
    QHash<QString, QString> values() const;
    QString value(const QString &name) const;

    // Saves the variables given: an empty value forgets one, a variable not given is left as it
    // is. The plain values are on disk when this returns; the token is in the SecretStore at once
    // and reaches the keychain in the background. A failure says why, never with a value in it.
    Result<void, QString> save(const QHash<QString, QString> &values);

    SecretStore *secrets() const { return m_secrets; }
    QString fileName() const;

private:
    SecretStore *m_secrets;
    std::unique_ptr<QSettings> m_settings;
};

} // namespace flux
