// The flux-calldesk binary as a user runs it: --version, bad settings, a call, a clean stop.
#include "LocalPorts.h"
#include "LoopbackClient.h"

#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace flux::test;

namespace {
const QByteArray ApiToken = "headless-test-api-token-1618";

} // namespace

class TestHeadlessApp : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QProcessEnvironment cleanEnvironment()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_PHONE_NUMBER",
                                 "PUBLIC_BASE_URL", "TWILIO_API_BASE", "FLUX_LISTEN", "FLUX_MODE",
                                 "FLUX_LANGUAGE", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QString::fromLatin1(name));
        env.insert(QStringLiteral("FLUX_DATA_DIR"), m_dir.path());
        env.insert(QStringLiteral("FLUX_API_TOKEN"), QString::fromLatin1(ApiToken));
        return env;
    }
    // Runs to completion from an empty working folder (so no stray .env is read).
    QProcess *start(const QStringList &arguments, const QProcessEnvironment &env)
    {
        auto *process = new QProcess(this);
        process->setProgram(QStringLiteral(FLUX_APP_BINARY));
        process->setArguments(arguments);
        process->setProcessEnvironment(env);
        process->setWorkingDirectory(m_dir.path());
        process->start();
        return process;
    }

private Q_SLOTS:
    void versionIsPrinted()
    {
        QProcess *process = start({QStringLiteral("--version")}, cleanEnvironment());
        QVERIFY(process->waitForFinished(10000));
        QCOMPARE(process->exitCode(), 0);
        QCOMPARE(process->readAllStandardOutput().trimmed(),
                 QByteArray("flux-calldesk " FLUX_VERSION));
    }

    void badSettingStopsWithStatus2AndOneLineNamingIt_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::newRow("sid") << "TWILIO_ACCOUNT_SID"
                             << "AC-not-a-sid";
        QTest::newRow("from") << "TWILIO_PHONE_NUMBER"
                              << "555 1234";
        QTest::newRow("url") << "PUBLIC_BASE_URL"
                             << "not a url";
        QTest::newRow("listen") << "FLUX_LISTEN"
                                << "localhost";
        QTest::newRow("language") << "FLUX_LANGUAGE"
                                  << "klingon";
    }
    void badSettingStopsWithStatus2AndOneLineNamingIt()
    {
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QProcessEnvironment env = cleanEnvironment();
        env.insert(variable, value);
        env.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QStringLiteral("tok-do-not-print-3141"));
        QProcess *process = start({QStringLiteral("--headless")}, env);
        QVERIFY(process->waitForFinished(10000));
        QCOMPARE(process->exitCode(), 2);
        const QByteArray error = process->readAllStandardError().trimmed();
        QCOMPARE(error.count('\n'), 0);
        QVERIFY2(error.contains(variable.toLatin1()), error.constData());
        QVERIFY(!error.contains("tok-do-not-print-3141"));
    }

    void anUnknownLanguageFlagStopsWithStatus2NamingTheVariable()
    {
        QProcess *process = start(
            {QStringLiteral("--headless"), QStringLiteral("--language"), QStringLiteral("xx")},
            cleanEnvironment());
        QVERIFY(process->waitForFinished(10000));
        QCOMPARE(process->exitCode(), 2);
        const QByteArray error = process->readAllStandardError().trimmed();
        QVERIFY2(error.contains("FLUX_LANGUAGE: \"xx\" is not one of en, de"), error.constData());
    }

    void portInUseStopsWithStatus2()
    {
        QTcpServer occupier;
        QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("FLUX_LISTEN"),
                   QStringLiteral("127.0.0.1:%1").arg(occupier.serverPort()));
        QProcess *process = start({QStringLiteral("--headless")}, env);
        QVERIFY(process->waitForFinished(10000));
        QCOMPARE(process->exitCode(), 2);
        QVERIFY(process->readAllStandardError().contains("FLUX_LISTEN"));
    }

    void headlessRunPlacesACallAndStopsCleanlyOnSigterm()
    {
        const quint16 port = freePort();
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("FLUX_SIM_SPEED"), QStringLiteral("25"));
        QProcess *process =
            start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port)}, env);
        QVERIFY(process->waitForStarted(10000));
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);
        LoopbackClient http;
        http.timeoutMs = 2000;
        http.bearerToken = ApiToken;
        QTRY_COMPARE_WITH_TIMEOUT(http.get(base + QStringLiteral("/healthz")).status, 200, 15000);
        QCOMPARE(http.get(base + QStringLiteral("/healthz"))
                     .json()
                     .value(QStringLiteral("mode"))
                     .toString(),
                 QStringLiteral("simulator"));

        const HttpResult created =
            http.postJson(base + QStringLiteral("/notifications/call"),
                          {{QStringLiteral("phone_number"), QStringLiteral("+15555550101")},
                           {QStringLiteral("task_title"), QStringLiteral("Headless check")}});
        QCOMPARE(created.status, 201);
        const QString sid = created.json().value(QStringLiteral("call_sid")).toString();
        QTRY_COMPARE_WITH_TIMEOUT(http.get(base + QStringLiteral("/notifications/call/") + sid)
                                      .json()
                                      .value(QStringLiteral("outcome"))
                                      .toString(),
                                  QStringLiteral("acknowledged"), 20000);

        ::kill(static_cast<pid_t>(process->processId()), SIGTERM);
        QVERIFY(process->waitForFinished(10000));
        QCOMPARE(process->exitStatus(), QProcess::NormalExit);
        QCOMPARE(process->exitCode(), 0);
        const QByteArray log = process->readAllStandardError();
        // Why it runs headless: no display, or (-DFLUX_GUI=OFF) no window built in.
        QVERIFY2(log.contains(": running headless"), log.constData());
