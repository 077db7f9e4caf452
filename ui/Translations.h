// Translations: puts the window's words (and Qt's own, such as OK and Cancel) in one language,
// from the .qm files built into the app, and tells which languages the window has.
#pragma once

#include <QString>
#include <QStringList>
#include <QTranslator>

namespace flux {

class Translations
{
public:
    // Codes the window speaks ("en", "de"): English, which needs no file, and every
    // flux-calldesk_<code>.qm among the resources.
    static QStringList available();
    // The language's own name for itself, e.g. "Deutsch" for "de".
    static QString nativeName(const QString &code);

    Translations() = default;
    ~Translations();
    Translations(const Translations &) = delete;
    Translations &operator=(const Translations &) = delete;

    // Installs the translation of `code` into QCoreApplication, replacing the one installed
    // before; English (or a code without a translation) removes it. False when the window has no
    // translation for `code`.
    bool install(const QString &code);
    QString installed() const { return m_installed; }

private:
    void remove();

    QTranslator m_app;
    QTranslator m_qt;
    QString m_installed = QStringLiteral("en");
};

} // namespace flux
