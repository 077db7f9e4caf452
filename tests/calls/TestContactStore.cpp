// TestContactStore: the contact book and escalation lists in a real store file.
#include "CallStoreFixtures.h"
#include "calls/CallStore.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace flux;
using namespace flux::testing;

namespace {

Contact person(const QString &name, const QString &number, const QString &language = {},
               const QString &note = {})
{
    Contact contact;
    contact.name = name;
    contact.number = number;
    contact.language = language;
    contact.note = note;
    return contact;
}

QStringList namesOf(const QList<Contact> &contacts)
{
    QStringList names;
    for (const Contact &contact : contacts)
        names << contact.name;
    return names;
}

} // namespace

class TestContactStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CallStore> m_store;

    QString path() const { return m_dir->filePath(QStringLiteral("calls.db")); }
    Contact saved(const Contact &contact)
    {
        auto result = m_store->saveContact(contact);
        if (!result)
            qFatal("saving %s failed: %s", qPrintable(contact.name), qPrintable(errorOf(result)));
        return result.value();
    }
    EscalationList list(const QString &name, const QList<qint64> &ids, int attempts = 2,
                        int retryAfter = 60)
    {
        EscalationList list;
        list.name = name;
        list.contactIds = ids;
        list.attempts = attempts;
        list.retryAfterSeconds = retryAfter;
        return list;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        auto opened = CallStore::open(path());
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        m_store = std::move(opened.value());
    }
    void cleanup() { m_store.reset(); }

    void aSavedContactGetsAnIdAndSurvivesReopening()
    {
        const Contact alice =
            saved(person(QStringLiteral("  Alice Example "), QStringLiteral("+4930123456"),
                         QStringLiteral("de"), QStringLiteral("Database on-call")));
        QVERIFY(alice.id > 0);
        QCOMPARE(alice.name, QStringLiteral("Alice Example"));

        m_store.reset();
        auto reopened = CallStore::open(path());
        QVERIFY2(reopened, qPrintable(errorOf(reopened)));
        m_store = std::move(reopened.value());
        const QList<Contact> contacts = m_store->contacts().value();
        QCOMPARE(contacts.size(), 1);
        QCOMPARE(contacts.first().id, alice.id);
        QCOMPARE(contacts.first().name, QStringLiteral("Alice Example"));
        QCOMPARE(contacts.first().number, QStringLiteral("+4930123456"));
        QCOMPARE(contacts.first().language, QStringLiteral("de"));
        QCOMPARE(contacts.first().note, QStringLiteral("Database on-call"));
        const auto byNumber = m_store->contactByNumber(QStringLiteral("+4930123456")).value();
        QVERIFY(byNumber);
        QCOMPARE(byNumber->id, alice.id);
        QVERIFY(!m_store->contactByNumber(QStringLiteral("+4930999999")).value());
    }

    void contactsComeInNameOrderWhateverTheCase()
    {
        saved(person(QStringLiteral("carol"), QStringLiteral("+15555550103")));
        saved(person(QStringLiteral("Alice"), QStringLiteral("+15555550101")));
        saved(person(QStringLiteral("Bob"), QStringLiteral("+15555550102")));
        QCOMPARE(
            namesOf(m_store->contacts().value()),
            (QStringList{QStringLiteral("Alice"), QStringLiteral("Bob"), QStringLiteral("carol")}));
    }

    void savingWithAnIdUpdatesThatContact()
    {
        Contact alice = saved(person(QStringLiteral("Alice"), QStringLiteral("+15555550101")));
        alice.name = QStringLiteral("Alice Example");
        alice.number = QStringLiteral("+15555550109");
        alice.language = QStringLiteral("en");
        const Contact updated = saved(alice);
        QCOMPARE(updated.id, alice.id);
        const QList<Contact> contacts = m_store->contacts().value();
        QCOMPARE(contacts.size(), 1);
        QCOMPARE(contacts.first().name, QStringLiteral("Alice Example"));
        QCOMPARE(contacts.first().number, QStringLiteral("+15555550109"));
    }

    void aNumberAlreadyInTheBookIsRefusedNamingItsContact()
    {
        saved(person(QStringLiteral("Alice"), QStringLiteral("+15555550101")));
        const auto second =
            m_store->saveContact(person(QStringLiteral("Bob"), QStringLiteral("+15555550101")));
        QVERIFY(!second);
        QVERIFY2(errorOf(second).contains(QStringLiteral("already Alice's number")),
                 qPrintable(errorOf(second)));
        QCOMPARE(m_store->contacts().value().size(), 1);

        // Nor may an edit take another contact's number.
        Contact bob = saved(person(QStringLiteral("Bob"), QStringLiteral("+15555550102")));
        bob.number = QStringLiteral("+15555550101");
        QVERIFY(!m_store->saveContact(bob));
        QCOMPARE(m_store->contactByNumber(QStringLiteral("+15555550102")).value()->name,
                 QStringLiteral("Bob"));
    }

    void invalidContactsAreRefusedWithTheReason_data()
    {
        QTest::addColumn<Contact>("contact");
        QTest::addColumn<QString>("reason");
        QTest::newRow("blank name") << person(QStringLiteral("  "), QStringLiteral("+15555550101"))
                                    << QStringLiteral("needs a name");
        QTest::newRow("local number")
            << person(QStringLiteral("Alice"), QStringLiteral("030 123456"))
            << QStringLiteral("is not a phone number");
        QTest::newRow("no number") << person(QStringLiteral("Alice"), QString())
                                   << QStringLiteral("is not a phone number");
        QTest::newRow("unknown language")
            << person(QStringLiteral("Alice"), QStringLiteral("+15555550101"), QStringLiteral("fr"))
            << QStringLiteral("language \"fr\"");
    }
    void invalidContactsAreRefusedWithTheReason()
    {
        QFETCH(Contact, contact);
        QFETCH(QString, reason);
        const auto result = m_store->saveContact(contact);
        QVERIFY(!result);
        QVERIFY2(errorOf(result).contains(reason), qPrintable(errorOf(result)));
        QVERIFY(m_store->contacts().value().isEmpty());
    }

    void importMatchesByNumberAndStoresAllOrNothing()
    {
        const Contact alice = saved(person(QStringLiteral("Alice"), QStringLiteral("+15555550101"),
                                           QStringLiteral("en"), QStringLiteral("old note")));
        const auto imported = m_store->importContacts(
            {person(QStringLiteral("Alice Example"), QStringLiteral("+15555550101"),
                    QStringLiteral("de"), QStringLiteral("new note")),
             person(QStringLiteral("Bob"), QStringLiteral("+15555550102"))});
        QVERIFY2(imported, qPrintable(errorOf(imported)));
        QCOMPARE(imported.value(), 2);
        const QList<Contact> contacts = m_store->contacts().value();
        QCOMPARE(namesOf(contacts),
                 (QStringList{QStringLiteral("Alice Example"), QStringLiteral("Bob")}));
        QCOMPARE(contacts.first().id, alice.id);
        QCOMPARE(contacts.first().language, QStringLiteral("de"));
        QCOMPARE(contacts.first().note, QStringLiteral("new note"));

        const auto refused = m_store->importContacts(
            {person(QStringLiteral("Carol"), QStringLiteral("+15555550103")),
             person(QStringLiteral("Dave"), QStringLiteral("not a number"))});
        QVERIFY(!refused);
        QCOMPARE(m_store->contacts().value().size(), 2);
    }

    void anEscalationListKeepsItsContactsInOrder()
    {
        const Contact alice =
            saved(person(QStringLiteral("Alice"), QStringLiteral("+15555550101")));
        const Contact bob = saved(person(QStringLiteral("Bob"), QStringLiteral("+15555550102")));
        const Contact carol =
            saved(person(QStringLiteral("Carol"), QStringLiteral("+15555550103")));
        const auto stored = m_store->saveEscalationList(
            list(QStringLiteral("Database on-call"), {carol.id, alice.id, bob.id}, 3, 300));
        QVERIFY2(stored, qPrintable(errorOf(stored)));

        const auto read = m_store->escalationList(QStringLiteral("Database on-call")).value();
        QVERIFY(read);
        QCOMPARE(read->contactIds, (QList<qint64>{carol.id, alice.id, bob.id}));
        QCOMPARE(read->attempts, 3);
        QCOMPARE(read->retryAfterSeconds, 300);

        // Saved again under the same name: replaced, the new order and settings kept.
        QVERIFY(m_store->saveEscalationList(
            list(QStringLiteral("Database on-call"), {bob.id, carol.id}, 1, 30)));
        const QList<EscalationList> lists = m_store->escalationLists().value();
        QCOMPARE(lists.size(), 1);
        QCOMPARE(lists.first().contactIds, (QList<qint64>{bob.id, carol.id}));
        QCOMPARE(lists.first().attempts, 1);
        QCOMPARE(lists.first().retryAfterSeconds, 30);
        QVERIFY(!m_store->escalationList(QStringLiteral("Nobody")).value());
    }

    void removingAContactTakesItOutOfItsListsAndClosesTheGap()
    {
        const Contact alice =
            saved(person(QStringLiteral("Alice"), QStringLiteral("+15555550101")));
        const Contact bob = saved(person(QStringLiteral("Bob"), QStringLiteral("+15555550102")));
        const Contact carol =
            saved(person(QStringLiteral("Carol"), QStringLiteral("+15555550103")));
        QVERIFY(m_store->saveEscalationList(
            list(QStringLiteral("Database"), {alice.id, bob.id, carol.id})));
        QVERIFY(m_store->saveEscalationList(list(QStringLiteral("Network"), {bob.id, alice.id})));

        QCOMPARE(m_store->removeContact(bob.id).value(), true);
        QCOMPARE(m_store->removeContact(bob.id).value(), false);
        QCOMPARE(namesOf(m_store->contacts().value()),
                 (QStringList{QStringLiteral("Alice"), QStringLiteral("Carol")}));
        QCOMPARE(m_store->escalationList(QStringLiteral("Database")).value()->contactIds,
                 (QList<qint64>{alice.id, carol.id}));
        QCOMPARE(m_store->escalationList(QStringLiteral("Network")).value()->contactIds,
                 (QList<qint64>{alice.id}));

        // The gap is closed: the list can be saved again and read in the same order, and a new
        // member goes after the others.
        const Contact dave = saved(person(QStringLiteral("Dave"), QStringLiteral("+15555550104")));
        QVERIFY(m_store->saveEscalationList(
            list(QStringLiteral("Database"), {alice.id, carol.id, dave.id})));
        QCOMPARE(m_store->escalationList(QStringLiteral("Database")).value()->contactIds,
                 (QList<qint64>{alice.id, carol.id, dave.id}));
    }

    void renamingAListMovesItsContacts()
    {
        const Contact alice =
            saved(person(QStringLiteral("Alice"), QStringLiteral("+15555550101")));
        const Contact bob = saved(person(QStringLiteral("Bob"), QStringLiteral("+15555550102")));
        QVERIFY(m_store->saveEscalationList(list(QStringLiteral("DB"), {bob.id, alice.id})));
        QVERIFY(m_store->saveEscalationList(list(QStringLiteral("Network"), {alice.id})));

        const auto renamed = m_store->saveEscalationList(
            list(QStringLiteral("Database on-call"), {bob.id, alice.id}, 4, 90),
            QStringLiteral("DB"));
        QVERIFY2(renamed, qPrintable(errorOf(renamed)));
        QVERIFY(!m_store->escalationList(QStringLiteral("DB")).value());
        const auto read = m_store->escalationList(QStringLiteral("Database on-call")).value();
        QVERIFY(read);
        QCOMPARE(read->contactIds, (QList<qint64>{bob.id, alice.id}));
        QCOMPARE(read->attempts, 4);

        // Not onto another list's name: both stay as they were.
        const auto clash = m_store->saveEscalationList(list(QStringLiteral("Network"), {bob.id}),
                                                       QStringLiteral("Database on-call"));
        QVERIFY(!clash);
        QVERIFY2(errorOf(clash).contains(QStringLiteral("already an escalation list")),
                 qPrintable(errorOf(clash)));
        QCOMPARE(m_store->escalationList(QStringLiteral("Network")).value()->contactIds,
                 (QList<qint64>{alice.id}));
        QCOMPARE(m_store->escalationList(QStringLiteral("Database on-call")).value()->contactIds,
                 (QList<qint64>{bob.id, alice.id}));
    }

    void removingAListRemovesOnlyThatList()
    {
        const Contact alice =
            saved(person(QStringLiteral("Alice"), QStringLiteral("+15555550101")));
        QVERIFY(m_store->saveEscalationList(list(QStringLiteral("A"), {alice.id})));
        QVERIFY(m_store->saveEscalationList(list(QStringLiteral("B"), {alice.id})));
        QCOMPARE(m_store->removeEscalationList(QStringLiteral("A")).value(), true);
        QCOMPARE(m_store->removeEscalationList(QStringLiteral("A")).value(), false);
        const QList<EscalationList> lists = m_store->escalationLists().value();
        QCOMPARE(lists.size(), 1);
        QCOMPARE(lists.first().name, QStringLiteral("B"));
        QCOMPARE(lists.first().contactIds, (QList<qint64>{alice.id}));
        QCOMPARE(m_store->contacts().value().size(), 1);
    }

    void invalidListsAreRefusedWithTheReason_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("members");
        QTest::addColumn<int>("attempts");
        QTest::addColumn<int>("retryAfter");
        QTest::addColumn<QString>("reason");
        QTest::newRow("blank name")
            << QStringLiteral(" ") << 1 << 1 << 120 << QStringLiteral("needs a name");
        QTest::newRow("nobody") << QStringLiteral("L") << 0 << 1 << 120
                                << QStringLiteral("has no contacts");
        QTest::newRow("too many") << QStringLiteral("L") << EscalationList::MaxEscalation + 2 << 1
                                  << 120 << QStringLiteral("at most 11");
        QTest::newRow("no attempts") << QStringLiteral("L") << 1 << 0 << 120
                                     << QStringLiteral("Attempts per contact must be 1 to 5");
        QTest::newRow("six attempts") << QStringLiteral("L") << 1 << 6 << 120
                                      << QStringLiteral("Attempts per contact must be 1 to 5");
        QTest::newRow("short wait")
            << QStringLiteral("L") << 1 << 1 << 29 << QStringLiteral("30 to 3600 seconds");
        QTest::newRow("long wait")
            << QStringLiteral("L") << 1 << 1 << 3601 << QStringLiteral("30 to 3600 seconds");
    }
    void invalidListsAreRefusedWithTheReason()
    {
        QFETCH(QString, name);
        QFETCH(int, members);
        QFETCH(int, attempts);
        QFETCH(int, retryAfter);
        QFETCH(QString, reason);
        QList<qint64> ids;
        for (int i = 0; i < members; ++i)
            ids << saved(person(QStringLiteral("P%1").arg(i),
                                QStringLiteral("+1555555%1").arg(1000 + i)))
                       .id;
        const auto result = m_store->saveEscalationList(list(name, ids, attempts, retryAfter));
        QVERIFY(!result);
        QVERIFY2(result.error().message.contains(reason), qPrintable(result.error().message));
        QVERIFY(m_store->escalationLists().value().isEmpty());
    }

    void aListOfUnknownOrRepeatedContactsIsRefused()
    {
        const Contact alice =
            saved(person(QStringLiteral("Alice"), QStringLiteral("+15555550101")));
        const auto unknown =
            m_store->saveEscalationList(list(QStringLiteral("L"), {alice.id, alice.id + 100}));
        QVERIFY(!unknown);
        QVERIFY2(unknown.error().message.contains(QStringLiteral("no longer in the book")),
                 qPrintable(unknown.error().message));
        const auto twice =
            m_store->saveEscalationList(list(QStringLiteral("L"), {alice.id, alice.id}));
        QVERIFY(!twice);
        QVERIFY2(twice.error().message.contains(QStringLiteral("Alice is in the escalation list")),
                 qPrintable(twice.error().message));
        QVERIFY(m_store->escalationLists().value().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestContactStore)
#include "TestContactStore.moc"
