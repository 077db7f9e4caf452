// SettingsDialog: the Twilio account, caller number, public URL, listen address and language,
// checked as the engine checks them and saved (the token to the keychain) for the engine's next
// start.
#pragma once

#include "config/ConfigSources.h"

#include <QDialog>
#include <QHash>
#include <QList>

#include <functional>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace flux {

class LanguageChooser;
class SavedSettings;

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // `settings` and its SecretStore must outlive the dialog. A value that `sources` set (command
    // line, environment, .env) wins over a saved one, so its field is shown read-only with a note.
    SettingsDialog(SavedSettings *settings, ConfigSources sources, QWidget *parent = nullptr);

    // Shows a problem met while applying (e.g. FLUX_LISTEN: the port is taken) next to the field
    // of `variable`, or below the form, and keeps the dialog open. Cancel then puts the settings
    // that last worked back and applies them again.
    void showApplyError(const QString &variable, const QString &message);

    bool isValid() const;
    bool hasChanges() const;

    // Asked before OK or Apply restarts the engine with new settings: it runs `proceed` once the
    // restart may go ahead (e.g. after saying that open notifications pause), or never.
    using RestartConfirmation = std::function<void(std::function<void()> proceed)>;
    void setRestartConfirmation(RestartConfirmation confirm)
    {
        m_confirmRestart = std::move(confirm);
    }

public Q_SLOTS:
    // Saves what changed and emits settingsApplied(); false if something was invalid or the
    // apply reported an error.
    bool apply();
    void accept() override;
    void reject() override;

Q_SIGNALS:
    // Saved: reload the configuration (ConfigSources::load) and restart the engine. Connect it
    // directly, so showApplyError() from the slot keeps the dialog open.
    void settingsApplied();

private:
    struct Field
    {
        QString variable;
        QLineEdit *edit = nullptr;
        QSpinBox *port = nullptr; // FLUX_LISTEN only: edit holds the address
        QLabel *message = nullptr;
        QString overriddenBy; // empty, or the layer whose value wins
        QString initial;      // the value shown when opened or last applied
        QString error;        // why the value is invalid, or empty
    };

    // OK (`close`) or Apply pressed: asks the restart confirmation first when there is a change.
    void requestApply(bool close);
    void buildForm();
    QLineEdit *addRow(QFormLayout *form, const QString &label, const QString &variable,
                      const QString &placeholder, QWidget *beside = nullptr);
    void fill(Field &field);
    QString candidate(const Field &field) const;
    void validate(Field &field);
    void showMessage(Field &field, const QString &text, bool isError);
    void updateTokenPlaceholder();
    void updateButtons();
    Field *fieldFor(const QString &variable);

    SavedSettings *m_settings;
    ConfigSources m_sources;
    QList<Field> m_fields;
    QToolButton *m_showToken = nullptr;
    LanguageChooser *m_language = nullptr; // FLUX_LANGUAGE
    QLabel *m_keychainNote = nullptr;
    QLabel *m_formError = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_applyFailed = false;
    bool m_revertPending = false;
    QHash<QString, QString> m_lastWorking; // saved values before the apply that failed
    RestartConfirmation m_confirmRestart;
};

} // namespace flux
