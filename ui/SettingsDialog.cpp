#include "SettingsDialog.h"

#include "LanguageChooser.h"
#include "SavedSettings.h"
#include "SecretStore.h"
#include "UiLog.h"

#include "config/ConfigLoader.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace flux {

namespace {

const QString AccountSid = QStringLiteral("TWILIO_ACCOUNT_SID");
const QString PhoneNumber = QStringLiteral("TWILIO_PHONE_NUMBER");
const QString PublicBaseUrl = QStringLiteral("PUBLIC_BASE_URL");
const QString Listen = QStringLiteral("FLUX_LISTEN");

// The same check the engine makes at start-up, on this one value alone, so every field gets its
// own message rather than only the first bad one.
QString problemWith(const QString &variable, const QString &value)
{
    if (value.isEmpty())
        return {};
    const auto checked = ConfigLoader::load({{variable, value}}, QProcessEnvironment(), QString(),
                                            QStringLiteral("."));
    if (checked || checked.error().variable != variable)
        return {};
    QString problem = checked.error().problem;
    if (!problem.isEmpty())
        problem[0] = problem[0].toUpper();
    return problem;
}

QString joinHostPort(const QString &host, int port)
{
    return (host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host) +
           QLatin1Char(':') + QString::number(port);
}

// The inverse of joinHostPort, tolerant: a value it cannot split stays whole in the host.
void splitHostPort(const QString &text, QString &host, int &port)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const int number = colon > 0 ? text.mid(colon + 1).toInt(&ok) : 0;
    if (!ok || number < 0 || number > 65535) {
        host = text;
        return;
    }
    host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    port = number;
}

} // namespace

