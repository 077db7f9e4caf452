// WalSyncer: the sync thread, its tickets, and how it finds the file to sync.
#include "calls/WalSyncer.h"

#include <QFile>
#include <QMetaObject>
#include <QObject>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

namespace flux {

namespace {
bool dataSync(int fd)
{
    return ::fdatasync(fd) == 0;
}
} // namespace

WalSyncer::WalSyncer(const QString &databasePath, QObject *receiver, Report report, SyncStep step)
    : m_walPath(databasePath + QStringLiteral("-wal")), m_databasePath(databasePath),
      m_receiver(receiver), m_report(std::move(report)),
      m_step(step ? std::move(step) : SyncStep(dataSync)), m_thread([this] { run(); })
{}

WalSyncer::~WalSyncer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
    if (m_fd >= 0)
        ::close(m_fd);
}

quint64 WalSyncer::request()
{
    quint64 ticket;
    {
        std::lock_guard lock(m_mutex);
        ticket = ++m_requested;
    }
    m_wake.notify_one();
    return ticket;
}

std::optional<QString> WalSyncer::waitFor(quint64 ticket)
{
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [&] { return m_completed >= ticket; });
    if (ticket <= m_durable)
        return std::nullopt;
    return m_failure;
}

void WalSyncer::run()
{
    // Named for top -H, perf and /proc/PID/task/*/comm: a busy or blocked sync shows as itself.
    pthread_setname_np(pthread_self(), "wal-sync");
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [&] { return m_stopping || m_requested > m_completed; });
        if (m_requested == m_completed)
            return; // stopping, and nothing left to sync
        // Every commit made before this sync starts is covered by it.
        const quint64 upTo = m_requested;
        std::optional<QString> error = m_failure;
        if (!error) {
            lock.unlock();
            error = syncOnce();
            lock.lock();
        }
        // Once fsync has failed on Linux, the kernel has dropped the dirty pages and cleared the
        // error: a second fsync may "succeed" without the data ever reaching the disk. So a
        // failure is final: every later ticket fails with it, and the store refuses writes.
        if (error)
            m_failure = error;
        else
            m_durable = upTo;
        m_completed = upTo;
        m_done.notify_all();
        // The receiver's thread runs it; dropped with the receiver.
        QMetaObject::invokeMethod(
            m_receiver, [report = m_report, upTo, error] { report(upTo, error); },
            Qt::QueuedConnection);
    }
}

std::optional<QString> WalSyncer::syncOnce()
{
    // The WAL, when there is one; without it (a file that could not switch to WAL mode, or
    // before the first write) whatever was committed is in the database file itself.
    const QString path = QFile::exists(m_walPath) ? m_walPath : m_databasePath;
    const QByteArray native = QFile::encodeName(path);
    struct stat onDisk
    {};
    if (::stat(native.constData(), &onDisk) != 0) {
        return QStringLiteral("%1: cannot find it to sync it: %2")
            .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
    }
    // SQLite may delete and recreate the WAL (when the last other connection closes): a sync of
    // the old inode would cover nothing written since.
    if (m_fd < 0 || path != m_openPath || onDisk.st_dev != m_device || onDisk.st_ino != m_inode) {
        if (m_fd >= 0)
            ::close(m_fd);
        // Read-only is enough: on Linux fdatasync on any descriptor of the inode flushes its
        // dirty pages, whoever wrote them.
        m_fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0) {
            return QStringLiteral("%1: cannot open it to sync it: %2")
                .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        }
        struct stat opened
        {};
        ::fstat(m_fd, &opened);
        m_device = opened.st_dev;
        m_inode = opened.st_ino;
        m_openPath = path;
    }
    if (!m_step(m_fd)) {
        return QStringLiteral("%1: cannot sync it to disk: %2")
            .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
    }
    return std::nullopt;
}

} // namespace flux
