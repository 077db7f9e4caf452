// The contact book through the window's door to the engine: answers on the asker's thread,
// contactsChanged() after each change, CSV in and out, and errors while no engine runs.
#include "EngineFixture.h"

#include "calls/ContactCsv.h"
#include "engine/EngineClient.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace flux;
using namespace flux::test;

namespace {
constexpr int WaitMs = 10000;

// Asks `ask(context, done)` and waits for the answer.
template <typename R, typename Ask> std::optional<Result<R, StoreError>> answerTo(Ask ask)
{
    std::optional<Result<R, StoreError>> answer;
    QObject context;
    ask(&context, [&answer](const Result<R, StoreError> &result) {
        Q_ASSERT(QThread::currentThread() == qApp->thread());
        answer = result;
    });
    (void)QTest::qWaitFor([&answer] { return answer.has_value(); }, WaitMs);
    return answer;
}

Contact person(const QString &name, const QString &number)
{
    Contact contact;
    contact.name = name;
    contact.number = number;
    return contact;
}

} // namespace

class TestEngineClientContacts : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineClient> m_engine;

    std::optional<Result<Contact, StoreError>> save(const Contact &contact)
    {
        return answerTo<Contact>(
            [&](QObject *context, auto done) { m_engine->saveContact(contact, context, done); });
    }
    QList<Contact> contacts()
    {
        const auto read = answerTo<QList<Contact>>(
            [&](QObject *context, auto done) { m_engine->contacts(context, done); });
        return read && read->ok() ? read->value() : QList<Contact>();
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_engine = std::make_unique<EngineClient>();
        QVERIFY(m_engine->start(EngineFixture::simulatorConfig(m_dir->path())).ok());
    }
    void cleanup() { m_engine.reset(); }

    void aSavedContactIsAnnouncedAndReadBack()
    {
        QSignalSpy changed(m_engine.get(), &EngineClient::contactsChanged);
        const auto saved = save(person(QStringLiteral("Alice"), QStringLiteral("+15555550101")));
        QVERIFY(saved && saved->ok());
        QVERIFY(saved->value().id > 0);
        // Queued before the answer: it has arrived by the time the answer has.
        QCOMPARE(changed.size(), 1);
        const QList<Contact> book = contacts();
        QCOMPARE(book.size(), 1);
        QCOMPARE(book.first().id, saved->value().id);
    }

    void aRefusedChangeIsAnErrorAndAnnouncesNothing()
    {
        QVERIFY(save(person(QStringLiteral("Alice"), QStringLiteral("+15555550101")))->ok());
        QSignalSpy changed(m_engine.get(), &EngineClient::contactsChanged);
        const auto refused = save(person(QStringLiteral("Bob"), QStringLiteral("+15555550101")));
        QVERIFY(refused && !refused->ok());
        QVERIFY2(refused->error().message.contains(QStringLiteral("already Alice's number")),
                 qPrintable(refused->error().message));
        QTest::qWait(50);
        QCOMPARE(changed.size(), 0);
    }

    void importStoresTheGoodRowsAndReportsTheBadOnes()
    {
        QVERIFY(save(person(QStringLiteral("Alice"), QStringLiteral("+15555550101")))->ok());
        const auto imported =
            answerTo<EngineClient::ContactImport>([&](QObject *context, auto done) {
                m_engine->importContacts("name,number\nAlice Example,+15555550101\nBob,12\n"
                                         "Carol,+15555550103\n",
                                         context, done);
            });
        QVERIFY(imported && imported->ok());
        QCOMPARE(imported->value().imported, 2);
        QCOMPARE(imported->value().errors.size(), 1);
        QCOMPARE(imported->value().errors.first().line, 3);
        const QList<Contact> book = contacts();
        QCOMPARE(book.size(), 2);
        QCOMPARE(book.at(0).name, QStringLiteral("Alice Example")); // updated, not added

        const auto exported = answerTo<QByteArray>(
            [&](QObject *context, auto done) { m_engine->exportContacts(context, done); });
        QVERIFY(exported && exported->ok());
        QCOMPARE(exported->value(), QByteArray("name,number,language,note\r\n"
                                               "Alice Example,+15555550101,,\r\n"
                                               "Carol,+15555550103,,\r\n"));
    }

    void listsAreSavedRenamedAndRemovedThroughTheClient()
    {
        const Contact alice =
            save(person(QStringLiteral("Alice"), QStringLiteral("+15555550101")))->value();
        EscalationList list;
        list.name = QStringLiteral("DB");
        list.contactIds = {alice.id};
        QSignalSpy changed(m_engine.get(), &EngineClient::contactsChanged);
        QVERIFY(answerTo<bool>([&](QObject *context, auto done) {
                    m_engine->saveEscalationList(list, {}, context, done);
                })->ok());
        list.name = QStringLiteral("Database on-call");
        QVERIFY(answerTo<bool>([&](QObject *context, auto done) {
                    m_engine->saveEscalationList(list, QStringLiteral("DB"), context, done);
                })->ok());
        const auto lists = answerTo<QList<EscalationList>>(
            [&](QObject *context, auto done) { m_engine->escalationLists(context, done); });
        QVERIFY(lists && lists->ok());
        QCOMPARE(lists->value().size(), 1);
        QCOMPARE(lists->value().first().name, QStringLiteral("Database on-call"));
        const auto removed = answerTo<bool>([&](QObject *context, auto done) {
            m_engine->removeEscalationList(QStringLiteral("Database on-call"), context, done);
        });
        QVERIFY(removed && removed->ok() && removed->value());
        QCOMPARE(changed.size(), 3);
    }

    void withoutAnEngineEveryContactRequestIsAnsweredWithAnError()
    {
        m_engine->stop();
        const auto saved = save(person(QStringLiteral("Alice"), QStringLiteral("+15555550101")));
        QVERIFY(saved && !saved->ok());
        QCOMPARE(saved->error().message, QStringLiteral("The call engine is not running"));
        const auto read = answerTo<QList<Contact>>(
            [&](QObject *context, auto done) { m_engine->contacts(context, done); });
        QVERIFY(read && !read->ok());
    }
};

QTEST_GUILESS_MAIN(TestEngineClientContacts)
#include "TestEngineClientContacts.moc"