SettingsDialog::SettingsDialog(SavedSettings *settings, ConfigSources sources, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_sources(std::move(sources))
{
    setWindowTitle(tr("Settings"));
    setAccessibleName(tr("Settings"));
    buildForm();
    setMinimumWidth(560); // room for the placeholders that explain each field
    for (Field &field : m_fields)
        fill(field);
    for (Field &field : m_fields)
        field.initial = candidate(field);
    updateTokenPlaceholder();

    SecretStore *secrets = m_settings->secrets();
    m_keychainNote->setVisible(!secrets->available());
    connect(secrets, &SecretStore::availableChanged, this, [this](bool available) {
        m_keychainNote->setVisible(!available);
        m_keychainNote->setToolTip(m_settings->secrets()->problem());
    });
    m_keychainNote->setToolTip(secrets->problem());
    updateButtons();
}

void SettingsDialog::buildForm()
{
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Calls go through Twilio when the account SID, auth token and "
                                "caller number are all set, otherwise through the built-in "
                                "simulator."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_keychainNote = new QLabel(
        tr("The system keychain is not available: the token is kept for this run only."), this);
    m_keychainNote->setWordWrap(true);
    m_keychainNote->setAccessibleName(tr("Keychain note"));
    m_keychainNote->setStyleSheet(QStringLiteral("font-weight: bold"));
    layout->addWidget(m_keychainNote);

    auto *form = new QFormLayout;
    layout->addLayout(form);
    m_fields.reserve(5);
    // The token's Show button and the port sit beside their line edits.
    m_showToken = new QToolButton(this);
    m_showToken->setText(tr("Show"));
    m_showToken->setCheckable(true);
    m_showToken->setAccessibleName(tr("Show auth token"));
    auto *port = new QSpinBox(this);
    port->setRange(0, 65535);
    port->setSpecialValueText(tr("any free port"));
    port->setAccessibleName(tr("Listen port"));

    addRow(form, tr("Account &SID"), AccountSid, tr("AC followed by 32 hex digits"));
    QLineEdit *token = addRow(form, tr("Auth &token"), SavedSettings::tokenName(), {}, m_showToken);
    addRow(form, tr("Caller &number"), PhoneNumber, tr("your Twilio number, such as +14155550123"));
    addRow(form, tr("Public &base URL"), PublicBaseUrl,
           tr("empty: the listen address, which only this computer reaches"));
    addRow(form, tr("&Listen address"), Listen, tr("such as 127.0.0.1"), port);
    m_fields.last().port = port;
    connect(port, &QSpinBox::valueChanged, this, [this] {
        validate(m_fields.last());
        updateButtons();
    });
    m_language = new LanguageChooser(*m_settings, m_sources, this);
    connect(m_language, &LanguageChooser::changed, this, &SettingsDialog::updateButtons);
    auto *languageCaption = new QLabel(tr("Lan&guage"), this);
    languageCaption->setBuddy(m_language->comboBox());
    form->addRow(languageCaption, m_language);

    token->setEchoMode(QLineEdit::Password);
    connect(m_showToken, &QToolButton::toggled, this, [this, token](bool shown) {
        token->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_showToken->setText(shown ? tr("Hide") : tr("Show"));
        m_showToken->setAccessibleName(shown ? tr("Hide auth token") : tr("Show auth token"));
    });

    m_formError = new QLabel(this);
    m_formError->setWordWrap(true);
    m_formError->setAccessibleName(tr("Settings error"));
    m_formError->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_formError->hide();
    layout->addWidget(m_formError);

    m_buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("OK"));
    m_buttons->button(QDialogButtonBox::Apply)->setAccessibleName(tr("Apply"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] { requestApply(true); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            [this] { requestApply(false); });
    layout->addWidget(m_buttons);

    // Tab order follows the form, top to bottom, then the buttons.
    QList<QWidget *> order;
    for (const Field &field : m_fields) {
        order << field.edit;
        if (field.variable == SavedSettings::tokenName())
            order << m_showToken;
        if (field.port)
            order << field.port;
    }
    order << m_buttons->button(QDialogButtonBox::Ok) << m_buttons->button(QDialogButtonBox::Apply)
          << m_buttons->button(QDialogButtonBox::Cancel);
    order.insert(order.size() - 3, m_language->comboBox());
    for (int i = 1; i < order.size(); ++i)
        setTabOrder(order[i - 1], order[i]);
}

// One form row: the line edit (and what sits beside it), with the field's message below.
QLineEdit *SettingsDialog::addRow(QFormLayout *form, const QString &label, const QString &variable,
                                  const QString &placeholder, QWidget *beside)
{
    QString name = label;
    name.remove(QLatin1Char('&'));
    auto *row = new QWidget(this);
    auto *column = new QVBoxLayout(row);
    column->setContentsMargins(0, 0, 0, 0);
    auto *line = new QHBoxLayout;
    column->addLayout(line);

    Field field;
    field.variable = variable;
    field.edit = new QLineEdit(row);
    field.edit->setAccessibleName(name);
    field.edit->setPlaceholderText(placeholder);
    line->addWidget(field.edit, 1);
    if (beside)
        line->addWidget(beside);
    field.message = new QLabel(row);
    field.message->setWordWrap(true);
    field.message->setAccessibleName(name + tr(" message"));
    field.message->hide();
    column->addWidget(field.message);
    m_fields.append(field);

    const qsizetype index = m_fields.size() - 1;
    connect(field.edit, &QLineEdit::textChanged, this, [this, index] {
        validate(m_fields[index]);
        updateButtons();
    });
    auto *caption = new QLabel(label, this);
    caption->setBuddy(field.edit);
    form->addRow(caption, row);
    return field.edit;
}

void SettingsDialog::fill(Field &field)
{
    field.overriddenBy = m_sources.overriddenBy(field.variable);
    const bool isToken = field.variable == SavedSettings::tokenName();
    QString value;
    if (!field.overriddenBy.isEmpty()) {
        // The token is never shown, whoever set it.
        value = isToken ? QString() : m_sources.overridingValue(field.variable);
        field.edit->setReadOnly(true);
        if (field.port) {
            field.port->setReadOnly(true);
            field.port->setButtonSymbols(QAbstractSpinBox::NoButtons);
        }
        if (isToken) {
            field.edit->setPlaceholderText(tr("set by %1").arg(field.overriddenBy));
            m_showToken->setEnabled(false);
        }
        showMessage(field,
                    tr("Set by %1, which wins over a value saved here.").arg(field.overriddenBy),
                    false);
    } else if (!isToken) {
        value = m_settings->value(field.variable);
    }
    if (field.port) {
        if (value.isEmpty()) {
            const Config defaults;
            value = joinHostPort(defaults.listenAddress.toString(), defaults.listenPort);
        }
        QString host;
        int port = 0;
        splitHostPort(value, host, port);
        field.edit->setText(host);
        field.port->setValue(port);
    } else {
        field.edit->setText(value);
    }
}

QString SettingsDialog::candidate(const Field &field) const
{
    if (field.port)
        return joinHostPort(field.edit->text().trimmed(), field.port->value());
    return field.edit->text().trimmed();
}

void SettingsDialog::validate(Field &field)
{
    if (!field.overriddenBy.isEmpty())
        return;
    field.error = problemWith(field.variable, candidate(field));
    showMessage(field, field.error, true);
}

void SettingsDialog::showMessage(Field &field, const QString &text, bool isError)
{
    field.message->setText(text);
    // Notes in the text colour (the theme's grey is too faint to read), errors in red.
    field.message->setStyleSheet(isError ? QStringLiteral("color: #c0392b")
                                         : QStringLiteral("font-style: italic"));
    field.message->setVisible(!text.isEmpty());
    // A screen reader reads the message with the field.
    field.edit->setAccessibleDescription(text);
}

void SettingsDialog::updateTokenPlaceholder()
{
    Field *token = fieldFor(SavedSettings::tokenName());
    if (!token->overriddenBy.isEmpty())
        return;
    token->edit->setPlaceholderText(m_settings->secrets()->hasToken() ? tr("unchanged")
                                                                      : tr("not set"));
}

void SettingsDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(isValid());
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(isValid() && hasChanges());
}

