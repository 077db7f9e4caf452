// SqliteConnection: one QtSql connection to a SQLite file, durable and schema-versioned, for a
// store.
#pragma once

#include "base/LogCategories.h"
#include "base/Result.h"
#include "calls/CallStore.h"
#include "calls/SqliteStatement.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QThread;
struct sqlite3;

namespace flux {

// Owns a uniquely named QSqlDatabase connection, used only from the thread that opened it.
// QtSql opens, configures and migrates the file; statements run through SQLite's C API on that
// same connection (SqliteStatement). Every error names the file and carries SQLite's own text.
class SqliteConnection
{
public:
    // Entry i of the migrations takes the schema from PRAGMA user_version i to i + 1.
    static Result<std::unique_ptr<SqliteConnection>, StoreError>
    open(const QString &filePath, const QList<QStringList> &migrations);
    // Every SqliteStatement prepared on it must be gone (or finalized) by then.
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;

    QString filePath() const { return m_filePath; }
    bool isOwnThread() const;
    // In WAL mode, the only mode the store asks for (a file system without shared memory may
    // refuse it): commits go to the "-wal" log, and checkpoints copy them into the file.
    bool inWalMode() const { return m_walMode; }
    // SQLite's own connection under QtSql's, for what runs beside the statements (a WAL hook).
    sqlite3 *handle() const { return m_handle; }

    // What a statement does, for its error: "read call %1" and the sid are put together only
    // when it fails, not for every statement of every webhook, which nearly always succeed.
    class What
    {
    public:
        What(QString text) : m_text(std::move(text)) {}
        What(QString text, QString arg)
            : m_text(std::move(text)), m_arg(std::move(arg)), m_hasArg(true)
        {}
        QString toString() const { return m_hasArg ? m_text.arg(m_arg) : m_text; }

    private:
        QString m_text;
        QString m_arg;
        bool m_hasArg = false;
    };

    StoreError failure(const QString &what) const;

    // Statements run through SQLite's C API on this connection.
    Result<void, StoreError> prepare(SqliteStatement &statement, const QString &sql) const;
    // Runs a write with `args` bound to ?1, ?2, ...
    template <typename... Args>
    Result<void, StoreError> run(SqliteStatement &statement, const What &what,
                                 const Args &...args) const
    {
        const SqliteStatement::Step step = statement.run(args...);
        if (step == SqliteStatement::Step::Failed)
            return failure(what, statement);
        if (step == SqliteStatement::Step::Row)
            statement.reset();
        return {};
    }
    // Runs a read with `args` bound; true when it found a row: read it, then reset() it or go
    // on with next().
    template <typename... Args>
    Result<bool, StoreError> first(SqliteStatement &statement, const What &what,
                                   const Args &...args) const
    {
        const SqliteStatement::Step step = statement.run(args...);
        if (step == SqliteStatement::Step::Failed)
            return failure(what, statement);
        return step == SqliteStatement::Step::Row;
    }
    // The next row of a read that first() began: false (and reset) when there is none.
    Result<bool, StoreError> next(SqliteStatement &statement, const What &what) const;

    // Runs body() (returning a Result) in a BEGIN IMMEDIATE transaction: committed when it
    // succeeds, rolled back when it or the commit fails. Taking the write lock up front means a
    // read-then-write cannot be overtaken by another connection to the same file.
    template <typename Body> auto transaction(Body body) -> decltype(body())
    {
        Q_ASSERT_X(!m_groupOpen, "SqliteConnection", "a transaction inside an open group");
        if (auto begun = run(m_begin, QStringLiteral("begin a transaction")); !begun)
            return begun.error();
        auto result = body();
        if (!result) {
            rollback();
            return result;
        }
        if (auto committed = run(m_commit, QStringLiteral("commit")); !committed) {
            rollback();
            return committed.error();
        }
        return result;
    }

    // Group commit: one BEGIN IMMEDIATE held open across many writes, each in a savepoint of its
    // own, then one COMMIT, so a burst of writes costs one sync instead of one each.
    bool groupOpen() const { return m_groupOpen; }
    Result<void, StoreError> beginGroup();
    // Commits the group (rolled back when that fails); no group is open afterwards either way.
    Result<void, StoreError> commitGroup();
    // Runs body() (returning a Result) in a savepoint of the open group: when it fails, its own
    // changes are undone and the group's others kept. When the group itself is lost (below),
    // every later write of it fails without running, and so does its commit.
    template <typename Body> auto savepoint(Body body) -> decltype(body())
    {
        if (m_groupLost)
            return *m_groupLost;
        if (auto set = run(m_savepoint, QStringLiteral("set a savepoint")); !set)
            return loseGroup(set.error());
        auto result = body();
        // SQLite ends the whole transaction on some errors (SQLITE_FULL, SQLITE_IOERR, a
        // trigger's RAISE(ROLLBACK)): there is then no savepoint to go back to, the group's
        // earlier writes are gone too, and a later "SAVEPOINT" would open a transaction of its
        // own that its RELEASE commits, unsynced and outside the group.
        if (!result && (!inTransaction() ||
                        !run(m_rollbackTo, QStringLiteral("roll back to the savepoint")))) {
            loseGroup(result.error());
            return result;
        }
        if (auto released = run(m_release, QStringLiteral("release the savepoint")); !released)
            return loseGroup(released.error());
        return result;
    }

private:
    SqliteConnection() = default;
    // QtSql, for what runs once: the pragmas, the integrity check and the migrations.
    QSqlQuery query() const;
    StoreError failure(const What &what, const QSqlError &error) const;
    Result<void, StoreError> runSql(const QString &sql, const QString &what) const;
    Result<QVariant, StoreError> value(const QString &sql, const QString &what) const;
    StoreError failure(const What &what, const SqliteStatement &failed) const;
    StoreError failure(const What &what, int code, const QString &sqlite) const;
    Result<void, StoreError> configure();
    // PRAGMA quick_check: a damaged file is refused at open, with SQLite's first finding.
    Result<void, StoreError> checkIntact();
    Result<void, StoreError> migrate(const QList<QStringList> &migrations);
    void rollback();
    bool inTransaction() const;
    // The open group cannot be committed: rolls back what is left of it and keeps `error` for
    // its later writes and its commit, so everyone waiting on the group hears of the failure.
    StoreError loseGroup(const StoreError &error);

    QString m_filePath;
    QString m_connectionName;
    QThread *m_thread = nullptr;
    QSqlDatabase m_db;
    sqlite3 *m_handle = nullptr; // m_db's own connection
    SqliteStatement m_begin, m_commit, m_rollback;
    SqliteStatement m_savepoint, m_release, m_rollbackTo;
    bool m_walMode = false;
    bool m_groupOpen = false;
    std::optional<StoreError> m_groupLost;
};

} // namespace flux
