// TestWalSync: the store's commits are synced by a thread of its own, and nobody hears of a write
// before the sync that covers it has finished; a failed sync is an error for everyone it covers.
#include "CallStoreFixtures.h"
#include "calls/CallStore.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

using namespace flux;
using namespace flux::testing;

namespace {
const QString Sid = QStringLiteral("CA00000000000000000000000000000001");

// A sync step the test can hold shut, or make fail; it still really syncs when let through.
struct SyncGate
{
    std::mutex mutex;
    std::condition_variable changed;
    bool open = true;
    bool fail = false;
    int entered = 0;
    int finished = 0;
    ino_t lastInode = 0;

    bool sync(int fd)
    {
        std::unique_lock lock(mutex);
        ++entered;
        changed.notify_all();
        changed.wait(lock, [this] { return open; });
        struct stat synced
        {};
        ::fstat(fd, &synced);
        lastInode = synced.st_ino;
        ++finished;
        if (fail) {
            errno = EIO;
            return false;
        }
        return ::fdatasync(fd) == 0;
    }
    void setFailing(bool value)
    {
        std::lock_guard lock(mutex);
        fail = value;
    }
    void setOpen(bool value)
    {
        std::lock_guard lock(mutex);
        open = value;
        changed.notify_all();
    }
    int enteredCount()
    {
        std::lock_guard lock(mutex);
        return entered;
    }
    ino_t syncedInode()
    {
        std::lock_guard lock(mutex);
        return lastInode;
    }
    int finishedCount()
    {
        std::lock_guard lock(mutex);
        return finished;
    }
};

ino_t inodeOf(const QString &path)
{
    struct stat st
    {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 0;
    return st.st_ino;
}

// Lets the event loop deliver whatever is queued now, the syncer's reports included.
void processQueuedEvents()
{
    for (int i = 0; i < 10; ++i)
        QCoreApplication::processEvents();
}
} // namespace

class TestWalSync : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<SyncGate> m_gate;
    std::unique_ptr<CallStore> m_store;
    QString path() const { return m_dir->filePath(QStringLiteral("calls.db")); }

    void groupedStatus(int sequence)
    {
        const auto applied = m_store->applyStatus(
            statusEvent(Sid, CallStatus::InProgress, sequence), CallStore::Commit::Grouped);
        QVERIFY2(applied.ok(), qPrintable(errorOf(applied)));
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_gate = std::make_shared<SyncGate>();
        auto opened = CallStore::open(path(), [gate = m_gate](int fd) { return gate->sync(fd); });
        QVERIFY2(opened.ok(), qPrintable(errorOf(opened)));
        m_store = std::move(opened.value());
        QVERIFY(m_store->insertCall(newCall(Sid)));
    }
    void cleanup()
    {
        // A test that failed with the gate shut must not hang the store's close.
        m_gate->setOpen(true);
        m_store.reset();
        m_gate.reset();
        m_dir.reset();
    }

