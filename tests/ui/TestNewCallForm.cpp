// The new-call form with a contact book: completion of names and numbers, "Then call", and the
// request the Call button sends.
#include "ContactCompleter.h"
#include "NewCallForm.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace flux;

namespace {

Contact person(qint64 id, const QString &name, const QString &number)
{
    Contact contact;
    contact.id = id;
    contact.name = name;
    contact.number = number;
    return contact;
}

const QList<Contact> Book{
    person(1, QStringLiteral("Alice Example"), QStringLiteral("+4930123456")),
    person(2, QStringLiteral("Bob Builder"), QStringLiteral("+15555550102")),
    person(3, QStringLiteral("Carol"), QStringLiteral("+15555550103")),
};

EscalationList onCall()
{
    EscalationList list;
    list.name = QStringLiteral("Database on-call");
    list.contactIds = {2, 3};
    list.attempts = 3;
    list.retryAfterSeconds = 300;
    return list;
}

} // namespace

class TestNewCallForm : public QObject
{
    Q_OBJECT

    std::unique_ptr<NewCallForm> m_form;

    // Types `text` into `field` and picks the first completion its popup offers.
    void completeWith(QLineEdit *field, const QString &text)
    {
        QTest::keyClicks(field, text);
        QAbstractItemView *popup = field->completer()->popup();
        QTRY_VERIFY(popup->isVisible());
        QTest::keyClick(popup, Qt::Key_Down);
        QTest::keyClick(popup, Qt::Key_Return);
    }
    NotificationRequest submitted()
    {
        QSignalSpy spy(m_form.get(), &NewCallForm::callRequested);
        QTest::mouseClick(m_form->callButton(), Qt::LeftButton);
        return spy.size() == 1 ? spy.first().first().value<NotificationRequest>()
                               : NotificationRequest();
    }
    int thenCallIndex(const QString &text) const { return m_form->thenCallBox()->findText(text); }

private Q_SLOTS:
    void init()
    {
        m_form = std::make_unique<NewCallForm>();
        m_form->setContactBook(Book, {onCall()});
        m_form->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_form.get()));
        m_form->activateWindow();
        m_form->focusNumber();
    }
    void cleanup() { m_form.reset(); }

    void everyLabelsKeyReachesItsField()
    {
        // A label without a buddy would show its "&" and its key would go nowhere.
        const QList<QLabel *> labels = m_form->findChildren<QLabel *>();
        for (const auto &[text, field] :
             {std::pair<QString, QWidget *>{QStringLiteral("T&hen call:"), m_form->thenCallBox()},
              {QStringLiteral("Call&s per number:"), m_form->attemptsBox()},
              {QStringLiteral("&every"), m_form->waitBox()}}) {
            const auto found = std::find_if(labels.begin(), labels.end(),
                                            [&](QLabel *label) { return label->text() == text; });
            QVERIFY2(found != labels.end(), qPrintable(text));
            QCOMPARE((*found)->buddy(), field);
        }
        QTest::keyClick(m_form.get(), Qt::Key_S, Qt::AltModifier);
        QCOMPARE(QApplication::focusWidget(), m_form->attemptsBox());
    }

    void typingPartOfANameOffersTheContactAndChoosingFillsTheNumber()
    {
        QTest::keyClicks(m_form->numberField(), QStringLiteral("ali"));
        ContactCompleter *completer = m_form->numberCompleter();
        QTRY_VERIFY(completer->popup()->isVisible());
        QCOMPARE(completer->completionCount(), 1);
        QCOMPARE(completer->currentIndex().data().toString(),
                 QStringLiteral("Alice Example (+4930123456)"));
        QTest::keyClick(completer->popup(), Qt::Key_Down);
        QTest::keyClick(completer->popup(), Qt::Key_Return);
        QCOMPARE(m_form->numberField()->text(), QStringLiteral("+4930123456"));
        QVERIFY2(m_form->hintLabel()->text().contains(QStringLiteral("Alice Example")),
                 qPrintable(m_form->hintLabel()->text()));
    }

    void typingPartOfANumberFindsItsContactToo()
    {
        QTest::keyClicks(m_form->numberField(), QStringLiteral("5550103"));
        ContactCompleter *completer = m_form->numberCompleter();
        QTRY_VERIFY(completer->popup()->isVisible());
        QCOMPARE(completer->completionCount(), 1);
        QCOMPARE(completer->currentIndex().data().toString(),
                 QStringLiteral("Carol (+15555550103)"));
    }

    void aPlainCallSendsOneNumberWithTheDefaultPace()
    {
        QTest::keyClicks(m_form->numberField(), QStringLiteral("+15555550101"));
        QTest::keyClicks(m_form->titleField(), QStringLiteral("Disk full"));
        const NotificationRequest request = submitted();
        QCOMPARE(request.call.to, QStringLiteral("+15555550101"));
        QCOMPARE(request.call.taskTitle, QStringLiteral("Disk full"));
        QVERIFY(request.escalation.isEmpty());
        QVERIFY(request.listName.isEmpty());
        QCOMPARE(request.attempts, 1);
        QCOMPARE(request.retryAfterSeconds, 120);
    }

    void choosingAListSendsItsNameAndTakesItsPace()
    {
        completeWith(m_form->numberField(), QStringLiteral("Alice"));
        QTest::keyClicks(m_form->titleField(), QStringLiteral("Database is down"));
        const int list = thenCallIndex(QStringLiteral("List: Database on-call"));
        QVERIFY(list > 0);
        m_form->thenCallBox()->setCurrentIndex(list);
        QCOMPARE(m_form->attemptsBox()->value(), 3);
        QCOMPARE(m_form->waitBox()->value(), 300);
        QVERIFY(!m_form->peopleField()->isEnabled());
        m_form->attemptsBox()->setValue(2); // for this call only
        const NotificationRequest request = submitted();
        QCOMPARE(request.call.to, QStringLiteral("+4930123456"));
        QCOMPARE(request.listName, QStringLiteral("Database on-call"));
        QVERIFY(request.escalation.isEmpty());
        QCOMPARE(request.attempts, 2);
        QCOMPARE(request.retryAfterSeconds, 300);
    }

    void peopleAreCompletedByNameAndSentAsNumbersInOrder()
    {
        QTest::keyClicks(m_form->numberField(), QStringLiteral("+15555550101"));
        QTest::keyClicks(m_form->titleField(), QStringLiteral("Certificate expires"));
        m_form->thenCallBox()->setCurrentIndex(thenCallIndex(QStringLiteral("These people:")));
        QVERIFY(m_form->peopleField()->isEnabled());
        QVERIFY(!m_form->callButton()->isEnabled()); // nobody named yet
        QVERIFY(m_form->peopleHintLabel()->isVisibleTo(m_form.get()));

        m_form->peopleField()->setFocus();
        QTest::keyClicks(m_form->peopleField(), QStringLiteral("Carol, bob"));
        ContactCompleter *completer = m_form->peopleCompleter();
        QTRY_VERIFY(completer->popup()->isVisible());
        QCOMPARE(completer->completionCount(), 1); // "bob" matches only Bob Builder
        QTest::keyClick(completer->popup(), Qt::Key_Down);
        QTest::keyClick(completer->popup(), Qt::Key_Return);
        QCOMPARE(m_form->peopleField()->text(), QStringLiteral("Carol, Bob Builder"));
        QTest::keyClicks(m_form->peopleField(), QStringLiteral(", +4940111222"));
        QVERIFY(m_form->callButton()->isEnabled());
        QVERIFY(!m_form->peopleHintLabel()->isVisibleTo(m_form.get()));

        const NotificationRequest request = submitted();
        QCOMPARE(request.escalation,
                 (QStringList{QStringLiteral("+15555550103"), QStringLiteral("+15555550102"),
                              QStringLiteral("+4940111222")}));
        QVERIFY(request.listName.isEmpty());
    }

    void someoneUnknownInThenCallKeepsCallDisabledAndSaysWho()
    {
        QTest::keyClicks(m_form->numberField(), QStringLiteral("+15555550101"));
        QTest::keyClicks(m_form->titleField(), QStringLiteral("Anything"));
        QVERIFY(m_form->callButton()->isEnabled());
        m_form->thenCallBox()->setCurrentIndex(thenCallIndex(QStringLiteral("These people:")));
        m_form->peopleField()->setText(QStringLiteral("Carol, Dave"));
        QVERIFY(!m_form->callButton()->isEnabled());
        QVERIFY2(m_form->peopleHintLabel()->text().contains(QStringLiteral("\"Dave\"")),
                 qPrintable(m_form->peopleHintLabel()->text()));
        QSignalSpy spy(m_form.get(), &NewCallForm::callRequested);
        QTest::keyClick(m_form->peopleField(), Qt::Key_Return);
        QCOMPARE(spy.size(), 0);

        // Back to no one else: the call can go again.
        m_form->thenCallBox()->setCurrentIndex(0);
        QVERIFY(m_form->callButton()->isEnabled());
    }

    void aListThatIsGoneFallsBackToNoOneElse()
    {
        m_form->thenCallBox()->setCurrentIndex(
            thenCallIndex(QStringLiteral("List: Database on-call")));
        m_form->setContactBook(Book, {});
        QCOMPARE(m_form->thenCallBox()->currentIndex(), 0);
        QCOMPARE(m_form->thenCallBox()->currentText(), QStringLiteral("No one else"));
    }

    void clearingPutsTheFormBackToItsDefaults()
    {
        m_form->thenCallBox()->setCurrentIndex(thenCallIndex(QStringLiteral("These people:")));
        m_form->peopleField()->setText(QStringLiteral("Carol"));
        m_form->attemptsBox()->setValue(4);
        m_form->clear();
        QCOMPARE(m_form->thenCallBox()->currentIndex(), 0);
        QVERIFY(m_form->peopleField()->text().isEmpty());
        QCOMPARE(m_form->attemptsBox()->value(), 1);
        QCOMPARE(m_form->waitBox()->value(), 120);
    }

    void theDesksDefaultsAreShownUntilACallIsBeingWritten()
    {
        m_form->setDefaults(3, 600);
        QCOMPARE(m_form->attemptsBox()->value(), 3);
        QCOMPARE(m_form->waitBox()->value(), 600);
        QTest::keyClicks(m_form->numberField(), QStringLiteral("+15555550101"));
        m_form->attemptsBox()->setValue(5);
        m_form->setDefaults(2, 60);                  // e.g. the engine restarted with new settings
        QCOMPARE(m_form->attemptsBox()->value(), 5); // what is being written stays
        m_form->clear();
        QCOMPARE(m_form->attemptsBox()->value(), 2);
        QCOMPARE(m_form->waitBox()->value(), 60);
    }
};

QTEST_MAIN(TestNewCallForm)
#include "TestNewCallForm.moc"
