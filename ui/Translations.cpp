#include "Translations.h"

#include "UiLog.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>

namespace flux {

namespace {

// Where qt_add_translations (ui/CMakeLists.txt) puts the compiled .qm files.
const QString ResourceDir = QStringLiteral(":/i18n");
const QString FilePrefix = QStringLiteral("flux-calldesk_");
const QString English = QStringLiteral("en");

QString resourcePath(const QString &code)
{
    return ResourceDir + QLatin1Char('/') + FilePrefix + code + QStringLiteral(".qm");
}

} // namespace

QStringList Translations::available()
{
    QStringList codes{English};
    const QStringList files =
        QDir(ResourceDir).entryList({FilePrefix + QStringLiteral("*.qm")}, QDir::Files);
    for (const QString &file : files) {
        const QString code = file.mid(FilePrefix.size()).chopped(3);
        if (!codes.contains(code))
            codes.append(code);
    }
    return codes;
}

QString Translations::nativeName(const QString &code)
{
    const QLocale locale(code);
    // Qt names "en" after its default country ("American English"); the window is not American.
    if (locale.language() == QLocale::English)
        return QStringLiteral("English");
    QString name = locale.nativeLanguageName();
    if (name.isEmpty())
        return code;
    name[0] = name[0].toUpper();
    return name;
}

Translations::~Translations()
{
    remove();
}

bool Translations::install(const QString &code)
{
    remove();
    if (code == English)
        return true;
    if (!m_app.load(resourcePath(code))) {
        qCWarning(lcUi) << "no translation of the window for" << code << "- it stays in English";
        return false;
    }
    QCoreApplication::installTranslator(&m_app);
    // Qt's own words (OK, Cancel, the context menus of text fields) when the system has them.
    if (m_qt.load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qt);
    m_installed = code;
    qCInfo(lcUi) << "window language:" << code;
    return true;
}

void Translations::remove()
{
    QCoreApplication::removeTranslator(&m_app);
    QCoreApplication::removeTranslator(&m_qt);
    m_installed = English;
}

} // namespace flux
