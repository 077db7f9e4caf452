// SqliteStatement: preparing, binding, stepping and reading through SQLite's C API.
#include "calls/SqliteStatement.h"

#include <sqlite3.h>

namespace flux {

SqliteStatement::~SqliteStatement()
{
    finalize();
}

int SqliteStatement::prepare(sqlite3 *db, const QString &sql)
{
    finalize();
    const QByteArray utf8 = sql.toUtf8();
    const char *tail = nullptr;
    // Persistent: kept for the store's lifetime, so SQLite keeps it out of its lookaside memory.
    const int result = sqlite3_prepare_v3(db, utf8.constData(), int(utf8.size()) + 1,
                                          SQLITE_PREPARE_PERSISTENT, &m_statement, &tail);
    if (result != SQLITE_OK) {
        finalize();
        return result;
    }
    if (tail && *tail) {
        finalize();
        return SQLITE_MISUSE; // more than one statement
    }
    m_text.resize(size_t(sqlite3_bind_parameter_count(m_statement)));
    return SQLITE_OK;
}

void SqliteStatement::finalize()
{
    sqlite3_finalize(m_statement);
    m_statement = nullptr;
}

void SqliteStatement::bound(int result)
{
    if (result != SQLITE_OK && m_bindError == SQLITE_OK)
        m_bindError = result;
}

void SqliteStatement::bind(int index, QStringView text)
{
    if (index < 1 || size_t(index) > m_text.size())
        return bound(sqlite3_bind_null(m_statement, index)); // SQLITE_RANGE, as SQLite says
    QByteArray &utf8 = m_text[size_t(index - 1)];
    // Webhook values are ASCII (sids, statuses, digits, times): narrowed into the kept buffer,
    // which, once grown, never allocates again. Two plain loops, so the compiler vectorizes
    // both. Anything else goes through Qt.
    const qsizetype size = text.size();
    const char16_t *in = text.utf16();
    char16_t seen = 0;
    for (qsizetype i = 0; i < size; ++i)
        seen |= in[i];
    if (seen < 0x80) {
        utf8.resize(size);
        char *out = size ? utf8.data() : nullptr;
        for (qsizetype i = 0; i < size; ++i)
            out[i] = char(in[i]);
    } else {
        utf8 = text.toUtf8();
    }
    // Never a null pointer: that would bind NULL, which the NOT NULL columns refuse.
    bound(sqlite3_bind_text(m_statement, index, utf8.isEmpty() ? "" : utf8.constData(),
                            int(utf8.size()), SQLITE_STATIC));
}

void SqliteStatement::bind(int index, int value)
{
    bound(sqlite3_bind_int(m_statement, index, value));
}

void SqliteStatement::bind(int index, qint64 value)
{
    bound(sqlite3_bind_int64(m_statement, index, value));
}

void SqliteStatement::bind(int index, std::nullopt_t)
{
    bound(sqlite3_bind_null(m_statement, index));
}

bool SqliteStatement::busy() const
{
    return m_statement && sqlite3_stmt_busy(m_statement);
}

SqliteStatement::Step SqliteStatement::next()
{
    int result = m_bindError;
    if (result == SQLITE_OK) {
        result = sqlite3_step(m_statement);
        if (result == SQLITE_ROW)
            return Step::Row;
        if (result == SQLITE_DONE) {
            reset();
            return Step::Done;
        }
    }
    // What QtSql reported for a failed statement: the code of its step and the connection's
    // message, read before the reset (which says the same).
    m_errorCode = result;
    m_errorMessage = QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_statement)));
    reset();
    return Step::Failed;
}

void SqliteStatement::reset()
{
    m_bindError = SQLITE_OK;
    // Its result repeats the last step's error, which that step has reported already. The
    // bindings stay: the next run binds every parameter again.
    sqlite3_reset(m_statement);
}

QString SqliteStatement::text(int column) const
{
    // UTF-8 as stored, converted once by Qt; NULL reads as a null QString, as through QtSql.
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    if (!data)
        return QString();
    return QString::fromUtf8(data, sqlite3_column_bytes(m_statement, column));
}

qint64 SqliteStatement::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

int SqliteStatement::changes() const
{
    return sqlite3_changes(sqlite3_db_handle(m_statement));
}

} // namespace flux
