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
    // A null view would bind NULL; SQLITE_STATIC: the caller's string outlives the step, and
    // reset() clears the binding before anyone could free it.
    static const char16_t empty[] = u"";
    const void *data = text.isEmpty() ? static_cast<const void *>(empty) : text.utf16();
    bound(sqlite3_bind_text16(m_statement, index, data, int(text.size() * sizeof(char16_t)),
                              SQLITE_STATIC));
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

SqliteStatement::Step SqliteStatement::step()
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
    // Its result repeats the last step's error, which that step has reported already.
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

QString SqliteStatement::text(int column) const
{
    const auto *data = static_cast<const char16_t *>(sqlite3_column_text16(m_statement, column));
    const int bytes = sqlite3_column_bytes16(m_statement, column);
    return QString(reinterpret_cast<const QChar *>(data), bytes / int(sizeof(char16_t)));
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
