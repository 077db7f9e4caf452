// TestWalCheckpointer: checkpoints off the writer's thread, a log that still starts over and is
// cut back when idle, a reader holding an old snapshot, and the fallback to SQLite's own
// checkpoints, on a real SQLite file in WAL mode.
#include "calls/WalCheckpointer.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include <atomic>
#include <memory>
#include <thread>

#include <sys/stat.h>

using namespace flux;

namespace {

struct Close
{
    void operator()(sqlite3 *db) const { sqlite3_close(db); }
};
using Connection = std::unique_ptr<sqlite3, Close>;

Connection openFile(const QString &path)
{
    sqlite3 *db = nullptr;
    const int code = sqlite3_open_v2(path.toUtf8().constData(), &db,
                                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    Connection connection(db);
    return code == SQLITE_OK ? std::move(connection) : Connection();
}

bool exec(sqlite3 *db, const char *sql)
{
    char *message = nullptr;
    const int code = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    if (code != SQLITE_OK)
        qWarning() << sql << ":" << message;
    sqlite3_free(message);
    return code == SQLITE_OK;
}

ino_t inodeOf(const QString &path)
{
    struct stat info = {};
    return ::stat(path.toUtf8().constData(), &info) == 0 ? info.st_ino : 0;
}

qint64 count(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *statement = nullptr;
    qint64 value = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW)
        value = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    return value;
}

// The store's settings: WAL, commits written but not synced (its WalSyncer syncs them).
Connection openWriter(const QString &path)
{
    Connection db = openFile(path);
    if (!db || !exec(db.get(), "PRAGMA journal_mode = WAL") ||
        !exec(db.get(), "PRAGMA synchronous = NORMAL") ||
        !exec(db.get(), "CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, body BLOB)"))
        return Connection();
    return db;
}

// One row of about a page per commit, as a webhook's group commit writes a few pages.
bool commitRows(sqlite3 *db, int commits)
{
    for (int i = 0; i < commits; ++i) {
        if (!exec(db, "INSERT INTO rows (body) VALUES (randomblob(3000))"))
            return false;
    }
    return true;
}

// The default VFS wrapped: it counts the syncs of main database files made off the test's own
// thread (the checkpoint thread's) and, when told to, fails them as a disk whose write-back
// failed would (SQLITE_IOERR_FSYNC). Registered as the default for the whole test, so the
// checkpointer's own connection uses it too.
namespace FaultVfs {
sqlite3_vfs *base = nullptr;
sqlite3_vfs vfs = {};
sqlite3_io_methods methods = {};
std::thread::id testThread;
std::atomic<int> otherThreadSyncs{0};
std::atomic<bool> failSyncs{false};

struct File
{
    sqlite3_file base;
    sqlite3_file *real;
    bool mainDb;
};
sqlite3_file *real(sqlite3_file *file)
{
    return reinterpret_cast<File *>(file)->real;
}

int sync(sqlite3_file *file, int flags)
{
    if (reinterpret_cast<File *>(file)->mainDb) {
        if (std::this_thread::get_id() != testThread)
            ++otherThreadSyncs;
        if (failSyncs)
            return SQLITE_IOERR_FSYNC;
    }
    return real(file)->pMethods->xSync(real(file), flags);
}

int open(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags)
{
    auto *wrapped = reinterpret_cast<File *>(file);
    wrapped->real = reinterpret_cast<sqlite3_file *>(wrapped + 1);
    wrapped->mainDb = (flags & SQLITE_OPEN_MAIN_DB) != 0;
    const int code = base->xOpen(base, name, wrapped->real, flags, outFlags);
    wrapped->base.pMethods = code == SQLITE_OK && wrapped->real->pMethods ? &methods : nullptr;
    return code;
}

void install()
{
    base = sqlite3_vfs_find(nullptr);
    testThread = std::this_thread::get_id();
    methods.iVersion = 3;
    methods.xClose = [](sqlite3_file *f) { return real(f)->pMethods->xClose(real(f)); };
    methods.xRead = [](sqlite3_file *f, void *b, int n, sqlite3_int64 o) {
        return real(f)->pMethods->xRead(real(f), b, n, o);
    };
    methods.xWrite = [](sqlite3_file *f, const void *b, int n, sqlite3_int64 o) {
        return real(f)->pMethods->xWrite(real(f), b, n, o);
    };
    methods.xTruncate = [](sqlite3_file *f, sqlite3_int64 size) {
        return real(f)->pMethods->xTruncate(real(f), size);
    };
    methods.xSync = sync;
    methods.xFileSize = [](sqlite3_file *f, sqlite3_int64 *size) {
        return real(f)->pMethods->xFileSize(real(f), size);
    };
    methods.xLock = [](sqlite3_file *f, int l) { return real(f)->pMethods->xLock(real(f), l); };
    methods.xUnlock = [](sqlite3_file *f, int l) { return real(f)->pMethods->xUnlock(real(f), l); };
    methods.xCheckReservedLock = [](sqlite3_file *f, int *out) {
        return real(f)->pMethods->xCheckReservedLock(real(f), out);
    };
    methods.xFileControl = [](sqlite3_file *f, int op, void *arg) {
        return real(f)->pMethods->xFileControl(real(f), op, arg);
    };
    methods.xSectorSize = [](sqlite3_file *f) { return real(f)->pMethods->xSectorSize(real(f)); };
    methods.xDeviceCharacteristics = [](sqlite3_file *f) {
        return real(f)->pMethods->xDeviceCharacteristics(real(f));
    };
    methods.xShmMap = [](sqlite3_file *f, int page, int size, int extend, void volatile **out) {
        return real(f)->pMethods->xShmMap(real(f), page, size, extend, out);
    };
    methods.xShmLock = [](sqlite3_file *f, int offset, int n, int flags) {
        return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
    };
    methods.xShmBarrier = [](sqlite3_file *f) { real(f)->pMethods->xShmBarrier(real(f)); };
    methods.xShmUnmap = [](sqlite3_file *f, int deleteFlag) {
        return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
    };
    methods.xFetch = [](sqlite3_file *f, sqlite3_int64 o, int n, void **out) {
        return real(f)->pMethods->xFetch(real(f), o, n, out);
    };
    methods.xUnfetch = [](sqlite3_file *f, sqlite3_int64 o, void *p) {
        return real(f)->pMethods->xUnfetch(real(f), o, p);
    };
    vfs = *base;
    vfs.zName = "flux-test-faults";
    vfs.szOsFile = int(sizeof(File)) + base->szOsFile;
    vfs.pNext = nullptr;
    vfs.xOpen = open;
    vfs.xDelete = [](sqlite3_vfs *, const char *name, int syncDir) {
        return base->xDelete(base, name, syncDir);
    };
    vfs.xAccess = [](sqlite3_vfs *, const char *name, int flags, int *out) {
        return base->xAccess(base, name, flags, out);
    };
    vfs.xFullPathname = [](sqlite3_vfs *, const char *name, int size, char *out) {
        return base->xFullPathname(base, name, size, out);
    };
    sqlite3_vfs_register(&vfs, 1);
}
} // namespace FaultVfs

// Pages in the log now, by SQLite's own count, and how many of them a checkpoint has copied.
std::pair<int, int> logState(sqlite3 *db)
{
    int log = -1;
    int copied = -1;
    // A PASSIVE checkpoint that finds everything copied copies nothing and reports the state.
    sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    return {log, copied};
}

} // namespace

