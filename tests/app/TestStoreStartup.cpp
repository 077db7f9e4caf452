// The flux-calldesk binary facing a store file it cannot use: not a database, damaged, or held
// by another process. Each stops start-up with one line naming FLUX_DATA_DIR, exit status 2, no
// crash, and leaves the file as it was.
#include "LoopbackClient.h"

#include "calls/CallStore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace flux;
using namespace flux::test;

namespace {
const QString StoreFile = QStringLiteral("calls-simulator.sqlite");

QByteArray fingerprint(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}
} // namespace

class TestStoreStartup : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;

    QString storePath() const { return m_dir->filePath(StoreFile); }
    QProcess *start()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_PHONE_NUMBER",
                                 "FLUX_MODE", "DISPLAY", "WAYLAND_DISPLAY"})
            env.remove(QString::fromLatin1(name));
        env.insert(QStringLiteral("FLUX_DATA_DIR"), m_dir->path());
        env.insert(QStringLiteral("FLUX_LISTEN"), QStringLiteral("127.0.0.1:0"));
        auto *process = new QProcess(this);
        process->setProgram(QStringLiteral(FLUX_APP_BINARY));
        process->setArguments({QStringLiteral("--headless")});
        process->setProcessEnvironment(env);
        process->setWorkingDirectory(m_dir->path());
        process->start();
        return process;
    }
    // Runs the app to its end; returns its standard error, after checking the one-line rule.
    QByteArray refusedStart()
    {
        QProcess *process = start();
        if (!process->waitForFinished(20000)) {
            process->kill();
            QTest::qFail("the app did not stop", __FILE__, __LINE__);
            return {};
        }
        const QByteArray error = process->readAllStandardError().trimmed();
        if (process->exitStatus() != QProcess::NormalExit)
            QTest::qFail("the app crashed", __FILE__, __LINE__);
        else if (process->exitCode() != 2)
            QTest::qFail(qPrintable(QStringLiteral("exit code %1: %2")
                                        .arg(process->exitCode())
                                        .arg(QString::fromUtf8(error))),
                         __FILE__, __LINE__);
        else if (error.count('\n') != 0 || !error.startsWith("flux-calldesk: FLUX_DATA_DIR: "))
            QTest::qFail(error.constData(), __FILE__, __LINE__);
        return error;
    }
    void writeFile(const QByteArray &bytes)
    {
        QFile file(storePath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
    }

private Q_SLOTS:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void cleanup() { m_dir.reset(); }

    void fileThatIsNotADatabaseIsRefusedAndLeftAlone()
    {
        writeFile(QByteArray(4096, 'x').prepend("My notes, not a database\n"));
        const QByteArray before = fingerprint(storePath());
        const QByteArray error = refusedStart();
        QVERIFY2(error.contains(storePath().toUtf8()), error.constData());
        QVERIFY2(error.contains("not a database"), error.constData());
        QCOMPARE(fingerprint(storePath()), before);
    }

    void damagedDatabaseIsRefusedAndLeftAlone()
    {
        {
            auto store = CallStore::open(storePath());
            QVERIFY(store.ok());
            for (int i = 0; i < 300; ++i) {
                CallRecord call;
                call.sid = QStringLiteral("CA%1").arg(i, 32, 10, QLatin1Char('0'));
                call.to = QStringLiteral("+15555550101");
                call.taskTitle = QString(200, QLatin1Char('t'));
                call.status = CallStatus::Completed;
                QVERIFY(store.value()->insertCall(call));
            }
        } // closed: the WAL is folded into the file
        QFile file(storePath());
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.size() > 8 * 4096);
        file.seek(3 * 4096); // past the header and the schema: table and index pages
        file.write(QByteArray(2 * 4096, char(0x5a)));
        file.close();
        const QByteArray before = fingerprint(storePath());

        const QByteArray error = refusedStart();
        QVERIFY2(error.contains("damaged"), error.constData());
        QCOMPARE(fingerprint(storePath()), before);
    }

    void storeLockedByAnotherProcessIsRefusedThenUsedOnceFree()
    {
        { // create it
            auto store = CallStore::open(storePath());
            QVERIFY(store.ok());
        }
        const QString name = QStringLiteral("other-process");
        {
            QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            other.setDatabaseName(storePath());
            QVERIFY(other.open());
            QSqlQuery q(other);
            // Held until closed: no other connection may read or write, as when another
            // program has the file open exclusively.
            QVERIFY(q.exec(QStringLiteral("PRAGMA locking_mode = EXCLUSIVE")));
            QVERIFY(q.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            QVERIFY(q.exec(QStringLiteral("COMMIT")));

            const QByteArray error = refusedStart();
            QVERIFY2(error.contains("locked"), error.constData());
            QVERIFY2(error.contains("another process"), error.constData());
            other.close();
        }
        QSqlDatabase::removeDatabase(name);

        QProcess *app = start();
        QVERIFY(app->waitForStarted(10000));
        QByteArray log;
        QTRY_VERIFY_WITH_TIMEOUT(
            (log += app->readAllStandardError()).contains("calls are stored") ||
                app->state() != QProcess::Running,
            15000);
        QCOMPARE(app->state(), QProcess::Running);
        ::kill(static_cast<pid_t>(app->processId()), SIGTERM);
        QVERIFY(app->waitForFinished(10000));
        QCOMPARE(app->exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestStoreStartup)
#include "TestStoreStartup.moc"