    void theStoreThreadsCarryTheirNames()
    {
        // What top -H, perf and /proc show for each of this process's threads.
        const auto threadNames = [] {
            QStringList names;
            const QDir tasks(QStringLiteral("/proc/self/task"));
            for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
                QFile comm(tasks.filePath(task + QStringLiteral("/comm")));
                if (comm.open(QIODevice::ReadOnly))
                    names.append(QString::fromUtf8(comm.readAll()).trimmed());
            }
            return names;
        };
        // Each thread names itself as it starts, which may be just after the store opened.
        QTRY_VERIFY2(threadNames().contains(QStringLiteral("wal-sync")),
                     qPrintable(threadNames().join(u' ')));
        QTRY_VERIFY2(threadNames().contains(QStringLiteral("wal-checkpoint")),
                     qPrintable(threadNames().join(u' ')));
        m_store.reset(); // joins both; a joined thread may stay listed for a moment
        QTRY_VERIFY2(!threadNames().contains(QStringLiteral("wal-sync")),
                     qPrintable(threadNames().join(u' ')));
        QTRY_VERIFY2(!threadNames().contains(QStringLiteral("wal-checkpoint")),
                     qPrintable(threadNames().join(u' ')));
    }

    void groupedWritesAreHeardOnlyOnceTheirSyncIsDone()
    {
        m_gate->setOpen(false);
        const int syncsBefore = m_gate->enteredCount();
        for (int sequence = 1; sequence <= 5; ++sequence)
            groupedStatus(sequence);
        int heard = 0;
        for (int i = 0; i < 5; ++i) {
            m_store->whenDurable([&](const Result<void, StoreError> &durable) {
                QVERIFY2(durable.ok(), qPrintable(errorOf(durable)));
                ++heard;
            });
        }
        // The turn ends: the group is committed and its sync has begun, but is held.
        QTRY_VERIFY(m_gate->enteredCount() > syncsBefore);
        processQueuedEvents();
        QCOMPARE(eventsOnDisk(path()), 1 + 5); // committed: other connections see it
        QCOMPARE(heard, 0);                    // but not yet synced, so nobody hears

        // The store's thread is not blocked by the sync: it takes the next group meanwhile.
        groupedStatus(6);
        bool nextHeard = false;
        m_store->whenDurable([&](const Result<void, StoreError> &) { nextHeard = true; });
        processQueuedEvents();
        QCOMPARE(eventsOnDisk(path()), 1 + 6);
        QVERIFY(!nextHeard);

        m_gate->setOpen(true);
        QTRY_COMPARE(heard, 5);
        QTRY_VERIFY(nextHeard);
        QCOMPARE(m_gate->syncedInode(), inodeOf(path() + QStringLiteral("-wal")));
    }

    void aWriteMadeNowReturnsOnlyAfterItsSync()
    {
        m_gate->setOpen(false);
        const int syncsBefore = m_gate->enteredCount();
        std::atomic<bool> returned{false};
        std::atomic<bool> returnedWhileHeld{true};
        // Looks while the sync is held, then lets it through; a write that returned without a
        // sync ends the wait too.
        std::thread releaser([&] {
            while (m_gate->enteredCount() == syncsBefore && !returned)
                std::this_thread::yield();
            returnedWhileHeld = returned.load();
            m_gate->setOpen(true);
        });
        const auto inserted =
            m_store->insertCall(newCall(QStringLiteral("CA00000000000000000000000000000002")));
        returned = true;
        releaser.join();
        QVERIFY2(inserted.ok(), qPrintable(errorOf(inserted)));
        QVERIFY(!returnedWhileHeld);
        QCOMPARE(m_gate->finishedCount(), syncsBefore + 1);
        QCOMPARE(m_gate->syncedInode(), inodeOf(path() + QStringLiteral("-wal")));
    }

    void aFailedSyncIsAnErrorForItsWaitersAndLaterWrites()
    {
        m_gate->setFailing(true);
        groupedStatus(1);
        std::optional<Result<void, StoreError>> heard;
        m_store->whenDurable([&](const Result<void, StoreError> &durable) { heard = durable; });
        QTRY_VERIFY(heard.has_value());
        QVERIFY(!heard->ok());
        QVERIFY2(heard->error().message.contains(QStringLiteral("cannot sync")),
                 qPrintable(heard->error().message));

        // The kernel may have dropped what it failed to write: nothing more is taken.
        m_gate->setFailing(false);
        const auto later = m_store->applyStatus(statusEvent(Sid, CallStatus::Completed, 2),
                                                CallStore::Commit::Grouped);
        QVERIFY(!later.ok());
        QVERIFY(!m_store->insertCall(newCall(QStringLiteral("CA00000000000000000000000000000002")))
                     .ok());
        // Reading still works.
        QVERIFY(m_store->call(Sid).ok());
    }

    void destroyingTheStoreSyncsItsWritesWithoutCallingTheWaiters()
    {
        m_gate->setOpen(false);
        groupedStatus(1);
        bool called = false;
        m_store->whenDurable([&](const Result<void, StoreError> &) { called = true; });
        const int syncsBefore = m_gate->finishedCount();
        m_gate->setOpen(true);
        m_store.reset();
        QVERIFY(!called);
        QVERIFY(m_gate->finishedCount() > syncsBefore);
        QCOMPARE(eventsOnDisk(path()), 1 + 1);
    }

    void closingSyncsAndAnswersEveryoneStillWaiting()
    {
        // One group whose sync is in flight, and one not even committed yet.
        m_gate->setOpen(false);
        const int syncsBefore = m_gate->enteredCount();
        groupedStatus(1);
        std::optional<Result<void, StoreError>> first, second;
        m_store->whenDurable([&](const Result<void, StoreError> &durable) { first = durable; });
        QTRY_VERIFY(m_gate->enteredCount() > syncsBefore);
        groupedStatus(2);
        m_store->whenDurable([&](const Result<void, StoreError> &durable) { second = durable; });
        QVERIFY(!first && !second);

        m_gate->setOpen(true);
        m_store->close(); // without running the event loop again
        QVERIFY(first && first->ok());
        QVERIFY(second && second->ok());
        QCOMPARE(eventsOnDisk(path()), 1 + 2);
        QVERIFY(!m_store
                     ->applyStatus(statusEvent(Sid, CallStatus::Completed, 3),
                                   CallStore::Commit::Grouped)
                     .ok());
    }
};

QTEST_GUILESS_MAIN(TestWalSync)
#include "TestWalSync.moc"
