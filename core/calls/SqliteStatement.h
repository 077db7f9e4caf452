// SqliteStatement: one SQL statement of the store, prepared once through SQLite's C API and run
// many times, without QtSql's named binding and result caching on every webhook's path
// (bench-store-writes measures the writes).
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <optional>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace flux {

// Owns a sqlite3_stmt of a connection that QtSql opened; it must be finalized (destroyed, or
// finalize()) before that connection is closed. Text is bound as UTF-8, the file's encoding,
// from a buffer per parameter that the statement keeps and reuses: SQLite would otherwise
// translate UTF-16 itself, into a fresh allocation for every value of every run.
class SqliteStatement
{
public:
    enum class Step
    {
        Row,    // a row is ready: read it, then reset()
        Done,   // finished, and reset already
        Failed, // reset already; errorCode() and errorMessage() say why
    };

    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    // SQLite's result code, 0 (SQLITE_OK) when prepared; one statement only.
    int prepare(sqlite3 *db, const QString &sql);
    void finalize();

    // Binds `args` to ?1, ?2, ... and steps once. A QString binds as text (a null one as empty
    // text, which the NOT NULL columns take), an int as an integer, std::nullopt (or an empty
    // std::optional) as NULL.
    template <typename... Args> Step run(const Args &...args)
    {
        // Every parameter is given each time (a missing one would keep the last run's value),
        // and never while a read of this statement is still stepping over the buffers.
        Q_ASSERT(sizeof...(Args) == m_text.size());
        Q_ASSERT(!busy());
        int index = 0;
        (bind(++index, args), ...);
        return next();
    }
    // A read of it is under way: stepped to a row and not reset.
    bool busy() const;
    // Steps on to the next row of a read that run() began.
    Step next();
    // Done with the row: a statement left stepping would hold its read snapshot of the file.
    void reset();

    QString text(int column) const;
    qint64 integer(int column) const;
    // Rows changed by the connection's last finished INSERT, UPDATE or DELETE.
    int changes() const;

    int errorCode() const { return m_errorCode; }
    const QString &errorMessage() const { return m_errorMessage; }

private:
    void bind(int index, QStringView text);
    void bind(int index, const QString &text) { bind(index, QStringView(text)); }
    void bind(int index, int value);
    void bind(int index, qint64 value);
    void bind(int index, std::nullopt_t);
    template <typename T> void bind(int index, const std::optional<T> &value)
    {
        if (value)
            bind(index, *value);
        else
            bind(index, std::nullopt);
    }
    void bound(int result);

    sqlite3_stmt *m_statement = nullptr;
    std::vector<QByteArray> m_text; // per parameter; SQLite reads it (SQLITE_STATIC) until rebound
    int m_bindError = 0;            // the first failed bind of this run: reported by its step
    int m_errorCode = 0;
    QString m_errorMessage;
};

} // namespace flux
