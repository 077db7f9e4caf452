#include "LanguageChooser.h"

#include "SavedSettings.h"
#include "Translations.h"
#include "config/ConfigSources.h"

#include <QComboBox>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace flux {

const QString &LanguageChooser::variable()
{
    static const QString name = QStringLiteral("FLUX_LANGUAGE");
    return name;
}

LanguageChooser::LanguageChooser(const SavedSettings &settings, const ConfigSources &sources,
                                 QWidget *parent)
    : QWidget(parent), m_combo(new QComboBox(this)), m_note(new QLabel(this))
{
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    m_combo->setAccessibleName(tr("Language"));
    m_combo->addItem(tr("System language"), QString());
    for (const QString &code : Translations::available())
        m_combo->addItem(Translations::nativeName(code), code);
    column->addWidget(m_combo);
    m_note->setWordWrap(true);
    m_note->setStyleSheet(QStringLiteral("font-style: italic"));
    column->addWidget(m_note);

    const QString overriddenBy = sources.overriddenBy(variable());
    const QString value = overriddenBy.isEmpty()
                              ? settings.value(variable())
                              : sources.overridingValue(variable()).trimmed().toLower();
    m_combo->setCurrentIndex(std::max(0, m_combo->findData(value)));
    m_saved = chosen();
    // The window's widgets are built once, in the language installed at start-up; the engine,
    // restarted on apply, speaks the new one from the next call on.
    if (overriddenBy.isEmpty()) {
        m_note->setText(tr("Calls use it from the next call on, the window from its next start."));
    } else {
        m_combo->setEnabled(false);
        m_note->setText(tr("Set by %1, which wins over a value saved here.").arg(overriddenBy));
    }
    connect(m_combo, &QComboBox::currentIndexChanged, this, &LanguageChooser::changed);
}

QString LanguageChooser::chosen() const
{
    return m_combo->currentData().toString();
}

bool LanguageChooser::hasChange() const
{
    return m_combo->isEnabled() && chosen() != m_saved;
}

void LanguageChooser::markSaved()
{
    m_saved = chosen();
}

} // namespace flux
