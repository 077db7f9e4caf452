// The contact book dialog on the real engine (its own thread, a store file in a temporary
// folder), driven through its widgets as a person would.
#include "EngineFixture.h"

#include "ContactBookDialog.h"
#include "ContactEditDialog.h"
#include "EscalationListsPage.h"
#include "MainWindow.h"
#include "NewCallForm.h"

#include "calls/ContactCsv.h"
#include "engine/EngineClient.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

using namespace flux;
using namespace flux::test;

class TestContactBookDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineClient> m_engine;
    std::unique_ptr<ContactBookDialog> m_dialog;

    // What the engine's store holds, read through the client as the window would.
    QList<Contact> stored()
    {
        std::optional<QList<Contact>> contacts;
        m_engine->contacts(this, [&](const Result<QList<Contact>, StoreError> &read) {
            contacts = read ? read.value() : QList<Contact>();
        });
        if (!QTest::qWaitFor([&] { return contacts.has_value(); }, 5000))
            return {};
        return *contacts;
    }
    std::optional<EscalationList> storedList(const QString &name)
    {
        std::optional<QList<EscalationList>> lists;
        m_engine->escalationLists(this, [&](const Result<QList<EscalationList>, StoreError> &read) {
            lists = read ? read.value() : QList<EscalationList>();
        });
        if (!QTest::qWaitFor([&] { return lists.has_value(); }, 5000))
            return std::nullopt;
        for (const EscalationList &list : std::as_const(*lists)) {
            if (list.name == name)
                return list;
        }
        return std::nullopt;
    }
    Contact save(const QString &name, const QString &number)
    {
        Contact contact;
        contact.name = name;
        contact.number = number;
        std::optional<Contact> saved;
        m_engine->saveContact(contact, this, [&](const Result<Contact, StoreError> &result) {
            saved = result ? result.value() : Contact();
        });
        (void)QTest::qWaitFor([&] { return saved.has_value(); }, 5000);
        return saved.value_or(Contact());
    }
    QString nameOnRow(int row) const
    {
        const QTableWidgetItem *item = m_dialog->table()->item(row, 0);
        return item ? item->text() : QString();
    }
    // Clicks Add (or Edit) and waits for the editor it opens.
    ContactEditDialog *openEditor(QPushButton *button)
    {
        QTest::mouseClick(button, Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return m_dialog->editor() && m_dialog->editor()->isVisible(); },
                             5000))
            return nullptr;
        return m_dialog->editor();
    }
    void clickOk(ContactEditDialog *editor)
    {
        QTest::mouseClick(editor->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_engine = std::make_unique<EngineClient>();
        QVERIFY(m_engine->start(EngineFixture::simulatorConfig(m_dir->path(), 25.0)).ok());
        m_dialog = std::make_unique<ContactBookDialog>(m_engine.get());
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }
    void cleanup()
    {
        m_engine->stop();
        m_dialog.reset();
        m_engine.reset();
    }

    void addingAContactThroughTheEditorStoresItAndListsIt()
    {
        ContactEditDialog *editor = openEditor(m_dialog->addButton());
        QVERIFY(editor);
        QPushButton *ok = editor->buttons()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(editor->nameField(), QStringLiteral("Alice Example"));
        QTest::keyClicks(editor->numberField(), QStringLiteral("+4930123"));
        QTest::keyClicks(editor->numberField(), QStringLiteral("456"));
        editor->languageBox()->setCurrentIndex(
            editor->languageBox()->findData(QStringLiteral("de")));
        QTest::keyClicks(editor->noteField(), QStringLiteral("Database on-call"));
        QVERIFY(ok->isEnabled());
        clickOk(editor);

        QTRY_COMPARE_WITH_TIMEOUT(m_dialog->table()->rowCount(), 1, 5000);
        QCOMPARE(nameOnRow(0), QStringLiteral("Alice Example"));
        QTRY_VERIFY(!m_dialog->editor());
        const QList<Contact> contacts = stored();
        QCOMPARE(contacts.size(), 1);
        QCOMPARE(contacts.first().name, QStringLiteral("Alice Example"));
        QCOMPARE(contacts.first().number, QStringLiteral("+4930123456"));
        QCOMPARE(contacts.first().language, QStringLiteral("de"));
        QCOMPARE(contacts.first().note, QStringLiteral("Database on-call"));
    }

    void aNumberInTheBookAlreadyKeepsTheEditorOpenAndSaysWhose()
    {
        save(QStringLiteral("Alice"), QStringLiteral("+15555550101"));
        QTRY_COMPARE_WITH_TIMEOUT(m_dialog->table()->rowCount(), 1, 5000);
        ContactEditDialog *editor = openEditor(m_dialog->addButton());
        QVERIFY(editor);
        QTest::keyClicks(editor->nameField(), QStringLiteral("Bob"));
        QTest::keyClicks(editor->numberField(), QStringLiteral("+15555550101"));
        clickOk(editor);
        auto *hint = editor->findChild<QLabel *>(QStringLiteral("contactHint"));
        QTRY_VERIFY_WITH_TIMEOUT(hint->text().contains(QStringLiteral("already Alice's number")),
                                 5000);
        QVERIFY(editor->isVisible());
        QCOMPARE(stored().size(), 1);
    }

    void editingTheSelectedContactChangesIt()
    {
        save(QStringLiteral("Bob"), QStringLiteral("+15555550102"));
        QTRY_COMPARE_WITH_TIMEOUT(m_dialog->table()->rowCount(), 1, 5000);
        QVERIFY(!m_dialog->editButton()->isEnabled());
        m_dialog->table()->selectRow(0);
        QVERIFY(m_dialog->editButton()->isEnabled());
        ContactEditDialog *editor = openEditor(m_dialog->editButton());
        QVERIFY(editor);
        QCOMPARE(editor->numberField()->text(), QStringLiteral("+15555550102"));
        editor->nameField()->selectAll();
        QTest::keyClicks(editor->nameField(), QStringLiteral("Bob Builder"));
        clickOk(editor);
        QTRY_COMPARE_WITH_TIMEOUT(nameOnRow(0), QStringLiteral("Bob Builder"), 5000);
        const QList<Contact> contacts = stored();
        QCOMPARE(contacts.size(), 1);
        QCOMPARE(contacts.first().name, QStringLiteral("Bob Builder"));
    }

    void importingAFileAddsItsGoodRowsAndNamesTheBadOnes()
    {
        save(QStringLiteral("Alice"), QStringLiteral("+15555550101"));
        const QString path = m_dir->filePath(QStringLiteral("people.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("number,name,note\r\n"
                   "+15555550101,Alice Example,\"updated, by import\"\r\n"
                   "0301234,Carol\r\n"
                   "+15555550102,Bob\r\n");
        file.close();

        m_dialog->importFile(path);
        QTRY_COMPARE_WITH_TIMEOUT(m_dialog->table()->rowCount(), 2, 5000);
        QTRY_VERIFY(m_dialog->messageLabel()->isVisible());
        const QString message = m_dialog->messageLabel()->text();
        QVERIFY2(message.contains(QStringLiteral("Contacts imported: 2.")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("line 3: \"0301234\" is not a phone number")),
                 qPrintable(message));
        const QList<Contact> contacts = stored();
        QCOMPARE(contacts.size(), 2);
        QCOMPARE(contacts.at(0).name, QStringLiteral("Alice Example"));
        QCOMPARE(contacts.at(0).note, QStringLiteral("updated, by import"));
        QCOMPARE(contacts.at(1).name, QStringLiteral("Bob"));
    }

    void exportingWritesTheBookAsCsv()
    {
        save(QStringLiteral("Alice, the DBA"), QStringLiteral("+15555550101"));
        save(QStringLiteral("Bob"), QStringLiteral("+15555550102"));
        const QString path = m_dir->filePath(QStringLiteral("out.csv"));
        m_dialog->exportFile(path);
        QTRY_VERIFY_WITH_TIMEOUT(m_dialog->messageLabel()->text().contains(path), 5000);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const ContactCsv::Parsed parsed = ContactCsv::read(file.readAll());
        QVERIFY(parsed.errors.isEmpty());
        QCOMPARE(parsed.contacts.size(), 2);
        QCOMPARE(parsed.contacts.at(0).name, QStringLiteral("Alice, the DBA"));
        QCOMPARE(parsed.contacts.at(1).number, QStringLiteral("+15555550102"));
    }

    void anEscalationListIsBuiltInOrderAndSaved()
    {
        const Contact alice = save(QStringLiteral("Alice"), QStringLiteral("+15555550101"));
        const Contact bob = save(QStringLiteral("Bob"), QStringLiteral("+15555550102"));
        EscalationListsPage *page = m_dialog->listsPage();
        m_dialog->tabs()->setCurrentWidget(page);
        QTRY_COMPARE_WITH_TIMEOUT(page->contactChoice()->count(), 2, 5000);

        QTest::mouseClick(page->newListButton(), Qt::LeftButton);
        QTest::keyClicks(page->nameField(), QStringLiteral("Database on-call"));
        for (const Contact &contact : {alice, bob}) {
            page->contactChoice()->setCurrentIndex(page->contactChoice()->findData(contact.id));
            QTest::mouseClick(page->addMemberButton(), Qt::LeftButton);
        }
        // Bob first: he is selected after being added, and moves up.
        QCOMPARE(page->members()->currentRow(), 1);
        QTest::mouseClick(page->upButton(), Qt::LeftButton);
        page->attemptsBox()->setValue(3);
        page->waitBox()->setValue(300);
        QTest::mouseClick(page->saveButton(), Qt::LeftButton);

        QTRY_COMPARE_WITH_TIMEOUT(page->lists()->count(), 1, 5000);
        const auto list = storedList(QStringLiteral("Database on-call"));
        QVERIFY(list);
        QCOMPARE(list->contactIds, (QList<qint64>{bob.id, alice.id}));
        QCOMPARE(list->attempts, 3);
        QCOMPARE(list->retryAfterSeconds, 300);

        // Renamed in place: the old name is gone.
        page->nameField()->selectAll();
        QTest::keyClicks(page->nameField(), QStringLiteral("DB"));
        QTest::mouseClick(page->saveButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(storedList(QStringLiteral("DB")).has_value(), 5000);
        QVERIFY(!storedList(QStringLiteral("Database on-call")));
        QCOMPARE(page->lists()->count(), 1);
    }

    void theWindowOpensItWithCtrlShiftKAndItsFormKnowsWhatItAdds()
    {
        QSettings().clear();
        MainWindow window(m_engine.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
        ContactBookDialog *book = window.contactBook();
        QTRY_VERIFY(book->isVisible());

        // A contact added in the book is offered by the form's number field.
        save(QStringLiteral("Alice Example"), QStringLiteral("+4930123456"));
        QCompleter *completer = window.form()->numberField()->completer();
        QTRY_COMPARE_WITH_TIMEOUT(completer->model()->rowCount(), 1, 5000);
        QCOMPARE(completer->model()->index(0, 0).data().toString(),
                 QStringLiteral("Alice Example (+4930123456)"));
    }

    void aCallFromTheFormGoesOnToTheChosenListUntilSomeoneAcknowledges()
    {
        QSettings().clear();
        const Contact bob = save(QStringLiteral("Bob"), QStringLiteral("+15555550101"));
        EscalationList list;
        list.name = QStringLiteral("Database on-call");
        list.contactIds = {bob.id};
        list.retryAfterSeconds = 30;
        std::optional<bool> listSaved;
        m_engine->saveEscalationList(
            list, {}, this, [&](const Result<bool, StoreError> &saved) { listSaved = saved.ok(); });
        QTRY_VERIFY(listSaved.value_or(false));

        MainWindow window(m_engine.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        NewCallForm *form = window.form();
        QComboBox *thenCall = form->thenCallBox();
        QTRY_VERIFY_WITH_TIMEOUT(thenCall->findText(QStringLiteral("List: Database on-call")) > 0,
                                 5000);
        QTest::keyClicks(form->numberField(), QStringLiteral("+15555550103")); // busy
        QTest::keyClicks(form->titleField(), QStringLiteral("Replica lag"));
        thenCall->setCurrentIndex(thenCall->findText(QStringLiteral("List: Database on-call")));
        QCOMPARE(form->waitBox()->value(), 30);
        QTest::mouseClick(form->callButton(), Qt::LeftButton);

        // The busy number first, then Bob, who presses 1.
        std::optional<Notification> notification;
        const auto latest = [&] {
            std::optional<QList<Notification>> read;
            m_engine->notifications(CallStore::NotificationState::Any, 10, this,
                                    [&](const QList<Notification> &all) { read = all; });
            if (QTest::qWaitFor([&] { return read.has_value(); }, 5000) && !read->isEmpty())
                notification = read->first();
            return notification && !notification->isOpen();
        };
        QTRY_VERIFY_WITH_TIMEOUT(latest(), 30000);
        QCOMPARE(notification->listName, QStringLiteral("Database on-call"));
        QCOMPARE(notification->numbers,
                 (QStringList{QStringLiteral("+15555550103"), QStringLiteral("+15555550101")}));
        QCOMPARE(notification->outcome, NotificationOutcome::Acknowledged);
        QCOMPARE(notification->acknowledgedBy, QStringLiteral("+15555550101"));
    }
};

QTEST_MAIN(TestContactBookDialog)
#include "TestContactBookDialog.moc"
