// WalCheckpointer: a thread that copies the store's write-ahead log back into the database file,
// so the store's thread does not stop for a checkpoint's writes and syncs.
#pragma once

#include <QString>
#include <QtGlobal>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

struct sqlite3;

namespace flux {

// SQLite's automatic checkpoint runs inside the commit that takes the log past 1,000 pages, on
// the committing thread: it syncs the log, copies every page into the database file and syncs
// that, and the store's thread (every webhook) waits meanwhile. This replaces it. After each
// commit the writer's hook (sqlite3_wal_hook) looks at the log's length: once `passPages` pages
// have been written since the last pass, this thread runs a PASSIVE checkpoint on a connection
// of its own, which copies what the writer committed without ever holding it up.
//
// SQLite starts the log over only when a transaction begins with every page of it copied, and
// under steady load the writer commits during nearly every pass, so passes alone let the log
// grow. Once it holds `restartPages` pages, passes follow each other until no more than
// `catchUpPages` are left to copy; the writer's hook then copies those itself (one short
// PASSIVE checkpoint on the writer's connection, between its transactions) and the next
// transaction starts the log over. Passes that close in on a restart also sync the database
// file, which SQLite leaves to the checkpoint that reaches the log's end. Should the passes never
// get that close (a disk slower than the writes), the writer copies whatever is left at
// `limitPages`.
class WalCheckpointer
{
public:
    struct Limits
    {
        int passPages = 1000;     // pages written since the last pass that start the next one
        int restartPages = 32000; // a log this long is to start over (128 MiB at 4 KiB pages)
        int catchUpPages = 100;   // ... once the writer has no more than these left to copy
        int limitPages = 64000;   // ... or in any case, once it is this long
        // SQLite reuses the log's file from its start and never shrinks it: once the log has
        // been this long, the file is cut back to nothing after `idleMs` without a commit.
        int shrinkPages = 2000;
        int idleMs = 1000;
    };
    struct Counts
    {
        quint64 passes = 0;             // checkpoints run by this thread
        quint64 pagesCopied = 0;        // by those passes
        quint64 fileSyncs = 0;          // of the database file, by passes near a restart
        quint64 writerCatchUps = 0;     // checkpoints run by the writer, to start the log over
        qint64 writerCatchUpMicros = 0; // the time they took the writer, in all
        qint64 longestCatchUpMicros = 0;
        quint64 restarts = 0; // times the writer's log was seen starting over
        int longestLog = 0;   // pages, at any commit
        quint64 shrinks = 0;  // times the log's file was cut back once the writer was idle
    };

    // `databasePath` is the file `writer` (the store's connection, in WAL mode) has open. The
    // thread's connection is opened and the file read here: when that fails, nothing changes
    // (the writer keeps SQLite's own checkpoints) and isRunning() says false. Otherwise the
    // hook goes on `writer` now and comes off in the destructor, both on the writer's thread.
    WalCheckpointer(const QString &databasePath, sqlite3 *writer, Limits limits);
    explicit WalCheckpointer(const QString &databasePath, sqlite3 *writer)
        : WalCheckpointer(databasePath, writer, Limits())
    {}
    // Gives the writer SQLite's own checkpoints back, waits for a running pass, closes this
    // thread's connection.
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    bool isRunning() const { return m_thread.joinable(); }
    Counts counts() const;
    // Why the thread could not start, why it halted, or the last pass's failure if the last
    // pass failed (the writer's log then just grows until a pass or the writer's own catch-up
    // succeeds; nothing committed is at risk).
    std::optional<QString> lastError() const;
    // After a failed write or sync of the log or the database file (an I/O error) no checkpoint
    // runs again: on Linux a failed sync may have dropped the pages it could not write, and the
    // next sync would succeed without them, so a later checkpoint could finish and start the log
    // over with those pages lost. The log is kept instead, also when the connections close
    // (SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE), and grows; the next open of the file copies all of it
    // again. Logged once, critical.
    bool isHalted() const;

private:
    static int onCommit(void *self, sqlite3 *writer, const char *schema, int logPages);
    void committed(sqlite3 *writer, const char *schema, int logPages);
    void run();
    // PASSIVE: copies what it can; true when that was the whole log.
    bool pass();
    // Syncs the database file through SQLite's own handle; the error, if it failed.
    std::optional<QString> syncDatabaseFile();
    void halt(const QString &why); // with m_mutex held
    static void keepLogOnClose(sqlite3 *db);
    // After idleMs without a commit: copies the rest and cuts the log's file to nothing.
    void shrink();

    const QString m_databasePath;
    sqlite3 *const m_writer;
    const Limits m_limits;
    sqlite3 *m_own = nullptr; // the thread's connection, once open

    mutable std::mutex m_mutex;
    std::condition_variable m_wake; // a pass is wanted, the log has grown large, or stop
    bool m_wanted = false;
    bool m_passRunning = false;
    bool m_stopping = false;
    int m_lastLogPages = 0;  // the log's length at the last commit
    int m_copiedPages = 0;   // pages of the current log copied by the last pass (or catch-up)
    int m_nextCatchUp = 0;   // no catch-up before the log is this long (see committed())
    quint64 m_commits = 0;   // seen by the hook, to tell an idle writer
    bool m_logLarge = false; // the log has reached shrinkPages since its file was last cut
    bool m_halted = false;   // see isHalted()
    Counts m_counts;
    std::optional<QString> m_lastError;

    std::thread m_thread; // started once the connection is open and everything above is ready
};

} // namespace flux
