// LanguageChooser: the Settings dialog's FLUX_LANGUAGE row: the system's language or one the
// window has, read-only with a note when a flag, the environment or .env sets it.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;

namespace flux {

struct ConfigSources;
class SavedSettings;

class LanguageChooser : public QWidget
{
    Q_OBJECT
public:
    static const QString &variable(); // FLUX_LANGUAGE

    LanguageChooser(const SavedSettings &settings, const ConfigSources &sources,
                    QWidget *parent = nullptr);

    QComboBox *comboBox() const { return m_combo; }
    // The code chosen ("en", "de"), or empty for the system's language.
    QString chosen() const;
    // Chosen here and not yet saved; never while a higher layer sets the language.
    bool hasChange() const;
    // What is chosen now has been saved.
    void markSaved();

Q_SIGNALS:
    void changed();

private:
    QComboBox *m_combo;
    QLabel *m_note;
    QString m_saved;
};

} // namespace flux
