// WalCheckpointer: the checkpoint thread, and the commit hook that tells it when to run.
#include "calls/WalCheckpointer.h"

#include "base/LogCategories.h"

#include <chrono>
#include <sqlite3.h>

namespace flux {

WalCheckpointer::WalCheckpointer(const QString &databasePath, sqlite3 *writer, Limits limits)
    : m_databasePath(databasePath), m_writer(writer), m_limits(limits), m_thread([this] { run(); })
{
    // Replaces SQLite's automatic checkpoint on this connection (sqlite3_wal_autocheckpoint
    // installs a hook of its own; a connection has one).
    sqlite3_wal_hook(m_writer, &WalCheckpointer::onCommit, this);
}

WalCheckpointer::~WalCheckpointer()
{
    // Back to SQLite's own checkpoints for whatever the connection still commits.
    sqlite3_wal_autocheckpoint(m_writer, 1000);
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
    qCDebug(lcStore).nospace() << "checkpoints of " << m_databasePath << ": " << m_counts.passes
                               << " passes copied " << m_counts.pagesCopied << " pages; the writer "
                               << "caught up " << m_counts.writerCatchUps << " times in "
                               << m_counts.writerCatchUpMicros / 1000 << " ms (longest "
                               << m_counts.longestCatchUpMicros << " us); the log started over "
                               << m_counts.restarts << " times, longest " << m_counts.longestLog
                               << " pages; shrunk " << m_counts.shrinks << " times";
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
        if (logPages >= m_limits.shrinkPages)
            m_logLarge = true;
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
    int log = 0;
    int copied = 0;
    const auto started = std::chrono::steady_clock::now();
    const int code =
        sqlite3_wal_checkpoint_v2(writer, schema, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
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
    } else if (code != SQLITE_BUSY) { // busy: tried again later (see pass())
        qCWarning(lcStore).noquote()
            << m_databasePath << "checkpoint failed:" << QString::fromUtf8(sqlite3_errstr(code));
    }
}

void WalCheckpointer::run()
{
    sqlite3 *own = nullptr;
    // NOMUTEX: only this thread uses the connection. SQLite syncs the log before a checkpoint
    // and the database file after it (synchronous NORMAL and FULL alike), so a page is never
    // left only in a log that the writer may start over.
    const int opened = sqlite3_open_v2(m_databasePath.toUtf8().constData(), &own,
                                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (opened != SQLITE_OK) {
        std::lock_guard lock(m_mutex);
        m_lastError = QStringLiteral("open %1 for checkpoints: %2")
                          .arg(m_databasePath, QString::fromUtf8(own ? sqlite3_errmsg(own)
                                                                     : sqlite3_errstr(opened)));
        qCWarning(lcStore).noquote() << *m_lastError;
    }
    // A connection finds the log only once it reads the file: until then a checkpoint on it
    // copies nothing and says the file is not in WAL mode.
    if (opened == SQLITE_OK) {
        const int read =
            sqlite3_exec(own, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
        if (read != SQLITE_OK) {
            std::lock_guard lock(m_mutex);
            m_lastError = QStringLiteral("read %1 for checkpoints: %2")
                              .arg(m_databasePath, QString::fromUtf8(sqlite3_errmsg(own)));
            qCWarning(lcStore).noquote() << *m_lastError;
        }
    }
    for (;;) {
        bool shrink = false;
        {
            std::unique_lock lock(m_mutex);
            const auto ready = [this] { return m_wanted || m_stopping; };
            if (m_logLarge) {
                const quint64 seen = m_commits;
                if (!m_wake.wait_for(lock, std::chrono::milliseconds(m_limits.idleMs), ready)) {
                    if (m_commits != seen || m_passRunning || opened != SQLITE_OK)
                        continue;
                    shrink = true;
                }
            } else {
                m_wake.wait(lock, ready);
            }
            if (m_stopping)
                break;
            if (!shrink) {
                m_wanted = false;
                if (m_passRunning || opened != SQLITE_OK)
                    continue;
            }
            m_passRunning = true;
        }
        if (shrink)
            truncate(own);
        else
            pass(own);
    }
    sqlite3_close(own);
}

void WalCheckpointer::pass(sqlite3 *own)
{
    int log = 0;
    int copied = 0;
    const int code =
        sqlite3_wal_checkpoint_v2(own, "main", SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    std::lock_guard lock(m_mutex);
    m_passRunning = false;
    ++m_counts.passes;
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
        return;
    }
    // SQLITE_BUSY: the log's index was being rewritten by a commit as this pass read it, or
    // another connection was checkpointing. Nothing is wrong; a later pass goes on.
    if (code == SQLITE_BUSY)
        return;
    const QString error = code == SQLITE_OK ? QStringLiteral("the file is not in WAL mode")
                                            : QString::fromUtf8(sqlite3_errmsg(own));
    if (m_lastError != error)
        qCWarning(lcStore).noquote() << m_databasePath << "checkpoint failed:" << error;
    m_lastError = error;
}

} // namespace flux

namespace flux {

void WalCheckpointer::truncate(sqlite3 *own)
{
    // TRUNCATE takes the writer's lock for as long as it runs; without a busy handler on this
    // connection it gives up at once (SQLITE_BUSY) should the writer be in a transaction.
    int log = 0;
    int copied = 0;
    const int code =
        sqlite3_wal_checkpoint_v2(own, "main", SQLITE_CHECKPOINT_TRUNCATE, &log, &copied);
    std::lock_guard lock(m_mutex);
    m_passRunning = false;
    if (code == SQLITE_OK) {
        ++m_counts.shrinks;
        m_logLarge = false;
        m_copiedPages = 0;
        m_lastLogPages = 0;
    } else if (code != SQLITE_BUSY) {
        qCWarning(lcStore).noquote()
            << m_databasePath
            << "could not shrink the log:" << QString::fromUtf8(sqlite3_errmsg(own));
    }
}

} // namespace flux
