#include "SavedSettings.h"

#include "SecretStore.h"

#include <QCoreApplication>
#include <QSettings>

namespace flux {

namespace {

std::unique_ptr<QSettings> openSettings(const QString &filePath)
{
    if (!filePath.isEmpty())
        return std::make_unique<QSettings>(filePath, QSettings::IniFormat);
    // QSettings refuses to write without an organisation; the application name stands in.
    const QString application = QCoreApplication::applicationName();
    const QString organisation = QCoreApplication::organizationName().isEmpty()
                                     ? application
                                     : QCoreApplication::organizationName();
    return std::make_unique<QSettings>(organisation, application);
}

} // namespace

QStringList SavedSettings::names()
{
    return {QStringLiteral("TWILIO_ACCOUNT_SID"),  tokenName(),
            QStringLiteral("TWILIO_PHONE_NUMBER"), QStringLiteral("PUBLIC_BASE_URL"),
            QStringLiteral("FLUX_LISTEN"),         QStringLiteral("FLUX_LANGUAGE")};
}

const QString &SavedSettings::tokenName()
{
    static const QString name = QStringLiteral("TWILIO_AUTH_TOKEN");
    return name;
}

SavedSettings::SavedSettings(SecretStore *secrets, const QString &filePath)
    : m_secrets(secrets), m_settings(openSettings(filePath))
{}

SavedSettings::~SavedSettings() = default;

QHash<QString, QString> SavedSettings::values() const
{
    QHash<QString, QString> values;
    for (const QString &name : names()) {
        if (const QString value = this->value(name); !value.isEmpty())
            values.insert(name, value);
    }
    return values;
}

QString SavedSettings::value(const QString &name) const
{
    if (name == tokenName())
        return QString::fromUtf8(m_secrets->token());
    return m_settings->value(name).toString();
}

Result<void, QString> SavedSettings::save(const QHash<QString, QString> &values)
{
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (it.key() == tokenName() || !names().contains(it.key()))
            continue;
        if (it.value().isEmpty())
            m_settings->remove(it.key());
        else
            m_settings->setValue(it.key(), it.value());
    }
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError)
        return QCoreApplication::translate("SavedSettings", "could not write %1")
            .arg(m_settings->fileName());
    // After the file, so a file that cannot be written does not leave a new token behind it.
    if (values.contains(tokenName()) && values.value(tokenName()).toUtf8() != m_secrets->token())
        m_secrets->setToken(values.value(tokenName()).toUtf8());
    return {};
}

QString SavedSettings::fileName() const
{
    return m_settings->fileName();
}

} // namespace flux
