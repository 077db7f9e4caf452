#include "ContactBookDialog.h"

#include "ContactEditDialog.h"
#include "EscalationListsPage.h"
#include "UiLog.h"

#include "engine/EngineClient.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace flux {

namespace {

enum Column
{
    NameColumn,
    NumberColumn,
    LanguageColumn,
    NoteColumn,
    ColumnCount
};

// The errors of an import, one line each, at most `shown` of them.
QString describe(const QList<ContactCsv::LineError> &errors, int shown)
{
    QStringList lines;
    for (int i = 0; i < errors.size() && i < shown; ++i)
        lines
            << ContactBookDialog::tr("line %1: %2").arg(errors.at(i).line).arg(errors.at(i).reason);
    if (errors.size() > shown)
        lines << ContactBookDialog::tr("… and %1 more").arg(errors.size() - shown);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

ContactBookDialog::ContactBookDialog(EngineClient *engine, QWidget *parent)
    : QDialog(parent), m_engine(engine), m_tabs(new QTabWidget(this)),
      m_table(new QTableWidget(0, ColumnCount, this)), m_add(new QPushButton(tr("&Add…"), this)),
      m_edit(new QPushButton(tr("&Edit…"), this)), m_remove(new QPushButton(tr("&Remove"), this)),
      m_import(new QPushButton(tr("&Import CSV…"), this)),
      m_export(new QPushButton(tr("E&xport CSV…"), this)), m_message(new QLabel(this)),
      m_lists(new EscalationListsPage(engine, this))
{
    setWindowTitle(tr("Contacts"));
    setObjectName(QStringLiteral("contactBookDialog"));
    m_table->setObjectName(QStringLiteral("contactTable"));
    m_table->setAccessibleName(tr("Contacts"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Number"), tr("Language"), tr("Note")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(NameColumn, 180);
    m_table->setColumnWidth(NumberColumn, 140);
    m_add->setObjectName(QStringLiteral("addContact"));
    m_edit->setObjectName(QStringLiteral("editContact"));
    m_remove->setObjectName(QStringLiteral("removeContact"));
    m_import->setObjectName(QStringLiteral("importContacts"));
    m_import->setToolTip(tr("Read a CSV file with name and number columns (language and note "
                            "optional); a number already in the book is updated"));
    m_export->setObjectName(QStringLiteral("exportContacts"));
    m_message->setObjectName(QStringLiteral("contactMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto *contactsPage = new QWidget(this);
    auto *buttons = new QVBoxLayout;
    for (QPushButton *button : {m_add, m_edit, m_remove})
        buttons->addWidget(button);
    buttons->addSpacing(12);
    buttons->addWidget(m_import);
    buttons->addWidget(m_export);
    buttons->addStretch();
    auto *row = new QHBoxLayout;
    row->addWidget(m_table, 1);
    row->addLayout(buttons);
    auto *pageLayout = new QVBoxLayout(contactsPage);
    pageLayout->addLayout(row, 1);
    pageLayout->addWidget(m_message);
    m_tabs->addTab(contactsPage, tr("&Contacts"));
    m_tabs->addTab(m_lists, tr("Escalation &lists"));

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(close);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_add, &QPushButton::clicked, this, [this] { openEditor(Contact()); });
    connect(m_edit, &QPushButton::clicked, this, [this] {
        if (const Contact *contact = selected())
            openEditor(*contact);
    });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this] {
        if (const Contact *contact = selected())
            openEditor(*contact);
    });
    connect(m_remove, &QPushButton::clicked, this, &ContactBookDialog::removeSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ContactBookDialog::updateButtons);
    connect(m_import, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import contacts"),
            QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
            tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty())
            importFile(path);
    });
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export contacts"),
            QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
                QStringLiteral("/contacts.csv"),
            tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportFile(path);
    });
    connect(m_engine, &EngineClient::contactsChanged, this, &ContactBookDialog::reload);
    connect(m_engine, &EngineClient::engineStarted, this, &ContactBookDialog::reload);

    updateButtons();
    reload();
    resize(720, 440);
}

ContactEditDialog *ContactBookDialog::editor() const
{
    return m_editor;
}

void ContactBookDialog::reload()
{
    m_engine->contacts(this, [this](const Result<QList<Contact>, StoreError> &contacts) {
        if (!contacts) {
            say(tr("Could not read the contacts: %1").arg(contacts.error().message), true);
            return;
        }
        showContacts(contacts.value());
    });
}

