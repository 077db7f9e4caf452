// SqliteConnection: opening, configuring and migrating the file; errors that name it.
#include "calls/SqliteConnection.h"

#include "base/LogCategories.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QThread>
#include <QVariant>

#include <sqlite3.h>

namespace flux {

namespace {
constexpr int BusyTimeoutMs = 2000;
const QString Driver = QStringLiteral("QSQLITE");
} // namespace

Result<std::unique_ptr<SqliteConnection>, StoreError>
SqliteConnection::open(const QString &filePath, const QList<QStringList> &migrations)
{
    if (filePath.isEmpty())
        return StoreError{QStringLiteral("no file given for the store")};
    const QFileInfo file(filePath);
    const QString path = file.absoluteFilePath();
    if (!QSqlDatabase::isDriverAvailable(Driver))
        return StoreError{
            QStringLiteral("%1: the Qt SQLite driver (QSQLITE) is missing").arg(path)};
    if (!QDir().mkpath(file.absolutePath()))
        return StoreError{QStringLiteral("%1: cannot create its folder").arg(path)};

    static QAtomicInteger<quint64> opened;
    std::unique_ptr<SqliteConnection> connection(new SqliteConnection);
    SqliteConnection &c = *connection;
    c.m_filePath = path;
    c.m_connectionName = QStringLiteral("flux-store-%1").arg(opened.fetchAndAddRelaxed(1));
    c.m_thread = QThread::currentThread();
    c.m_db = QSqlDatabase::addDatabase(Driver, c.m_connectionName);
    c.m_db.setDatabaseName(path);
    if (!c.m_db.open())
        return c.failure(QStringLiteral("open the file"), c.m_db.lastError());
    // The hot statements go through SQLite's C API on QtSql's own connection. Debian's qsqlite
    // plugin links the system libsqlite3.so.0 (ldd libqsqlite.so), the library flux-core links,
    // so the handle is one library's connection, not a pointer into a second copy of SQLite.
    const QVariant handle = c.m_db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") == 0)
        c.m_handle = *static_cast<sqlite3 *const *>(handle.constData());
    if (!c.m_handle)
        return c.failure(QStringLiteral("the Qt SQLite driver gives no SQLite connection handle"));
    // A Qt built with its own copy of SQLite (Qt's online installer) would hand over a connection
    // of that copy, which this library must never touch: the two must be one build.
    const auto driverSqlite =
        c.value(QStringLiteral("SELECT sqlite_source_id()"), QStringLiteral("ask SQLite's build"));
    if (!driverSqlite)
        return driverSqlite.error();
    if (driverSqlite.value().toString() != QLatin1String(sqlite3_sourceid()))
        return c.failure(
            QStringLiteral("the Qt SQLite driver runs SQLite %1, not the SQLite %2 "
                           "this program links; install Qt's system packages")
                .arg(driverSqlite.value().toString(), QLatin1String(sqlite3_sourceid())));
    if (auto configured = c.configure(); !configured)
        return configured.error();
    if (auto checked = c.checkIntact(); !checked)
        return checked.error();
    if (auto migrated = c.migrate(migrations); !migrated)
        return migrated.error();
    qCDebug(lcStore) << "opened" << path << "as" << c.m_connectionName;
    return Result<std::unique_ptr<SqliteConnection>, StoreError>(std::move(connection));
}

SqliteConnection::~SqliteConnection()
{
    // removeDatabase() wants every QSqlQuery and QSqlDatabase copy of the connection gone, and
    // SQLite will not close a connection with statements of its own left.
    for (auto *statement :
         {&m_begin, &m_commit, &m_rollback, &m_savepoint, &m_release, &m_rollbackTo})
        statement->finalize();
    m_db.close();
    m_db = QSqlDatabase();
    if (!m_connectionName.isEmpty())
        QSqlDatabase::removeDatabase(m_connectionName);
}

bool SqliteConnection::isOwnThread() const
{
    return QThread::currentThread() == m_thread;
}

QSqlQuery SqliteConnection::query() const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    return q;
}

