// WalCheckpointer: the checkpoint thread, and the commit hook that tells it when to run.
#include "calls/WalCheckpointer.h"

#include "base/LogCategories.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <sqlite3.h>

#include <pthread.h>

namespace flux {

namespace {
// One checkpoint: SQLite's code, the log's length and how many of its pages are now copied.
struct Checkpoint
{
    int code = SQLITE_OK;
    int log = 0;
    int copied = 0;
};

Checkpoint checkpoint(sqlite3 *db, const char *schema, int mode)
{
    Checkpoint done;
    done.code = sqlite3_wal_checkpoint_v2(db, schema, mode, &done.log, &done.copied);
    return done;
}

// A failed write or sync of the log or the database file. After a failed sync the kernel may
// have dropped the pages and the next sync says nothing of it, so no checkpoint may finish after.
bool isIoError(int code)
{
    return (code & 0xff) == SQLITE_IOERR;
}
} // namespace

WalCheckpointer::WalCheckpointer(const QString &databasePath, sqlite3 *writer, Limits limits)
    : m_databasePath(databasePath), m_writer(writer), m_limits(limits)
{
    // NOMUTEX: one thread at a time uses the connection (this one, then the checkpoint
    // thread). SQLite syncs the log before a checkpoint copies it, and the database file in the
    // checkpoint that reaches the log's end, before the log may start over (synchronous NORMAL
    // and FULL alike), so a page is never left only in a log that the writer may start over.
    const int opened = sqlite3_open_v2(m_databasePath.toUtf8().constData(), &m_own,
                                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    // A connection finds the log only once it reads the file: until then a checkpoint on it
    // copies nothing and says the file is not in WAL mode.
    const int read = opened == SQLITE_OK ? sqlite3_exec(m_own, "SELECT count(*) FROM sqlite_master",
                                                        nullptr, nullptr, nullptr)
                                         : opened;
    if (read != SQLITE_OK) {
        m_lastError = QStringLiteral("cannot open %1 for checkpoints (%2): SQLite checkpoints it "
                                     "inside the commits instead")
                          .arg(m_databasePath, QString::fromUtf8(m_own ? sqlite3_errmsg(m_own)
                                                                       : sqlite3_errstr(opened)));
        sqlite3_close(m_own);
        m_own = nullptr;
        return;
    }
    m_thread = std::thread([this] { run(); });
    // Replaces SQLite's automatic checkpoint on this connection (sqlite3_wal_autocheckpoint
    // installs a hook of its own; a connection has one).
    sqlite3_wal_hook(m_writer, &WalCheckpointer::onCommit, this);
}

WalCheckpointer::~WalCheckpointer()
{
    if (!isRunning())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join(); // after a pass in flight, which may have halted
    if (m_halted) {
        // No checkpoint at all from now on, not even the one SQLite runs when the last
        // connection closes: the log stays, and the next open copies all of it again.
        sqlite3_wal_hook(m_writer, nullptr, nullptr);
        keepLogOnClose(m_writer);
        keepLogOnClose(m_own);
    } else {
        // Back to SQLite's own checkpoints for whatever the connection still commits.
        sqlite3_wal_autocheckpoint(m_writer, 1000);
    }
    sqlite3_close(m_own);
    qCDebug(lcStore).nospace() << "checkpoints of " << m_databasePath << ": " << m_counts.passes
                               << " passes copied " << m_counts.pagesCopied
                               << " pages and synced the file " << m_counts.fileSyncs
                               << " times; the writer "
                               << "caught up " << m_counts.writerCatchUps << " times in "
                               << m_counts.writerCatchUpMicros / 1000 << " ms (longest "
                               << m_counts.longestCatchUpMicros << " us); the log started over "
                               << m_counts.restarts << " times, longest " << m_counts.longestLog
                               << " pages; its file was cut back " << m_counts.shrinks << " times";
}

WalCheckpointer::Counts WalCheckpointer::counts() const
{
    std::lock_guard lock(m_mutex);
    return m_counts;
}

std::optional<QString> WalCheckpointer::lastError() const
{
    std::lock_guard lock(m_mutex);
    return m_lastError;
}

bool WalCheckpointer::isHalted() const
{
    std::lock_guard lock(m_mutex);
    return m_halted;
}

void WalCheckpointer::halt(const QString &why)
{
    if (m_halted)
        return;
    m_halted = true;
    m_lastError = why;
    qCCritical(lcStore).noquote()
        << m_databasePath << why
        << "- checkpoints stop and the log is kept, so nothing committed is lost; once the disk "
           "is healthy, restart the app and SQLite copies the log into the file again";
}

void WalCheckpointer::keepLogOnClose(sqlite3 *db)
{
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
}

int WalCheckpointer::onCommit(void *self, sqlite3 *writer, const char *schema, int logPages)
{
    static_cast<WalCheckpointer *>(self)->committed(writer, schema, logPages);
    return SQLITE_OK; // the commit itself succeeded, whatever happens here
}

void WalCheckpointer::committed(sqlite3 *writer, const char *schema, int logPages)
{
    bool catchUp = false;
    {
        std::lock_guard lock(m_mutex);
        if (logPages < m_lastLogPages) { // the writer started the log over
            ++m_counts.restarts;
            m_copiedPages = 0;
            m_nextCatchUp = 0;
        }
        m_lastLogPages = logPages;
        m_counts.longestLog = std::max(m_counts.longestLog, logPages);
        ++m_commits;
        if (m_halted)
            return;
        if (logPages >= m_limits.shrinkPages && !m_logLarge) {
            m_logLarge = true;
            m_wake.notify_one(); // the thread starts watching for an idle writer
        }
        if (m_passRunning)
            return;
        const int behind = logPages - m_copiedPages;
        // A reader elsewhere (the sqlite3 shell, a backup) holding an old snapshot keeps any
        // checkpoint from copying past it: after a catch-up that could not finish, the writer
        // tries again only once the log has grown by another pass.
        if (logPages >= m_nextCatchUp &&
            (logPages >= m_limits.limitPages ||
             (logPages >= m_limits.restartPages && behind <= m_limits.catchUpPages))) {
            catchUp = true;
            m_passRunning = true; // the thread stays out meanwhile
        } else if ((logPages >= m_limits.restartPages || behind >= m_limits.passPages) &&
                   !m_wanted) {
            m_wanted = true;
            m_wake.notify_one();
        }
    }
    if (!catchUp)
        return;
    // Between transactions on the writer's own connection, so once it has copied everything no
    // reader is left on the log and the next BEGIN starts it over.
    const auto started = std::chrono::steady_clock::now();
    const auto [code, log, copied] = checkpoint(writer, schema, SQLITE_CHECKPOINT_PASSIVE);
    const qint64 micros = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::steady_clock::now() - started)
                              .count();
    std::lock_guard lock(m_mutex);
    m_passRunning = false;
    ++m_counts.writerCatchUps;
    m_counts.writerCatchUpMicros += micros;
    m_counts.longestCatchUpMicros = std::max(m_counts.longestCatchUpMicros, micros);
    m_nextCatchUp = code == SQLITE_OK && copied >= log ? 0 : logPages + m_limits.passPages;
    if (code == SQLITE_OK) {
        m_copiedPages = copied;
    } else if (isIoError(code)) {
        halt(
            QStringLiteral("checkpoint failed: %1").arg(QString::fromUtf8(sqlite3_errmsg(writer))));
    } else if (code != SQLITE_BUSY) { // busy: another checkpoint holds its lock; tried again
        qCWarning(lcStore).noquote()
            << m_databasePath << "checkpoint failed:" << QString::fromUtf8(sqlite3_errstr(code));
    }
}

void WalCheckpointer::run()
{
    pthread_setname_np(pthread_self(), "wal-checkpoint"); // as WalSyncer names its thread
    for (;;) {
        bool idle = false;
        {
            std::unique_lock lock(m_mutex);
            const auto ready = [this] { return m_wanted || m_stopping; };
            if (m_logLarge) {
                const quint64 seen = m_commits;
                if (!m_wake.wait_for(lock, std::chrono::milliseconds(m_limits.idleMs), ready)) {
                    if (m_commits != seen || m_passRunning)
                        continue;
                    idle = true;
                }
            } else {
                m_wake.wait(lock, [&] { return ready() || m_logLarge; });
                if (!m_stopping && !m_wanted)
                    continue; // the log grew large: wait for the writer to be idle
            }
            if (m_stopping)
                break;
            if (m_halted) {
                m_wanted = false;
                m_logLarge = false;
                continue;
            }
            if (!idle) {
                m_wanted = false;
                if (m_passRunning)
                    continue;
            }
            m_passRunning = true;
        }
        if (idle)
            shrink();
        else
            pass();
    }
}

bool WalCheckpointer::pass()
{
    const auto [code, log, copied] = checkpoint(m_own, "main", SQLITE_CHECKPOINT_PASSIVE);
    bool syncFile = false; // this pass copied pages, and the log is close to its restart
    {
        std::lock_guard lock(m_mutex);
        syncFile = code == SQLITE_OK && copied > m_copiedPages &&
                   m_lastLogPages >= m_limits.restartPages - m_limits.passPages;
    }
    // SQLite syncs the database file only in the checkpoint that reaches the log's end, which
    // under load is the writer's catch-up: it would flush every page the passes copied since
    // the last restart, on the writer's thread (bench-store-writes shows it). So once the log is
    // near its restart each pass syncs what it copied, here, and the catch-up flushes only its
    // own few pages. A failed sync halts every checkpoint (see halt()).
    const std::optional<QString> syncError =
        syncFile ? syncDatabaseFile() : std::optional<QString>();
    std::lock_guard lock(m_mutex);
    m_passRunning = false;
    ++m_counts.passes;
    m_counts.fileSyncs += syncFile && !syncError ? 1 : 0;
    if (syncError) {
        halt(*syncError);
        return false;
    }
    if (code == SQLITE_OK && log >= 0) {
        // `copied` counts from the log's start: the pages this pass copied are those past the
        // last pass's, unless the log started over in between.
        const int progress = copied - m_copiedPages;
        m_counts.pagesCopied += quint64(std::max(0, progress));
        if (copied <= m_lastLogPages)
            m_copiedPages = copied;
        m_lastError.reset();
        // The log is due to start over but more was written meanwhile than the writer should
        // copy itself: another pass, at once, copies most of that (unless this one got nowhere,
        // held back by a reader's old snapshot).
        if (progress > 0 && m_lastLogPages >= m_limits.restartPages &&
            m_lastLogPages - m_copiedPages > m_limits.catchUpPages)
            m_wanted = true;
        return copied == log;
    }
    // SQLITE_BUSY: the writer is catching up (or another process checkpoints). Nothing is
    // wrong; a later pass goes on.
    if (code == SQLITE_BUSY)
        return false;
    const QString error = code == SQLITE_OK ? QStringLiteral("the file is not in WAL mode")
                                            : QString::fromUtf8(sqlite3_errmsg(m_own));
    if (isIoError(code)) {
        halt(QStringLiteral("checkpoint failed: %1").arg(error));
        return false;
    }
    if (m_lastError != error)
        qCWarning(lcStore).noquote() << m_databasePath << "checkpoint failed:" << error;
    m_lastError = error;
    return false;
}

std::optional<QString> WalCheckpointer::syncDatabaseFile()
{
    sqlite3_file *file = nullptr;
    int code = sqlite3_file_control(m_own, "main", SQLITE_FCNTL_FILE_POINTER, &file);
    errno = 0;
    if (code == SQLITE_OK && file && file->pMethods)
        code = file->pMethods->xSync(file, SQLITE_SYNC_NORMAL);
    const int error = errno;
    if (code == SQLITE_OK)
        return std::nullopt;
    return QStringLiteral("could not sync the database file after a checkpoint: %1 (%2)")
        .arg(QString::fromUtf8(sqlite3_errstr(code)), QString::fromLocal8Bit(std::strerror(error)));
}

void WalCheckpointer::shrink()
{
    // First a PASSIVE pass, which never holds the writer up: TRUNCATE takes the writer's lock
    // for as long as it runs, so it only comes once nothing is left to copy (a reader on an old
    // snapshot keeps the log as it is, and this is tried again after the next idle spell).
    if (!pass())
        return;
    {
        std::lock_guard lock(m_mutex);
        if (m_passRunning) // the writer came back and is catching up
            return;
        m_passRunning = true;
    }
    // Without a busy handler on this connection it gives up at once (SQLITE_BUSY) should the
    // writer be in a transaction; it keeps the file (and its inode, which WalSyncer holds open).
    const int code = checkpoint(m_own, "main", SQLITE_CHECKPOINT_TRUNCATE).code;
    std::lock_guard lock(m_mutex);
    m_passRunning = false;
    if (isIoError(code)) {
        halt(QStringLiteral("could not shrink the log: %1")
                 .arg(QString::fromUtf8(sqlite3_errmsg(m_own))));
    } else if (code == SQLITE_OK) {
        ++m_counts.shrinks;
        m_logLarge = false;
        m_copiedPages = 0;
        m_lastLogPages = 0;
    } else if (code != SQLITE_BUSY) {
        qCWarning(lcStore).noquote()
            << m_databasePath
            << "could not shrink the log:" << QString::fromUtf8(sqlite3_errmsg(m_own));
    }
}

} // namespace flux