void ContactBookDialog::showContacts(const QList<Contact> &contacts)
{
    const qint64 current = selected() ? selected()->id : 0;
    m_contacts = contacts;
    m_table->setRowCount(int(contacts.size()));
    int currentRow = -1;
    for (int row = 0; row < contacts.size(); ++row) {
        const Contact &contact = contacts.at(row);
        const QString language = contact.language.isEmpty()
                                     ? tr("the desk's")
                                     : QLocale(contact.language).nativeLanguageName();
        const QString cells[ColumnCount] = {contact.name, contact.number, language, contact.note};
        for (int column = 0; column < ColumnCount; ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells[column]));
        if (contact.id == current)
            currentRow = row;
    }
    if (currentRow >= 0)
        m_table->selectRow(currentRow);
    updateButtons();
    Q_EMIT contactsLoaded(int(contacts.size()));
}

const Contact *ContactBookDialog::selected() const
{
    const int row = m_table->currentRow();
    return row >= 0 && row < m_contacts.size() && m_table->selectionModel()->hasSelection()
               ? &m_contacts.at(row)
               : nullptr;
}

void ContactBookDialog::updateButtons()
{
    const bool chosen = selected() != nullptr;
    m_edit->setEnabled(chosen);
    m_remove->setEnabled(chosen);
}

void ContactBookDialog::say(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #d93025;") : QString());
    m_message->setVisible(!text.isEmpty());
}

void ContactBookDialog::openEditor(const Contact &contact)
{
    if (m_editor)
        m_editor->close();
    m_editor = new ContactEditDialog(contact, this);
    m_editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_editor, &ContactEditDialog::submitted, this, [this](const Contact &edited) {
        QPointer<ContactEditDialog> editor(m_editor);
        m_engine->saveContact(edited, this,
                              [this, editor](const Result<Contact, StoreError> &saved) {
                                  if (!saved) {
                                      if (editor)
                                          editor->showError(saved.error().message);
                                      return;
                                  }
                                  say(tr("%1 saved.").arg(saved.value().name), false);
                                  if (editor)
                                      editor->accept();
                              });
    });
    m_editor->open();
}

void ContactBookDialog::removeSelected()
{
    const Contact *chosen = selected();
    if (!chosen)
        return;
    const Contact contact = *chosen;
    const auto answer = QMessageBox::question(
        this, tr("Remove contact"),
        tr("Remove %1 (%2) from the contact book and from every escalation list?")
            .arg(contact.name, contact.number));
    if (answer != QMessageBox::Yes)
        return;
    m_engine->removeContact(
        contact.id, this, [this, contact](const Result<bool, StoreError> &removed) {
            if (!removed)
                say(tr("Could not remove %1: %2").arg(contact.name, removed.error().message), true);
            else
                say(tr("%1 removed.").arg(contact.name), false);
        });
}

void ContactBookDialog::importFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        say(tr("Could not read %1: %2").arg(path, file.errorString()), true);
        return;
    }
    m_engine->importContacts(
        file.readAll(), this,
        [this](const Result<EngineClient::ContactImport, StoreError> &imported) {
            if (!imported) {
                say(tr("Nothing was imported: %1").arg(imported.error().message), true);
                return;
            }
            const EngineClient::ContactImport &result = imported.value();
            qCInfo(lcUi) << "contacts imported:" << result.imported
                         << "rows refused:" << result.errors.size();
            QString text = tr("Contacts imported: %1.").arg(result.imported);
            if (!result.errors.isEmpty())
                text += QLatin1Char(' ') + tr("Rows not imported: %1").arg(result.errors.size()) +
                        QLatin1Char('\n') + describe(result.errors, 10);
            say(text, !result.errors.isEmpty());
        });
}

void ContactBookDialog::exportFile(const QString &path)
{
    m_engine->exportContacts(this, [this, path](const Result<QByteArray, StoreError> &csv) {
        if (!csv) {
            say(tr("Could not export the contacts: %1").arg(csv.error().message), true);
            return;
        }
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(csv.value()) != csv.value().size() || !file.flush()) {
            say(tr("Could not write %1: %2").arg(path, file.errorString()), true);
            return;
        }
        say(tr("The contact book was exported to %1.").arg(path), false);
    });
}

} // namespace flux