StoreError SqliteConnection::failure(const What &what, const QSqlError &error) const
{
    const QString sqlite = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return failure(what, error.nativeErrorCode().toInt(), sqlite);
}

StoreError SqliteConnection::failure(const What &what, const SqliteStatement &failed) const
{
    return failure(what, failed.errorCode(), failed.errorMessage());
}

StoreError SqliteConnection::failure(const What &what, int code, const QString &sqlite) const
{
    // SQLite's result codes that mean the file, not the statement, is the trouble.
    QString hint;
    switch (code & 0xff) { // the primary code; extended codes add detail in the high bits
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        hint = QStringLiteral(" (another process holds it: is a second flux-calldesk using "
                              "this folder?)");
        break;
    case SQLITE_CORRUPT:
        hint = QStringLiteral(" (the file is damaged: restore it from a backup or move it "
                              "aside)");
        break;
    case SQLITE_NOTADB:
        hint = QStringLiteral(" (not a SQLite database: move it aside or use another folder)");
        break;
    default:
        break;
    }
    return {QStringLiteral("%1: cannot %2: %3%4").arg(m_filePath, what.toString(), sqlite, hint)};
}

StoreError SqliteConnection::failure(const QString &what) const
{
    return {QStringLiteral("%1: %2").arg(m_filePath, what)};
}

Result<void, StoreError> SqliteConnection::runSql(const QString &sql, const QString &what) const
{
    QSqlQuery q = query();
    if (q.exec(sql))
        return {};
    return failure(what, q.lastError());
}

Result<QVariant, StoreError> SqliteConnection::value(const QString &sql, const QString &what) const
{
    QSqlQuery q = query();
    if (!q.exec(sql) || !q.next())
        return failure(what, q.lastError());
    return q.value(0);
}

Result<void, StoreError> SqliteConnection::prepare(SqliteStatement &statement,
                                                   const QString &sql) const
{
    if (const int code = statement.prepare(m_handle, sql); code != SQLITE_OK) {
        return failure(QStringLiteral("prepare \"%1\"").arg(sql), code,
                       QString::fromUtf8(sqlite3_errmsg(m_handle)));
    }
    return {};
}

Result<bool, StoreError> SqliteConnection::next(SqliteStatement &statement, const What &what) const
{
    const SqliteStatement::Step step = statement.next();
    if (step == SqliteStatement::Step::Failed)
        return failure(what, statement);
    return step == SqliteStatement::Step::Row;
}

bool SqliteConnection::inTransaction() const
{
    return m_handle && !sqlite3_get_autocommit(m_handle);
}

StoreError SqliteConnection::loseGroup(const StoreError &error)
{
    qCWarning(lcStore).noquote() << "a group of writes is lost:" << error.message;
    if (inTransaction())
        rollback();
    m_groupLost = error;
    return error;
}

void SqliteConnection::rollback()
{
    if (auto rolledBack = run(m_rollback, QStringLiteral("roll back")); !rolledBack)
        qCWarning(lcStore).noquote() << "rollback failed:" << rolledBack.error().message;
}

