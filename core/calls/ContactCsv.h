// ContactCsv: the contact book as a CSV file (RFC 4180, UTF-8), for spreadsheets and other desks.
#pragma once

#include "calls/Contact.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace flux::ContactCsv {

// The columns written, in this order; a file read may have them in any order, and others too.
inline const QString NameColumn = QStringLiteral("name");
inline const QString NumberColumn = QStringLiteral("number");
inline const QString LanguageColumn = QStringLiteral("language");
inline const QString NoteColumn = QStringLiteral("note");

// A row that was not taken, and why.
struct LineError
{
    int line = 0; // where its record starts in the file, the header being line 1
    QString reason;
};

struct Parsed
{
    QList<Contact> contacts; // in file order, without ids; numbers in E.164
    QList<int> lines;        // where each of them starts in the file
    QList<LineError> errors; // in file order
};

// A header line, then one line per contact; CRLF line ends, fields quoted when they need it.
QByteArray write(const QList<Contact> &contacts);

// Reads a file with a header naming at least the name and number columns, in any order (without
// one, the columns are taken to be name, number, language, note). Lines may end in CRLF or LF;
// quoted fields may hold commas, line breaks and doubled quotes. Spaces, dashes, dots and
// brackets in a number are dropped ("+49 30 1234-5"); a row without a name, with a number that
// is not E.164 afterwards, with a language the calls do not speak, or with a number an earlier
// row had, is an error, and blank lines are skipped.
Parsed read(const QByteArray &csv);

} // namespace flux::ContactCsv