SettingsDialog::Field *SettingsDialog::fieldFor(const QString &variable)
{
    for (Field &field : m_fields) {
        if (field.variable == variable)
            return &field;
    }
    return nullptr;
}

bool SettingsDialog::isValid() const
{
    return std::all_of(m_fields.begin(), m_fields.end(),
                       [](const Field &field) { return field.error.isEmpty(); });
}

bool SettingsDialog::hasChanges() const
{
    if (m_language->hasChange())
        return true;
    return std::any_of(m_fields.begin(), m_fields.end(), [this](const Field &field) {
        return field.overriddenBy.isEmpty() && candidate(field) != field.initial;
    });
}

bool SettingsDialog::apply()
{
    if (!isValid())
        return false;
    QHash<QString, QString> changes;
    for (const Field &field : m_fields) {
        if (field.overriddenBy.isEmpty() && candidate(field) != field.initial)
            changes.insert(field.variable, candidate(field));
    }
    if (m_language->hasChange())
        changes.insert(LanguageChooser::variable(), m_language->chosen());
    // Nothing new, but the last apply failed: try again (the port may be free by now).
    if (changes.isEmpty() && !m_revertPending)
        return true;

    if (!m_revertPending) {
        m_lastWorking.clear();
        for (const QString &name : SavedSettings::names())
            m_lastWorking.insert(name, m_settings->value(name));
    }
    m_formError->hide();
    const auto saved = m_settings->save(changes);
    if (!saved) {
        m_formError->setText(tr("Could not save the settings: %1.").arg(saved.error()));
        m_formError->show();
        return false;
    }
    for (Field &field : m_fields) {
        if (field.variable == SavedSettings::tokenName())
            field.edit->clear(); // "unchanged" from now on; never left in the field
        field.initial = candidate(field);
        if (field.overriddenBy.isEmpty())
            showMessage(field, {}, true);
    }
    updateTokenPlaceholder();
    m_language->markSaved();

    m_applyFailed = false;
    Q_EMIT settingsApplied(); // the slot may call showApplyError()
    m_revertPending = m_applyFailed;
    updateButtons();
    return !m_applyFailed;
}

void SettingsDialog::requestApply(bool close)
{
    const auto go = [this, close] {
        if (close)
            accept();
        else
            apply();
    };
    // Nothing to restart for: no question.
    if (!m_confirmRestart || !isValid() || (!hasChanges() && !m_revertPending)) {
        go();
        return;
    }
    // The dialog may be closed while the question is open: only a dialog still here applies.
    m_confirmRestart([dialog = QPointer<SettingsDialog>(this), go] {
        if (dialog)
            go();
    });
}

void SettingsDialog::showApplyError(const QString &variable, const QString &message)
{
    m_applyFailed = true;
    qCWarning(lcUi).noquote() << "applying the settings failed:" << variable << message;
    if (Field *field = fieldFor(variable); field && field->overriddenBy.isEmpty()) {
        showMessage(*field, message, true);
        field->edit->setFocus();
        return;
    }
    m_formError->setText(variable.isEmpty() ? message : variable + QStringLiteral(": ") + message);
    m_formError->show();
}

void SettingsDialog::accept()
{
    if (apply())
        QDialog::accept();
}

void SettingsDialog::reject()
{
    if (m_revertPending) {
        // The engine is down after the failed apply: bring it back on what worked before.
        m_revertPending = false;
        if (const auto saved = m_settings->save(m_lastWorking); !saved)
            qCWarning(lcUi).noquote()
                << "could not restore the last working settings:" << saved.error();
        Q_EMIT settingsApplied();
    }
    QDialog::reject();
}

} // namespace flux