Result<void, StoreError> SqliteConnection::configure()
{
    const QStringList pragmas = {
        QStringLiteral("PRAGMA busy_timeout = %1").arg(BusyTimeoutMs),
        QStringLiteral("PRAGMA foreign_keys = ON"),
    };
    for (const QString &sql : pragmas) {
        if (auto set = runSql(sql, QStringLiteral("run \"%1\"").arg(sql)); !set)
            return set;
    }
    // The first statement that reads the file: a file that is not a database fails here.
    auto mode = value(QStringLiteral("PRAGMA journal_mode = WAL"),
                      QStringLiteral("switch to WAL journal mode"));
    if (!mode)
        return mode.error();
    const bool wal =
        mode.value().toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0;
    m_walMode = wal;
    if (!wal) {
        qCWarning(lcStore) << m_filePath << "stays in journal mode" << mode.value().toString()
                           << "instead of WAL: writes stay durable, but readers may wait";
    }
    // A webhook is answered only after its effect survives a power cut. In WAL mode, NORMAL
    // makes a commit atomic (SQLite still syncs around checkpoints, so the file stays whole)
    // and the store's WalSyncer makes it durable off this thread before anyone hears of it.
    // Other journal modes have no such log to sync, so their commits sync themselves (FULL).
    const QString synchronous = QStringLiteral("PRAGMA synchronous = %1")
                                    .arg(wal ? QLatin1String("NORMAL") : QLatin1String("FULL"));
    if (auto set = runSql(synchronous, QStringLiteral("run \"%1\"").arg(synchronous)); !set)
        return set;
    for (auto [statement, sql] :
         {std::pair{&m_begin, "BEGIN IMMEDIATE"}, std::pair{&m_commit, "COMMIT"},
          std::pair{&m_rollback, "ROLLBACK"}, std::pair{&m_savepoint, "SAVEPOINT w"},
          std::pair{&m_release, "RELEASE w"}, std::pair{&m_rollbackTo, "ROLLBACK TO w"}}) {
        if (auto prepared = prepare(*statement, QString::fromLatin1(sql)); !prepared)
            return prepared;
    }
    return {};
}

Result<void, StoreError> SqliteConnection::beginGroup()
{
    Q_ASSERT(!m_groupOpen);
    if (auto begun = run(m_begin, QStringLiteral("begin a transaction")); !begun)
        return begun;
    m_groupOpen = true;
    return {};
}

Result<void, StoreError> SqliteConnection::commitGroup()
{
    if (!m_groupOpen)
        return {};
    m_groupOpen = false;
    if (m_groupLost)
        return *std::exchange(m_groupLost, std::nullopt);
    if (auto committed = run(m_commit, QStringLiteral("commit")); !committed) {
        rollback();
        return committed;
    }
    return {};
}

Result<void, StoreError> SqliteConnection::checkIntact()
{
    // Damage inside the file would otherwise surface later, one failed webhook at a time, and
    // writing on would spread it. quick_check reads every page once: fast for a call store.
    QSqlQuery q = query();
    if (!q.exec(QStringLiteral("PRAGMA quick_check(1)")) || !q.next())
        return failure(QStringLiteral("check the file"), q.lastError());
    const QString verdict = q.value(0).toString();
    if (verdict == QLatin1String("ok"))
        return {};
    return failure(QStringLiteral("is damaged (%1): restore it from a backup or move it aside")
                       .arg(verdict.simplified()));
}

Result<void, StoreError> SqliteConnection::migrate(const QList<QStringList> &migrations)
{
    const int latest = int(migrations.size());
    return transaction([&]() -> Result<void, StoreError> {
        // Read under the write lock: another connection may be creating the same file now.
        auto version =
            value(QStringLiteral("PRAGMA user_version"), QStringLiteral("read the schema version"));
        if (!version)
            return version.error();
        const int current = version.value().toInt();
        if (current > latest) {
            return failure(QStringLiteral("has schema version %1, newer than the %2 this build "
                                          "knows; not touching it")
                               .arg(current)
                               .arg(latest));
        }
        if (current == 0) {
            auto tables = value(QStringLiteral("SELECT count(*) FROM sqlite_master"),
                                QStringLiteral("list the tables"));
            if (!tables)
                return tables.error();
            if (tables.value().toInt() > 0)
                return failure(QStringLiteral("has tables but no schema version: not a store"));
        }
        for (int step = current; step < latest; ++step) {
            const QString what = QStringLiteral("migrate to schema version %1").arg(step + 1);
            for (const QString &sql : migrations.at(step)) {
                if (auto ran = runSql(sql, what); !ran)
                    return ran;
            }
        }
        if (current == latest)
            return {};
        // PRAGMA takes no bound values; latest is an int, so formatting it in is safe.
        auto set = runSql(QStringLiteral("PRAGMA user_version = %1").arg(latest),
                          QStringLiteral("set the schema version"));
        if (!set)
            return set;
        qCInfo(lcStore) << m_filePath << "now has schema version" << latest;
        return {};
    });
}

} // namespace flux
