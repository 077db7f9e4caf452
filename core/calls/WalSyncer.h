// WalSyncer: a thread that makes the store's commits durable by syncing its write-ahead log, so
// the store's thread goes on serving requests while the disk works.
#pragma once

#include <QString>
#include <QtGlobal>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include <sys/types.h>

class QObject;

namespace flux {

// The store commits with PRAGMA synchronous = NORMAL: in WAL mode a commit is then atomic but
// only written to the page cache. After each commit the store asks for a ticket; this thread
// syncs the WAL file and reports "durable up to ticket N" on the store's thread. One sync covers
// every ticket asked for before it started, so a slow disk makes groups bigger, not queues longer.
class WalSyncer
{
public:
    // Makes what was written to the file durable: false, with errno set, when the disk says no.
    using SyncStep = std::function<bool(int fd)>;
    // Runs on the receiver's thread: every ticket up to `upTo` is on disk, or, with an error,
    // never will be.
    using Report = std::function<void(quint64 upTo, const std::optional<QString> &error)>;

    // `databasePath` is the SQLite file; its "-wal" companion is what gets synced. Reports are
    // queued to `receiver`; none arrive once it is gone. An empty `step` means fdatasync().
    WalSyncer(const QString &databasePath, QObject *receiver, Report report, SyncStep step = {});
    // Syncs every ticket asked for so far, then stops the thread.
    ~WalSyncer();
    WalSyncer(const WalSyncer &) = delete;
    WalSyncer &operator=(const WalSyncer &) = delete;

    // Called after a commit: the ticket a later report covers.
    quint64 request();
    // Blocks until the ticket's sync is over: nullopt when durable, else why not.
    std::optional<QString> waitFor(quint64 ticket);

private:
    void run();
    // On the thread: reopens the WAL when it was replaced, then syncs it.
    std::optional<QString> syncOnce();

    const QString m_walPath;
    const QString m_databasePath;
    QObject *const m_receiver;
    const Report m_report;
    const SyncStep m_step;

    std::mutex m_mutex;
    std::condition_variable m_wake; // a ticket was asked for, or stop
    std::condition_variable m_done; // a sync ended
    quint64 m_requested = 0;
    quint64 m_completed = 0; // synced, or failed
    quint64 m_durable = 0;   // synced
    std::optional<QString> m_failure;
    bool m_stopping = false;

    // Touched only by the thread.
    int m_fd = -1;
    dev_t m_device = 0;
    ino_t m_inode = 0;
    QString m_openPath;

    std::thread m_thread; // last: started once everything above is ready
};

} // namespace flux
