// TestContactCsv: the contact book written to and read from CSV.
#include "calls/ContactCsv.h"

#include <QtTest>

using namespace flux;

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

QStringList fieldsOf(const QList<Contact> &contacts)
{
    QStringList fields;
    for (const Contact &c : contacts)
        fields << c.name << c.number << c.language << c.note;
    return fields;
}

QStringList errorsOf(const ContactCsv::Parsed &parsed)
{
    QStringList errors;
    for (const ContactCsv::LineError &error : parsed.errors)
        errors << QStringLiteral("%1: %2").arg(error.line).arg(error.reason);
    return errors;
}

} // namespace

class TestContactCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writingPutsAHeaderAndQuotesOnlyWhatNeedsIt()
    {
        const QByteArray csv = ContactCsv::write(
            {person(QStringLiteral("Alice Example"), QStringLiteral("+4930123456"),
                    QStringLiteral("de"), QStringLiteral("Berlin, 2nd floor")),
             person(QStringLiteral("Bob \"the DBA\""), QStringLiteral("+15555550102"), {},
                    QStringLiteral("line one\nline two"))});
        QCOMPARE(csv,
                 QByteArray("name,number,language,note\r\n"
                            "Alice Example,+4930123456,de,\"Berlin, 2nd floor\"\r\n"
                            "\"Bob \"\"the DBA\"\"\",+15555550102,,\"line one\nline two\"\r\n"));
    }

    void whatIsWrittenReadsBackTheSame()
    {
        const QList<Contact> contacts{
            person(QStringLiteral("Jürgen Groß"), QStringLiteral("+4989123456"),
                   QStringLiteral("de"), QStringLiteral("Ruft zurück, \"immer\"\r\nnachts")),
            person(QStringLiteral("Zoë, on-call"), QStringLiteral("+15555550101"), {},
                   QStringLiteral(" leading and trailing spaces are kept quoted ")),
            person(QStringLiteral("Plain"), QStringLiteral("+15555550102"), QStringLiteral("en"),
                   {}),
        };
        const ContactCsv::Parsed parsed = ContactCsv::read(ContactCsv::write(contacts));
        QVERIFY2(parsed.errors.isEmpty(), qPrintable(errorsOf(parsed).join(u'\n')));
        // Fields are trimmed on reading, as a spreadsheet's stray spaces would be.
        QList<Contact> expected = contacts;
        expected[1].note = expected[1].note.trimmed();
        QCOMPARE(fieldsOf(parsed.contacts), fieldsOf(expected));
        // Lines count the line break inside the first note.
        QCOMPARE(parsed.lines, (QList<int>{2, 4, 5}));
    }

    void aHeaderMayNameTheColumnsInAnyOrderAndAddOthers()
    {
        const ContactCsv::Parsed parsed =
            ContactCsv::read("Note,NUMBER, Name ,team\n"
                             "\"on call, weekends\",+15555550101,Alice,db\n"
                             "x,+15555550102,Bob\n");
        QVERIFY2(parsed.errors.isEmpty(), qPrintable(errorsOf(parsed).join(u'\n')));
        QCOMPARE(fieldsOf(parsed.contacts),
                 (QStringList{QStringLiteral("Alice"), QStringLiteral("+15555550101"), QString(),
                              QStringLiteral("on call, weekends"), QStringLiteral("Bob"),
                              QStringLiteral("+15555550102"), QString(), QStringLiteral("x")}));
    }

    void withoutAHeaderTheColumnsAreTheWrittenOnes()
    {
        const ContactCsv::Parsed parsed =
            ContactCsv::read("Alice,+15555550101,de,first\r\nBob,+15555550102\r\n");
        QVERIFY2(parsed.errors.isEmpty(), qPrintable(errorsOf(parsed).join(u'\n')));
        QCOMPARE(fieldsOf(parsed.contacts),
                 (QStringList{QStringLiteral("Alice"), QStringLiteral("+15555550101"),
                              QStringLiteral("de"), QStringLiteral("first"), QStringLiteral("Bob"),
                              QStringLiteral("+15555550102"), QString(), QString()}));
        QCOMPARE(parsed.lines, (QList<int>{1, 2}));
    }

    void aHeaderWithoutANumberColumnIsOneError()
    {
        const ContactCsv::Parsed parsed = ContactCsv::read("name,phone\nAlice,+15555550101\n");
        QVERIFY(parsed.contacts.isEmpty());
        QCOMPARE(errorsOf(parsed),
                 QStringList{QStringLiteral(
                     "1: The header needs both a \"name\" and a \"number\" column")});
    }

    void badRowsAreReportedByLineAndTheOthersKept()
    {
        const ContactCsv::Parsed parsed =
            ContactCsv::read("name,number,language\n"
                             "Alice,+15555550101,en\n"  // 2: fine
                             ",+15555550102\n"          // 3: no name
                             "Carol,030 1234\n"         // 4: not E.164
                             "\n"                       // 5: blank, skipped
                             "Dave,+1 (555) 555-0104\n" // 6: fine once the spaces and brackets go
                             "Erin,+15555550105,fr\n"   // 7: a language the calls do not speak
                             "\"Frank\nFoo\",+15555550101\n" // 8-9: Alice's number again
                             "Gina\n");                      // 10: no number
        QCOMPARE(fieldsOf(parsed.contacts),
                 (QStringList{QStringLiteral("Alice"), QStringLiteral("+15555550101"),
                              QStringLiteral("en"), QString(), QStringLiteral("Dave"),
                              QStringLiteral("+15555550104"), QString(), QString()}));
        QCOMPARE(parsed.lines, (QList<int>{2, 6}));
        const QStringList errors = errorsOf(parsed);
        QCOMPARE(errors.size(), 5);
        QCOMPARE(errors.at(0), QStringLiteral("3: No name"));
        QVERIFY2(errors.at(1).startsWith(QStringLiteral("4: \"030 1234\" is not a phone number")),
                 qPrintable(errors.at(1)));
        QCOMPARE(errors.at(2), QStringLiteral("7: The calls do not speak \"fr\""));
        QCOMPARE(errors.at(3), QStringLiteral("8: +15555550101 is on line 2 already"));
        QCOMPARE(errors.at(4), QStringLiteral("10: No number for Gina"));
    }

    void anUnclosedQuoteEndsTheFileWithAnError()
    {
        const ContactCsv::Parsed parsed =
            ContactCsv::read("name,number\nAlice,+15555550101\n\"Bob,+15555550102\n");
        QCOMPARE(parsed.contacts.size(), 1);
        QCOMPARE(errorsOf(parsed), QStringList{QStringLiteral(
                                       "3: A quoted field is not closed before the file ends")});
    }

    void aByteOrderMarkAndAMissingFinalLineEndAreFine()
    {
        const ContactCsv::Parsed parsed =
            ContactCsv::read("\xEF\xBB\xBFname,number\r\nAlice,+15555550101");
        QVERIFY2(parsed.errors.isEmpty(), qPrintable(errorsOf(parsed).join(u'\n')));
        QCOMPARE(parsed.contacts.size(), 1);
        QCOMPARE(parsed.contacts.first().name, QStringLiteral("Alice"));
        QCOMPARE(parsed.contacts.first().number, QStringLiteral("+15555550101"));
    }
};

QTEST_GUILESS_MAIN(TestContactCsv)
#include "TestContactCsv.moc"