class TestWalCheckpointer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path() const { return m_dir->filePath(QStringLiteral("store.db")); }
    qint64 logBytes() const { return QFileInfo(path() + QStringLiteral("-wal")).size(); }

    static WalCheckpointer::Limits smallLimits()
    {
        WalCheckpointer::Limits limits;
        limits.passPages = 20;
        limits.restartPages = 200;
        limits.catchUpPages = 10;
        limits.limitPages = 400;
        return limits;
    }
    // The log never starts over (while the test's writer works, at least).
    static WalCheckpointer::Limits noRestart()
    {
        WalCheckpointer::Limits limits = smallLimits();
        limits.restartPages = Never;
        limits.limitPages = Never;
        return limits;
    }
    static constexpr int Never = 100000; // pages

private Q_SLOTS:
    void initTestCase() { FaultVfs::install(); }

    void init()
    {
        // A test that failed half-way must not leave the next one with failing syncs.
        FaultVfs::failSyncs = false;
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void passesRunOnTheirOwnThreadAndTheLogStillStartsOver()
    {
        Connection writer = openWriter(path());
        QVERIFY(writer);
        WalCheckpointer::Counts counts;
        qint64 written = 0;
        {
            WalCheckpointer checkpointer(path(), writer.get(), smallLimits());
            // In steps, so the thread gets to run between them; on a loaded machine it may get
            // fewer turns, so the writer goes on (for up to 30 s) until the log has started
            // over three times: the test is that it does, not how soon.
            QElapsedTimer writing;
            writing.start();
            for (int step = 0;
                 step < 200 || (checkpointer.counts().restarts < 3 && writing.elapsed() < 30000);
                 ++step) {
                QVERIFY(commitRows(writer.get(), 10));
                written += 10;
                QThread::msleep(1);
            }
            QVERIFY(checkpointer.counts().restarts >= 3);
            counts = checkpointer.counts();
            QVERIFY2(!checkpointer.lastError(),
                     qPrintable(checkpointer.lastError().value_or(QString())));
        }
        // The thread copied pages; the writer copied at most what was left, to start the log
        // over. (How far past limitPages the log gets depends on how long a pass takes, during
        // which the writer goes on: theWriterAloneKeepsTheLogUnderItsLimit checks the bound.)
        QVERIFY(counts.passes > 0);
        QVERIFY(counts.pagesCopied > 0);
        // With no reader in the way every catch-up ends in a restart (passes that find the
        // writer idle start the log over without one, as here between the steps).
        QVERIFY2(counts.writerCatchUps <= counts.restarts + 1,
                 qPrintable(QString::number(counts.writerCatchUps)));

        // Every row is in the file: a new connection reads them all.
        writer.reset();
        Connection reader = openFile(path());
        QVERIFY(reader);
        QCOMPARE(count(reader.get(), "SELECT count(*) FROM rows"), written);
    }

    void theWriterAloneKeepsTheLogUnderItsLimit()
    {
        // No pass is ever asked for (the log is due to start over exactly when the writer
        // must catch up itself), so the bound does not depend on the thread's timing.
        Connection writer = openWriter(path());
        QVERIFY(writer);
        WalCheckpointer::Limits limits = smallLimits();
        limits.passPages = Never;
        limits.restartPages = 400;
        limits.limitPages = 400;
        WalCheckpointer checkpointer(path(), writer.get(), limits);
        QVERIFY(commitRows(writer.get(), 2000));
        const WalCheckpointer::Counts counts = checkpointer.counts();
        QCOMPARE(counts.passes, quint64(0));
        // One commit past the limit at most: its new leaf and the interior pages a split
        // touches (405 here, every run: the file's growth is the same each time).
        QVERIFY2(counts.longestLog <= 400 + 8, qPrintable(QString::number(counts.longestLog)));
        QVERIFY2(counts.writerCatchUps >= 2000 * 2 / 408, // pages written / pages per restart
                 qPrintable(QString::number(counts.writerCatchUps)));
        QCOMPARE(counts.restarts, counts.writerCatchUps);
        QVERIFY2(logBytes() <= qint64(408) * (4096 + 24) + 32,
                 qPrintable(QString::number(logBytes())));
    }

    void theWriterCopiesNothingWhileTheLogIsShort()
    {
        Connection writer = openWriter(path());
        QVERIFY(writer);
        WalCheckpointer checkpointer(path(), writer.get(), noRestart());
        QVERIFY(commitRows(writer.get(), 1500));
        // Far past SQLite's own 1,000 pages, nothing ran in the writer's commits, and passes
        // did the copying (the log may still start over when a pass finds the writer between
        // two commits with everything copied).
        QTRY_VERIFY(checkpointer.counts().pagesCopied >= 2800);
        QCOMPARE(checkpointer.counts().writerCatchUps, quint64(0));
        // Far from a restart the passes leave the database file's syncing to SQLite.
        QCOMPARE(checkpointer.counts().fileSyncs, quint64(0));
    }

    void passesCloseToARestartSyncTheDatabaseFile()
    {
        // So the writer's catch-up, the checkpoint that reaches the log's end and so syncs the
        // file, has only its own pages to flush. Here every pass after the log's first 20 pages
        // is close to a restart.
        Connection writer = openWriter(path());
        QVERIFY(writer);
        WalCheckpointer::Limits limits = smallLimits();
        limits.restartPages = 40;
        WalCheckpointer checkpointer(path(), writer.get(), limits);
        const int syncsBefore = FaultVfs::otherThreadSyncs;
        for (int step = 0; step < 500 && checkpointer.counts().fileSyncs == 0; ++step) {
            QVERIFY(commitRows(writer.get(), 10));
            QThread::msleep(2);
        }
        QVERIFY(checkpointer.counts().fileSyncs > 0);
        // They reached the database file, on the checkpoint thread (with the syncs SQLite makes
        // there itself when a pass finds the writer idle).
        QVERIFY(quint64(FaultVfs::otherThreadSyncs - syncsBefore) >=
                checkpointer.counts().fileSyncs);
        QVERIFY2(!checkpointer.lastError(),
                 qPrintable(checkpointer.lastError().value_or(QString())));
    }

    void aFailedSyncStopsEveryCheckpointAndKeepsTheLog()
    {
        Connection writer = openWriter(path());
        QVERIFY(writer);
        WalCheckpointer::Limits limits = smallLimits();
        limits.restartPages = 40;
        int committed = 0;
        quint64 restarts = 0;
        {
            WalCheckpointer checkpointer(path(), writer.get(), limits);
            QVERIFY(commitRows(writer.get(), 100));
            committed += 100;
            // The disk's write-back fails: the next sync of the database file says so.
            FaultVfs::failSyncs = true;
            for (int step = 0; step < 500 && !checkpointer.isHalted(); ++step) {
                QVERIFY(commitRows(writer.get(), 10));
                committed += 10;
                QThread::msleep(2);
            }
            QVERIFY(checkpointer.isHalted());
            QVERIFY2(checkpointer.lastError().value_or(QString()).contains(QStringLiteral("I/O")),
                     qPrintable(checkpointer.lastError().value_or(QString())));
            // Nothing copies the log any more, so it never starts over: far past limitPages,
            // and no catch-up ran. (Syncs work again by now; what the failed one lost would
            // not be in the file, so no checkpoint may finish.)
            FaultVfs::failSyncs = false;
            restarts = checkpointer.counts().restarts;
            const quint64 catchUps = checkpointer.counts().writerCatchUps;
            QVERIFY(commitRows(writer.get(), 1000));
            committed += 1000;
            QThread::msleep(50);
            QCOMPARE(checkpointer.counts().restarts, restarts);
            QCOMPARE(checkpointer.counts().writerCatchUps, catchUps);
            QVERIFY(checkpointer.counts().longestLog > limits.limitPages + 1000);
            QVERIFY(checkpointer.lastError());
        }
        // Closing the last connection does not checkpoint either: the log stays, whole.
        FaultVfs::failSyncs = false;
        writer.reset();
        QVERIFY(logBytes() > qint64(1000) * 4096);

        // The next open reads it again, every row is there, and checkpoints work again.
        Connection again = openFile(path());
        QVERIFY(again);
        QCOMPARE(count(again.get(), "SELECT count(*) FROM rows"), qint64(committed));
        QVERIFY(exec(again.get(), "PRAGMA wal_checkpoint(TRUNCATE)"));
        QCOMPARE(logBytes(), qint64(0));
        QCOMPARE(count(again.get(), "SELECT count(*) FROM rows"), qint64(committed));
    }

    void aReaderOnAnOldSnapshotDoesNotMakeEveryCommitCheckpoint()
    {
        Connection writer = openWriter(path());
        QVERIFY(writer);
        QVERIFY(commitRows(writer.get(), 5));
        Connection reader = openFile(path());
        QVERIFY(reader);
        // A read transaction that stays open: no checkpoint may copy past its snapshot.
        QVERIFY(exec(reader.get(), "BEGIN"));
        QCOMPARE(count(reader.get(), "SELECT count(*) FROM rows"), qint64(5));

        WalCheckpointer checkpointer(path(), writer.get(), smallLimits());
        QVERIFY(commitRows(writer.get(), 1200));
        const WalCheckpointer::Counts held = checkpointer.counts();
        // Past limitPages (400) every commit would be a catch-up; the writer tried once per
        // passPages (20) of growth instead, and the log could not start over.
        QVERIFY(held.longestLog > 1200);
        const int tries = (held.longestLog - smallLimits().limitPages) / smallLimits().passPages;
        QVERIFY2(held.writerCatchUps >= 1 && held.writerCatchUps <= quint64(tries) + 2,
                 qPrintable(QStringLiteral("%1 catch-ups, log %2 pages")
                                .arg(held.writerCatchUps)
                                .arg(held.longestLog)));
        QCOMPARE(held.restarts, quint64(0));
        QCOMPARE(count(reader.get(), "SELECT count(*) FROM rows"), qint64(5));

        // Once the reader lets go, the log starts over again.
        QVERIFY(exec(reader.get(), "COMMIT"));
        // Until it does, for up to 30 s: a loaded machine may give the thread few turns.
        QElapsedTimer writing;
        writing.start();
        while (checkpointer.counts().restarts == 0 && writing.elapsed() < 30000) {
            QVERIFY(commitRows(writer.get(), 30));
            QThread::msleep(5);
        }
        QVERIFY(checkpointer.counts().restarts > 0);
    }

    void theLogsFileIsCutBackOnceTheWriterIsIdle()
    {
        Connection writer = openWriter(path());
        QVERIFY(writer);
        WalCheckpointer::Limits limits = noRestart();
        limits.shrinkPages = 300;
        limits.idleMs = 200;
        WalCheckpointer checkpointer(path(), writer.get(), limits);
        QVERIFY(checkpointer.isRunning());
        QVERIFY(commitRows(writer.get(), 400));
        QVERIFY(checkpointer.counts().longestLog >= 300);
        const ino_t inode = inodeOf(path() + QStringLiteral("-wal"));
        // No commit for idleMs: the thread cuts the file back to nothing, the same file (the
        // store's WalSyncer keeps a descriptor of it open).
        QTRY_COMPARE_WITH_TIMEOUT(logBytes(), qint64(0), 5000);
        QTRY_VERIFY(checkpointer.counts().shrinks >= 1);
        QCOMPARE(inodeOf(path() + QStringLiteral("-wal")), inode);
        // The writer goes on into the log from its start; the rows are all there.
        const quint64 shrinks = checkpointer.counts().shrinks;
        QVERIFY(commitRows(writer.get(), 10));
        QVERIFY(logBytes() > 0 && logBytes() < 100 * 4096);
        QCOMPARE(count(writer.get(), "SELECT count(*) FROM rows"), qint64(410));
        // A short log is left as it is.
        QTest::qWait(3 * limits.idleMs);
        QCOMPARE(checkpointer.counts().shrinks, shrinks);
    }

    void aLogThatGrowsLargeBetweenPassesIsStillCutBack()
    {
        // The log passes shrinkPages while the thread waits for no pass (passPages far off):
        // the hook wakes it to watch for an idle writer.
        Connection writer = openWriter(path());
        QVERIFY(writer);
        WalCheckpointer::Limits limits = noRestart();
        limits.passPages = Never;
        limits.shrinkPages = 100;
        limits.idleMs = 200;
        WalCheckpointer checkpointer(path(), writer.get(), limits);
        QVERIFY(commitRows(writer.get(), 150));
        QTRY_COMPARE_WITH_TIMEOUT(logBytes(), qint64(0), 5000);
        QCOMPARE(checkpointer.counts().writerCatchUps, quint64(0));
    }

    void withoutItsConnectionSqliteKeepsCheckpointingInTheCommits()
    {
        Connection writer = openWriter(path());
        QVERIFY(writer);
        // A file it cannot open (a folder that does not exist): nothing starts, and the
        // writer keeps SQLite's own checkpoint, which holds the log near 1,000 pages.
        WalCheckpointer checkpointer(m_dir->filePath(QStringLiteral("missing/store.db")),
                                     writer.get(), smallLimits());
        QVERIFY(!checkpointer.isRunning());
        QVERIFY(checkpointer.lastError());
        QVERIFY2(checkpointer.lastError()->contains(QStringLiteral("missing/store.db")),
                 qPrintable(*checkpointer.lastError()));
        QVERIFY(commitRows(writer.get(), 2500));
        const int log = logState(writer.get()).first;
        QVERIFY2(log > 0 && log < 1100, qPrintable(QString::number(log)));
        QCOMPARE(checkpointer.counts().passes, quint64(0));
    }

    void afterItSqliteCheckpointsTheConnectionAgain()
    {
        Connection writer = openWriter(path());
        QVERIFY(writer);
        {
            WalCheckpointer checkpointer(path(), writer.get(), noRestart());
            QVERIFY(commitRows(writer.get(), 10));
        }
        // SQLite's own hook is back: the log does not grow past about 1,000 pages.
        QVERIFY(commitRows(writer.get(), 2500));
        QVERIFY2(logState(writer.get()).first < 2500,
                 qPrintable(QString::number(logState(writer.get()).first)));
    }
};

QTEST_GUILESS_MAIN(TestWalCheckpointer)
#include "TestWalCheckpointer.moc"
