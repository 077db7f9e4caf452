// `flux-calldesk call|status|calls` as a cron job runs them: the real binary against a real desk
// (the same binary, headless, with its simulator), each exit status and what it prints.
#include "LocalPorts.h"
#include "LoopbackClient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace flux::test;

namespace {

const QString PressesOne = QStringLiteral("+15555550101");
const QString Silent = QStringLiteral("+15555550102");
const QString Busy = QStringLiteral("+15555550103");
const QString Fails = QStringLiteral("+15555550105");
// Not scripted: with FLUX_SIM_MANUAL_ANSWER it rings until its ring timeout (60 simulated
// seconds, 6 s at the desk's speed), long past the timeouts below.
const QString RingsLong = QStringLiteral("+15555550142");

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;

    QList<QByteArray> lines() const { return out.trimmed().split('\n'); }
};

} // namespace

class TestCommandLineCalls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dataDir; // the desk's: its store and the api-token file it writes
    QTemporaryDir m_workDir; // the commands' working folder: no .env unless a test writes one
    QProcess m_desk;
    quint16 m_port = 0;
    QString m_base;
    QByteArray m_token; // read from the desk's file, as the commands must find it themselves
    LoopbackClient m_http;
    QString m_acknowledgedNotification; // placed by the first test, read by `status`
    QString m_acknowledgedCall;

    static QProcessEnvironment withoutDeskSettings()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QStringList names = env.keys();
        for (const QString &name : names) {
            if (name.startsWith(QLatin1String("FLUX_")) ||
                name.startsWith(QLatin1String("TWILIO_")) || name == QLatin1String("DISPLAY") ||
                name == QLatin1String("WAYLAND_DISPLAY") ||
                name == QLatin1String("QT_QPA_PLATFORM") ||
                name == QLatin1String("PUBLIC_BASE_URL"))
                env.remove(name);
        }
        return env;
    }
    // What a cron job on the desk's machine has: where it listens and its data folder, no
    // token (the commands read the desk's api-token file), no display.
    QProcessEnvironment clientEnvironment() const
    {
        QProcessEnvironment env = withoutDeskSettings();
        env.insert(QStringLiteral("FLUX_LISTEN"), QStringLiteral("127.0.0.1:%1").arg(m_port));
        env.insert(QStringLiteral("FLUX_DATA_DIR"), m_dataDir.path());
        return env;
    }

    QProcess *startCli(const QStringList &arguments, const QProcessEnvironment &env)
    {
        auto *process = new QProcess(this);
        process->setProgram(QStringLiteral(FLUX_APP_BINARY));
        process->setArguments(arguments);
        process->setProcessEnvironment(env);
        process->setWorkingDirectory(m_workDir.path());
        process->start();
        return process;
    }
    CliResult runCli(const QStringList &arguments, const QProcessEnvironment &env)
    {
        QElapsedTimer timer;
        timer.start();
        std::unique_ptr<QProcess> process(startCli(arguments, env));
        CliResult result;
        if (!process->waitForFinished(30000)) {
            process->kill();
            process->waitForFinished();
            return result;
        }
        result.elapsedMs = timer.elapsed();
        result.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
        result.out = process->readAllStandardOutput();
        result.err = process->readAllStandardError();
        return result;
    }
    CliResult runCli(const QStringList &arguments)
    {
        return runCli(arguments, clientEnvironment());
    }

    QJsonObject notification(const QString &id)
    {
        return m_http.get(m_base + QStringLiteral("/notifications/") + id).json();
    }
    QString newestCallSid()
    {
        const QJsonArray calls = m_http.get(m_base + QStringLiteral("/notifications/calls?limit=1"))
                                     .json()
                                     .value(QStringLiteral("calls"))
                                     .toArray();
        return calls.isEmpty()
                   ? QString()
                   : calls.first().toObject().value(QStringLiteral("call_sid")).toString();
    }
    static QString notificationIdIn(const QByteArray &line)
    {
        const qsizetype at = line.indexOf("NO");
        return at < 0 ? QString() : QString::fromLatin1(line.mid(at, 34));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dataDir.isValid() && m_workDir.isValid());
        m_port = freePort();
        m_base = QStringLiteral("http://127.0.0.1:%1").arg(m_port);
        QProcessEnvironment env = withoutDeskSettings();
        env.insert(QStringLiteral("FLUX_DATA_DIR"), m_dataDir.path());
        env.insert(QStringLiteral("FLUX_LISTEN"), QStringLiteral("127.0.0.1:%1").arg(m_port));
        env.insert(QStringLiteral("FLUX_SIM_SPEED"), QStringLiteral("10"));
        env.insert(QStringLiteral("FLUX_SIM_MANUAL_ANSWER"), QStringLiteral("1"));
        m_desk.setProgram(QStringLiteral(FLUX_APP_BINARY));
        m_desk.setArguments({QStringLiteral("--headless")});
        m_desk.setProcessEnvironment(env);
        m_desk.setWorkingDirectory(m_dataDir.path());
        m_desk.start();
        QVERIFY(m_desk.waitForStarted(10000));
        m_http.timeoutMs = 5000;
        QTRY_COMPARE_WITH_TIMEOUT(m_http.get(m_base + QStringLiteral("/healthz")).status, 200,
                                  15000);
        QFile tokenFile(m_dataDir.filePath(QStringLiteral("api-token")));
        QVERIFY(tokenFile.open(QIODevice::ReadOnly));
        m_token = tokenFile.readAll().trimmed();
        QVERIFY(!m_token.isEmpty());
        m_http.bearerToken = m_token;
    }

    void cleanupTestCase()
    {
        m_desk.terminate();
        QVERIFY(m_desk.waitForFinished(10000));
    }

    void waitingForANumberThatPressesOneExitsZero_data()
    {
        QTest::addColumn<bool>("json");
        QTest::newRow("text") << false;
        QTest::newRow("json") << true;
    }
    void waitingForANumberThatPressesOneExitsZero()
    {
        QFETCH(bool, json);
        QStringList arguments{
            QStringLiteral("call"),    QStringLiteral("--to"),      PressesOne,
            QStringLiteral("--title"), QStringLiteral("Disk full"), QStringLiteral("--task-id"),
            QStringLiteral("INC-7"),   QStringLiteral("--wait"),    QStringLiteral("--timeout"),
            QStringLiteral("1m")};
        if (json)
            arguments.append(QStringLiteral("--json"));
        const CliResult result = runCli(arguments);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QList<QByteArray> lines = result.lines();
        QString id;
        if (json) {
            // The API's answer to the POST, then the notification as it closed: one a line.
            QCOMPARE(lines.size(), 2);
            const QJsonObject placed = QJsonDocument::fromJson(lines.first()).object();
            const QJsonObject closed = QJsonDocument::fromJson(lines.last()).object();
            id = placed.value(QStringLiteral("notification_id")).toString();
            QCOMPARE(placed.value(QStringLiteral("to")).toString(), PressesOne);
            QCOMPARE(closed.value(QStringLiteral("notification_id")).toString(), id);
            QCOMPARE(closed.value(QStringLiteral("outcome")).toString(),
                     QStringLiteral("acknowledged"));
        } else {
            id = notificationIdIn(lines.first());
            QVERIFY2(lines.first().contains(" placed: calling +15555550101"),
                     result.out.constData());
            QVERIFY2(lines.last().startsWith("acknowledged by +15555550101 at "),
                     result.out.constData());
        }
        // What the desk holds agrees, and the flags reached it.
        const QJsonObject stored = notification(id);
        QCOMPARE(stored.value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("acknowledged"));
        QCOMPARE(stored.value(QStringLiteral("task_title")).toString(),
                 QStringLiteral("Disk full"));
        QCOMPARE(stored.value(QStringLiteral("task_id")).toString(), QStringLiteral("INC-7"));
        m_acknowledgedNotification = id;
        m_acknowledgedCall = stored.value(QStringLiteral("acknowledged_call_sid")).toString();
    }

    void waitingForANumberThatNeverPressesOneExitsOne_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QByteArray>("lastAttempt");
        QTest::newRow("silent") << Silent << QByteArray("completed, not acknowledged (no input)");
        QTest::newRow("busy") << Busy << QByteArray("busy, not acknowledged (busy)");
    }
    void waitingForANumberThatNeverPressesOneExitsOne()
    {
        QFETCH(QString, number);
        QFETCH(QByteArray, lastAttempt);
        const CliResult result = runCli({QStringLiteral("call"), QStringLiteral("--to"), number,
                                         QStringLiteral("--title"), QStringLiteral("Nobody home"),
                                         QStringLiteral("--wait")});
        QVERIFY2(result.exitCode == 1, QByteArray(result.out + result.err).constData());
        const QList<QByteArray> lines = result.lines();
        QCOMPARE(lines.last(), QByteArray("not acknowledged"));
        QVERIFY2(lines.at(lines.size() - 2).endsWith(lastAttempt), result.out.constData());
        QCOMPARE(notification(notificationIdIn(lines.first())).value(QStringLiteral("outcome")),
                 QStringLiteral("not_acknowledged"));
    }

    void anEscalationIsCalledInOrderUntilSomeoneAcknowledges()
    {
        const CliResult result = runCli(
            {QStringLiteral("call"), QStringLiteral("--to"), Busy, QStringLiteral("--title"),
             QStringLiteral("Escalate"), QStringLiteral("--escalation"), Fails + QLatin1Char(','),
             QStringLiteral("--escalation"), PressesOne, QStringLiteral("--wait")});
        QVERIFY2(result.exitCode == 0, QByteArray(result.out + result.err).constData());
        const QJsonObject stored = notification(notificationIdIn(result.lines().first()));
        QCOMPARE(stored.value(QStringLiteral("numbers")).toArray(),
                 QJsonArray({Busy, Fails, PressesOne}));
        QCOMPARE(stored.value(QStringLiteral("acknowledged_by")).toString(), PressesOne);
        // A line for each attempt as it ended.
        QVERIFY2(result.out.contains("attempt 1: +15555550103 busy, not acknowledged (busy)"),
                 result.out.constData());
        // The notification closes at the 1, while that call may still be in progress.
        const QRegularExpression acknowledged(
            QStringLiteral("^attempt 3: \\+15555550101 (in-progress|completed), acknowledged$"),
            QRegularExpression::MultilineOption);
        QVERIFY2(acknowledged.match(QString::fromUtf8(result.out)).hasMatch(),
                 result.out.constData());
    }

    void aNotificationCanceledWhileWaitingExitsOne()
    {
        std::unique_ptr<QProcess> process(startCli(
            {QStringLiteral("call"), QStringLiteral("--to"), RingsLong, QStringLiteral("--title"),
             QStringLiteral("Cancel me"), QStringLiteral("--wait")},
            clientEnvironment()));
        QVERIFY(process->waitForReadyRead(15000));
        const QString id = notificationIdIn(process->readLine());
        QVERIFY(id.startsWith(QLatin1String("NO")));
        QCOMPARE(m_http
                     .send("POST", m_base + QStringLiteral("/notifications/") + id +
                                       QStringLiteral("/cancel"))
                     .status,
                 200);
        QVERIFY(process->waitForFinished(15000));
        QCOMPARE(process->exitStatus(), QProcess::NormalExit);
        const QByteArray out = process->readAllStandardOutput();
        QVERIFY2(process->exitCode() == 1,
                 QByteArray(out + process->readAllStandardError()).constData());
        QCOMPARE(out.trimmed().split('\n').last(), QByteArray("canceled"));
    }

    void aTinyTimeoutOnACallThatRingsLongExitsThree()
    {
        const CliResult result =
            runCli({QStringLiteral("call"), QStringLiteral("--to"), RingsLong,
                    QStringLiteral("--title"), QStringLiteral("Ring on"), QStringLiteral("--wait"),
                    QStringLiteral("--timeout"), QStringLiteral("1s")});
        QVERIFY2(result.exitCode == 3, QByteArray(result.out + result.err).constData());
        QVERIFY2(result.elapsedMs < 5000, QByteArray::number(result.elapsedMs).constData());
        const QString id = notificationIdIn(result.lines().first());
        const QByteArray expected = "timed out after 1s: " + id.toLatin1() + " is still open";
        QVERIFY2(result.err.contains(expected), result.err.constData());
        // Timing out stops the waiting only: the desk still calls.
        QCOMPARE(notification(id).value(QStringLiteral("state")).toString(),
                 QStringLiteral("open"));
        QCOMPARE(m_http
                     .send("POST", m_base + QStringLiteral("/notifications/") + id +
                                       QStringLiteral("/cancel"))
                     .status,
                 200);
    }

    void errorsExitTwoAndSayWhy_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("dataDir"); // empty: the desk's
        QTest::addColumn<QByteArray>("message");
        const QStringList call{QStringLiteral("call"), QStringLiteral("--to"), PressesOne,
                               QStringLiteral("--title"), QStringLiteral("Not placed")};
        QTest::newRow("wrong token")
            << (call +
                QStringList{QStringLiteral("--token"), QStringLiteral("wrong-token-0123456789")})
            << QString() << QByteArray("flux-calldesk: HTTP 401: Invalid API token");
        QTest::newRow("desk unreachable")
            << (call + QStringList{QStringLiteral("--url"),
                                   QStringLiteral("http://127.0.0.1:%1").arg(freePort())})
            << QString() << QByteArray("flux-calldesk: cannot reach the desk at http://127.0.0.1:");
        QTest::newRow("no title") << QStringList{QStringLiteral("call"), QStringLiteral("--to"),
                                                 PressesOne, QStringLiteral("--wait")}
                                  << QString()
                                  << QByteArray("flux-calldesk: call: --title TEXT is missing");
        QTest::newRow("a number the API refuses")
            << QStringList{QStringLiteral("call"), QStringLiteral("--to"), QStringLiteral("555"),
                           QStringLiteral("--title"), QStringLiteral("x")}
            << QString() << QByteArray("flux-calldesk: HTTP 422: phone_number: ");
        QTest::newRow("a timeout without a unit")
            << (call + QStringList{QStringLiteral("--wait"), QStringLiteral("--timeout"),
                                   QStringLiteral("10")})
            << QString() << QByteArray("--timeout \"10\" is not a span");
        QTest::newRow("a flag of another command")
            << (call + QStringList{QStringLiteral("--limit"), QStringLiteral("3")}) << QString()
            << QByteArray("call: Unknown option 'limit'");
        QTest::newRow("no token file")
            << call << QStringLiteral("empty") << QByteArray("no API token: ");
        QTest::newRow("unknown notification")
            << QStringList{QStringLiteral("status"),
                           QStringLiteral("NO0123456789abcdef0123456789abcdef")}
            << QString() << QByteArray("flux-calldesk: HTTP 404: Notification not found");
        QTest::newRow("neither NO nor CA")
            << QStringList{QStringLiteral("status"), QStringLiteral("XY123")} << QString()
            << QByteArray("is neither a notification id (NO...) nor a call sid (CA...)");
        QTest::newRow("a limit the API refuses")
            << QStringList{QStringLiteral("calls"), QStringLiteral("--limit"),
                           QStringLiteral("5000")}
            << QString() << QByteArray("flux-calldesk: HTTP 422: limit: ");
    }
    void errorsExitTwoAndSayWhy()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, dataDir);
        QFETCH(QByteArray, message);
        QTemporaryDir emptyDir;
        QProcessEnvironment env = clientEnvironment();
        if (!dataDir.isEmpty())
            env.insert(QStringLiteral("FLUX_DATA_DIR"), emptyDir.path());
        const QString newestBefore = newestCallSid();
        const CliResult result = runCli(arguments, env);
        QVERIFY2(result.exitCode == 2, QByteArray(result.out + result.err).constData());
        QVERIFY2(result.err.contains(message), result.err.constData());
        QCOMPARE(result.err.trimmed().count('\n'), 0);
        QVERIFY(result.out.isEmpty());
        QVERIFY(!result.err.contains(m_token));
        QCOMPARE(newestCallSid(), newestBefore); // nothing was placed
    }

    // From a folder with a .env, as the desk reads one, and no settings in the environment.
    void statusPrintsANotificationOrACall()
    {
        QVERIFY(!m_acknowledgedNotification.isEmpty() && !m_acknowledgedCall.isEmpty());
        QFile dotEnv(m_workDir.filePath(QStringLiteral(".env")));
        QVERIFY(dotEnv.open(QIODevice::WriteOnly));
        dotEnv.write("FLUX_LISTEN=127.0.0.1:" + QByteArray::number(m_port) +
                     "\nFLUX_DATA_DIR=" + m_dataDir.path().toUtf8() + '\n');
        dotEnv.close();
        const QProcessEnvironment env = withoutDeskSettings();

        CliResult result = runCli(
            {QStringLiteral("status"), m_acknowledgedNotification, QStringLiteral("--json")}, env);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QJsonObject json = QJsonDocument::fromJson(result.out).object();
        QCOMPARE(json.value(QStringLiteral("notification_id")).toString(),
                 m_acknowledgedNotification);
        QCOMPARE(json.value(QStringLiteral("outcome")).toString(), QStringLiteral("acknowledged"));

        result = runCli({QStringLiteral("status"), m_acknowledgedNotification}, env);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(result.lines().first(),
                 m_acknowledgedNotification.toLatin1() + " acknowledged (closed)");
        QVERIFY2(result.out.contains("task: Disk full [INC-7]"), result.out.constData());

        result =
            runCli({QStringLiteral("status"), m_acknowledgedCall, QStringLiteral("--json")}, env);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        json = QJsonDocument::fromJson(result.out).object();
        QCOMPARE(json.value(QStringLiteral("call_sid")).toString(), m_acknowledgedCall);
        QCOMPARE(json.value(QStringLiteral("digits")).toString(), QStringLiteral("1"));

        result = runCli({QStringLiteral("status"), m_acknowledgedCall}, env);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(result.lines().first(),
                 m_acknowledgedCall.toLatin1() + " +15555550101 completed, acknowledged");
        QVERIFY(dotEnv.remove());
    }

    void callsListsTheNewestFirst()
    {
        const QJsonArray expected =
            m_http.get(m_base + QStringLiteral("/notifications/calls?limit=3"))
                .json()
                .value(QStringLiteral("calls"))
                .toArray();
        QCOMPARE(expected.size(), 3);

        CliResult result = runCli({QStringLiteral("calls"), QStringLiteral("--limit"),
                                   QStringLiteral("3"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QJsonArray calls =
            QJsonDocument::fromJson(result.out).object().value(QStringLiteral("calls")).toArray();
        QCOMPARE(calls.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(calls.at(i).toObject().value(QStringLiteral("call_sid")),
                     expected.at(i).toObject().value(QStringLiteral("call_sid")));
        }

        result = runCli({QStringLiteral("calls"), QStringLiteral("--limit"), QStringLiteral("3")});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QList<QByteArray> lines = result.lines();
        QCOMPARE(lines.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const QJsonObject call = expected.at(i).toObject();
            const QByteArray sid = call.value(QStringLiteral("call_sid")).toString().toLatin1();
            const QByteArray title = call.value(QStringLiteral("task_title")).toString().toUtf8();
            QVERIFY2(lines.at(i).startsWith(sid), lines.at(i).constData());
            QVERIFY2(lines.at(i).endsWith(title), lines.at(i).constData());
        }
    }

    void helpPrintsTheUsageAndExitsZero()
    {
        const CliResult result = runCli({QStringLiteral("status"), QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith("Usage: flux-calldesk call --to NUMBER"),
                 result.out.constData());
        QVERIFY2(result.out.contains("Exit status: 0 acknowledged"), result.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCommandLineCalls)
#include "TestCommandLineCalls.moc"