#ifdef FLUX_GUI
        QVERIFY2(log.contains("no display found"), log.constData());
#else
        QVERIFY2(log.contains("built without the window"), log.constData());
#endif
        QVERIFY2(log.contains("stopped"), log.constData());
        QVERIFY2(log.contains(sid.toLatin1()), "the log names the call sid");
    }

    void authTokenNeverReachesTheLogOrTheApi()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 apiPort = closed.serverPort();
        closed.close();
        const quint16 port = freePort();
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("TWILIO_ACCOUNT_SID"),
                   QStringLiteral("AC0123456789abcdef0123456789abcdef"));
        env.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QStringLiteral("tok-do-not-print-2718"));
        env.insert(QStringLiteral("TWILIO_PHONE_NUMBER"), QStringLiteral("+15005550006"));
        env.insert(QStringLiteral("TWILIO_API_BASE"),
                   QStringLiteral("http://127.0.0.1:%1").arg(apiPort));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("flux.*.debug=true"));
        QProcess *process = start({QStringLiteral("--headless"), QStringLiteral("--listen"),
                                   QStringLiteral("127.0.0.1:%1").arg(port)},
                                  env);
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);
        LoopbackClient http;
        http.timeoutMs = 2000;
        http.bearerToken = ApiToken;
        QTRY_COMPARE_WITH_TIMEOUT(http.get(base + QStringLiteral("/healthz")).status, 200, 15000);
        const HttpResult result =
            http.postJson(base + QStringLiteral("/notifications/call"),
                          {{QStringLiteral("phone_number"), QStringLiteral("+14155551234")},
                           {QStringLiteral("task_title"), QStringLiteral("t")}});
        QCOMPARE(result.status, 500);
        ::kill(static_cast<pid_t>(process->processId()), SIGINT);
        QVERIFY(process->waitForFinished(10000));
        QCOMPARE(process->exitCode(), 0);
        const QByteArray everything =
            process->readAllStandardError() + process->readAllStandardOutput() + result.body;
        QVERIFY2(everything.contains("live mode"), everything.constData());
        QVERIFY(!everything.contains("tok-do-not-print-2718"));
        QVERIFY(!everything.contains(ApiToken));
        QVERIFY(
            !everything.contains(QByteArray("AC0123456789abcdef0123456789abcdef:tok").toBase64()));
    }
};

QTEST_GUILESS_MAIN(TestHeadlessApp)
#include "TestHeadlessApp.moc"
