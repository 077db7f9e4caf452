#include "calls/ContactCsv.h"

#include "calls/PhoneNumber.h"
#include "twilio/VoicePrompts.h"

#include <QHash>
#include <QStringList>

#include <algorithm>
#include <optional>

namespace flux::ContactCsv {

namespace {

QString quoted(const QString &field)
{
    static const QString needsQuotes = QStringLiteral(",\"\r\n");
    const bool quote =
        std::any_of(field.begin(), field.end(), [](QChar c) { return needsQuotes.contains(c); }) ||
        field != field.trimmed();
    if (!quote)
        return field;
    QString escaped = field;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

struct Record
{
    int line = 0; // where it starts
    QStringList fields;
};

// Splits the text into records: RFC 4180, plus LF or a lone CR as a line end.
class RecordReader
{
public:
    explicit RecordReader(QString text) : m_text(std::move(text)) {}

    // The next record, or nullopt at the end; `unterminated` is set when its quotes never close.
    std::optional<Record> next(bool &unterminated)
    {
        unterminated = false;
        if (m_pos >= m_text.size())
            return std::nullopt;
        Record record;
        record.line = m_line;
        QString field;
        bool inQuotes = false;
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos++);
            if (inQuotes) {
                if (c == QLatin1Char('"')) {
                    if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char('"')) {
                        field += c;
                        ++m_pos;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    countLine(c);
                    field += c;
                }
            } else if (c == QLatin1Char('"') && field.isEmpty()) {
                inQuotes = true;
            } else if (c == QLatin1Char(',')) {
                record.fields << field;
                field.clear();
            } else if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
                if (c == QLatin1Char('\r') && m_pos < m_text.size() &&
                    m_text.at(m_pos) == QLatin1Char('\n'))
                    ++m_pos;
                ++m_line;
                record.fields << field;
                return record;
            } else {
                field += c;
            }
        }
        unterminated = inQuotes;
        record.fields << field;
        return record;
    }

private:
    // A CR LF pair is one line end: counted at its LF. `c` is the character just read.
    void countLine(QChar c)
    {
        const bool crBeforeLf = c == QLatin1Char('\r') && m_pos < m_text.size() &&
                                m_text.at(m_pos) == QLatin1Char('\n');
        if (c == QLatin1Char('\n') || (c == QLatin1Char('\r') && !crBeforeLf))
            ++m_line;
    }

    QString m_text;
    int m_pos = 0;
    int m_line = 1;
};

QString normalizedNumber(const QString &number)
{
    QString digits;
    for (const QChar c : number) {
        if (c == QLatin1Char(' ') || c == QLatin1Char('-') || c == QLatin1Char('.') ||
            c == QLatin1Char('(') || c == QLatin1Char(')') || c == QChar(0xa0))
            continue;
        digits += c;
    }
    return digits;
}

bool isBlank(const QStringList &fields)
{
    return std::all_of(fields.begin(), fields.end(),
                       [](const QString &field) { return field.trimmed().isEmpty(); });
}

} // namespace

QByteArray write(const QList<Contact> &contacts)
{
    const QString lineEnd = QStringLiteral("\r\n");
    QString text =
        QStringList{NameColumn, NumberColumn, LanguageColumn, NoteColumn}.join(QLatin1Char(',')) +
        lineEnd;
    for (const Contact &contact : contacts) {
        text += QStringList{quoted(contact.name), quoted(contact.number), quoted(contact.language),
                            quoted(contact.note)}
                    .join(QLatin1Char(',')) +
                lineEnd;
    }
    return text.toUtf8();
}

Parsed read(const QByteArray &csv)
{
    Parsed parsed;
    QString text = QString::fromUtf8(csv);
    if (text.startsWith(QChar(0xfeff))) // the byte order mark spreadsheets write
        text.remove(0, 1);
    RecordReader reader(text);

    // Where each column is; the default order until a header says otherwise.
    QHash<QString, int> columns{
        {NameColumn, 0}, {NumberColumn, 1}, {LanguageColumn, 2}, {NoteColumn, 3}};
    bool unterminated = false;
    std::optional<Record> record = reader.next(unterminated);
    if (record) {
        QHash<QString, int> header;
        for (int i = 0; i < record->fields.size(); ++i)
            header.insert(record->fields.at(i).trimmed().toLower(), i);
        if (header.contains(NameColumn) || header.contains(NumberColumn)) {
            if (!header.contains(NameColumn) || !header.contains(NumberColumn)) {
                parsed.errors.append({record->line, QStringLiteral("The header needs both a "
                                                                   "\"name\" and a \"number\" "
                                                                   "column")});
                return parsed;
            }
            columns = header;
            record = reader.next(unterminated);
        }
    }

    const auto field = [&columns](const Record &row, const QString &column) {
        const int index = columns.value(column, -1);
        return index >= 0 && index < row.fields.size() ? row.fields.at(index).trimmed() : QString();
    };
    QHash<QString, int> numberLines; // E.164 number -> the line that had it first
    for (; record; record = reader.next(unterminated)) {
        const Record &row = *record;
        if (unterminated) {
            parsed.errors.append(
                {row.line, QStringLiteral("A quoted field is not closed before the file ends")});
            break;
        }
        if (isBlank(row.fields))
            continue;
        Contact contact;
        contact.name = field(row, NameColumn);
        contact.number = normalizedNumber(field(row, NumberColumn));
        contact.language = field(row, LanguageColumn).toLower();
        contact.note = field(row, NoteColumn);
        if (contact.name.isEmpty()) {
            parsed.errors.append({row.line, QStringLiteral("No name")});
        } else if (contact.number.isEmpty()) {
            parsed.errors.append({row.line, QStringLiteral("No number for %1").arg(contact.name)});
        } else if (!PhoneNumber::isE164(contact.number)) {
            parsed.errors.append({row.line, QStringLiteral("\"%1\" is not a phone number: %2")
                                                .arg(field(row, NumberColumn), PhoneNumber::Hint)});
        } else if (!contact.language.isEmpty() && !VoicePrompts::isSupported(contact.language)) {
            parsed.errors.append(
                {row.line, QStringLiteral("The calls do not speak \"%1\"").arg(contact.language)});
        } else if (numberLines.contains(contact.number)) {
            parsed.errors.append({row.line, QStringLiteral("%1 is on line %2 already")
                                                .arg(contact.number)
                                                .arg(numberLines.value(contact.number))});
        } else {
            numberLines.insert(contact.number, row.line);
            parsed.contacts.append(contact);
            parsed.lines.append(row.line);
        }
    }
    return parsed;
}

} // namespace flux::ContactCsv
