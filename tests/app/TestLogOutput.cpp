// The flux-calldesk binary's log as a server sees it: --log-format json gives one JSON object
// per stderr line, --log-level (or FLUX_LOG_LEVEL) sets the threshold, QT_LOGGING_RULES overrides
// single categories, and no secret is ever in a line.
#include "LocalPorts.h"
#include "LoopbackClient.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace flux::test;

namespace {
const QByteArray ApiToken = "log-test-api-token-5772";
const QByteArray AuthToken = "tok-log-do-not-print-1414";

struct Run
{
    int exitCode = -1;
    qint64 pid = 0;
    QByteArray stderrText;
    QList<QJsonObject> lines; // the stderr lines that parsed as JSON objects
    int unparsed = 0;         // and those that did not

    bool has(const QString &level, const QString &category = {}) const
    {
        for (const QJsonObject &line : lines) {
            if (line.value(QStringLiteral("level")).toString() == level &&
                (category.isEmpty() ||
                 line.value(QStringLiteral("category")).toString() == category))
                return true;
        }
        return false;
    }
};
} // namespace

class TestLogOutput : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QProcessEnvironment cleanEnvironment()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name :
             {"TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_PHONE_NUMBER", "PUBLIC_BASE_URL",
              "TWILIO_API_BASE", "FLUX_LISTEN", "FLUX_MODE", "DISPLAY", "WAYLAND_DISPLAY",
              "QT_QPA_PLATFORM", "QT_LOGGING_RULES", "QT_LOGGING_CONF", "FLUX_LOG_LEVEL",
              "FLUX_LOG_FORMAT"})
            env.remove(QString::fromLatin1(name));
        env.insert(QStringLiteral("FLUX_DATA_DIR"), m_dir.path());
        env.insert(QStringLiteral("FLUX_API_TOKEN"), QString::fromLatin1(ApiToken));
        return env;
    }

    // Starts the headless app, asks it GET /healthz (a flux.http debug line) and GET
    // /notifications/calls (a flux.api debug line), places a call if asked to, stops it with
    // SIGTERM and collects stderr.
    Run runServer(const QStringList &arguments, const QProcessEnvironment &env,
                  bool placeCall = false)
    {
        Run run;
        const quint16 port = freePort();
        QProcess process;
        process.setProgram(QStringLiteral(FLUX_APP_BINARY));
        process.setArguments(QStringList{QStringLiteral("--headless"), QStringLiteral("--listen"),
                                         QStringLiteral("127.0.0.1:%1").arg(port)} +
                             arguments);
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(m_dir.path());
        process.start();
        if (!process.waitForStarted(10000))
            return run;
        run.pid = process.processId();
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);
        LoopbackClient http;
        http.timeoutMs = 2000;
        http.bearerToken = ApiToken;
        QDeadlineTimer deadline(15000);
        while (http.get(base + QStringLiteral("/healthz")).status != 200 && !deadline.hasExpired())
            QTest::qWait(50);
        http.get(base + QStringLiteral("/notifications/calls"));
        if (placeCall)
            http.postJson(base + QStringLiteral("/notifications/call"),
                          {{QStringLiteral("phone_number"), QStringLiteral("+14155551234")},
                           {QStringLiteral("task_title"), QStringLiteral("Log check")}});
        ::kill(static_cast<pid_t>(run.pid), SIGTERM);
        process.waitForFinished(10000);
        run.exitCode = process.exitCode();
        run.stderrText = process.readAllStandardError();
        for (const QByteArray &line : run.stderrText.split('\n')) {
            if (line.isEmpty())
                continue;
            const QJsonDocument json = QJsonDocument::fromJson(line);
            if (json.isObject())
                run.lines.append(json.object());
            else
                ++run.unparsed;
        }
        return run;
    }

private Q_SLOTS:
    void jsonFormatWritesOneObjectPerLineWithTimeLevelCategoryMessageAndPid()
    {
        const Run run = runServer({QStringLiteral("--log-format"), QStringLiteral("json"),
                                   QStringLiteral("--log-level"), QStringLiteral("debug")},
                                  cleanEnvironment());
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.unparsed == 0, run.stderrText.constData());
        QVERIFY(run.lines.size() >= 4);
        const QRegularExpression isoUtcMs(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));
        const QStringList levels{QStringLiteral("debug"), QStringLiteral("info"),
                                 QStringLiteral("warning"), QStringLiteral("error"),
                                 QStringLiteral("fatal")};
        for (const QJsonObject &line : run.lines) {
            const QByteArray text = QJsonDocument(line).toJson(QJsonDocument::Compact);
            QVERIFY2(isoUtcMs.match(line.value(QStringLiteral("ts")).toString()).hasMatch(),
                     text.constData());
            QVERIFY2(levels.contains(line.value(QStringLiteral("level")).toString()),
                     text.constData());
            QVERIFY2(!line.value(QStringLiteral("category")).toString().isEmpty(),
                     text.constData());
            QVERIFY2(line.value(QStringLiteral("msg")).isString(), text.constData());
            QCOMPARE(line.value(QStringLiteral("pid")).toInteger(), run.pid);
        }
        QVERIFY(run.has(QStringLiteral("info"), QStringLiteral("flux.app")));
        QVERIFY(run.has(QStringLiteral("debug"), QStringLiteral("flux.http")));
        QVERIFY(run.has(QStringLiteral("debug"), QStringLiteral("flux.api")));
    }

    void theLevelDecidesWhichLinesAppear_data()
    {
        QTest::addColumn<QString>("level");
        QTest::addColumn<bool>("debugShown");
        QTest::addColumn<bool>("infoShown");
        QTest::newRow("debug") << "debug" << true << true;
        QTest::newRow("info") << "info" << false << true;
        QTest::newRow("warning") << "warning" << false << false;
        QTest::newRow("error") << "error" << false << false;
    }
    void theLevelDecidesWhichLinesAppear()
    {
        QFETCH(QString, level);
        QFETCH(bool, debugShown);
        QFETCH(bool, infoShown);
        const Run run = runServer({QStringLiteral("--log-format"), QStringLiteral("json"),
                                   QStringLiteral("--log-level"), level},
                                  cleanEnvironment());
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.unparsed, 0);
        QCOMPARE(run.has(QStringLiteral("debug"), QStringLiteral("flux.http")), debugShown);
        QCOMPARE(run.has(QStringLiteral("debug")), debugShown);
        QCOMPARE(run.has(QStringLiteral("info"), QStringLiteral("flux.app")), infoShown);
        if (level == QLatin1String("error"))
            QVERIFY(!run.has(QStringLiteral("warning")));
    }

    void theEnvironmentSetsLevelAndFormatAndTheFlagsWin()
    {
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("FLUX_LOG_FORMAT"), QStringLiteral("json"));
        env.insert(QStringLiteral("FLUX_LOG_LEVEL"), QStringLiteral("debug"));
        const Run fromEnvironment = runServer({}, env);
        QCOMPARE(fromEnvironment.unparsed, 0);
        QVERIFY(fromEnvironment.has(QStringLiteral("debug"), QStringLiteral("flux.http")));

        const Run flagged = runServer({QStringLiteral("--log-level"), QStringLiteral("info"),
                                       QStringLiteral("--log-format"), QStringLiteral("text")},
                                      env);
        QCOMPARE(flagged.exitCode, 0);
        QVERIFY(flagged.lines.isEmpty());
        QVERIFY2(flagged.stderrText.contains(" flux.app: listening on"),
                 flagged.stderrText.constData());
        QVERIFY(!flagged.stderrText.contains("flux.http: \"GET\""));
    }

    void qtLoggingRulesOverrideTheLevelForSingleCategories()
    {
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("QT_LOGGING_RULES"),
                   QStringLiteral("flux.http.debug=false;flux.app.info=false"));
        const Run run = runServer({QStringLiteral("--log-format"), QStringLiteral("json"),
                                   QStringLiteral("--log-level"), QStringLiteral("debug")},
                                  env);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(!run.has(QStringLiteral("debug"), QStringLiteral("flux.http")));
        QVERIFY(!run.has(QStringLiteral("info"), QStringLiteral("flux.app")));
        // The level still holds for the categories the rules leave alone.
        QVERIFY(run.has(QStringLiteral("debug"), QStringLiteral("flux.api")));
        QVERIFY(run.has(QStringLiteral("info"), QStringLiteral("flux.sim")));

        // And the other way: a rule turns on what the level leaves off.
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("flux.http.debug=true"));
        const Run raised = runServer({QStringLiteral("--log-format"), QStringLiteral("json"),
                                      QStringLiteral("--log-level"), QStringLiteral("warning")},
                                     env);
        QVERIFY(raised.has(QStringLiteral("debug"), QStringLiteral("flux.http")));
        QVERIFY(!raised.has(QStringLiteral("info"), QStringLiteral("flux.app")));
    }

    void jsonLinesNeverCarryTheTokens()
    {
        // Live mode against a closed port: the call fails and is logged, with debug on.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 apiPort = closed.serverPort();
        closed.close();
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("TWILIO_ACCOUNT_SID"),
                   QStringLiteral("AC0123456789abcdef0123456789abcdef"));
        env.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(AuthToken));
        env.insert(QStringLiteral("TWILIO_PHONE_NUMBER"), QStringLiteral("+15005550006"));
        env.insert(QStringLiteral("TWILIO_API_BASE"),
                   QStringLiteral("http://127.0.0.1:%1").arg(apiPort));
        const Run run = runServer({QStringLiteral("--log-format"), QStringLiteral("json"),
                                   QStringLiteral("--log-level"), QStringLiteral("debug")},
                                  env, /*placeCall=*/true);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.unparsed, 0);
        QVERIFY(run.has(QStringLiteral("warning"), QStringLiteral("flux.calls")));
        QVERIFY(!run.stderrText.contains(AuthToken));
        QVERIFY(!run.stderrText.contains(ApiToken));
    }

    void aBadLevelOrFormatStopsWithStatus2NamingIt_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("named");
        QTest::newRow("level") << QStringList{QStringLiteral("--log-level"),
                                              QStringLiteral("verbose")}
                               << "--log-level";
        QTest::newRow("format") << QStringList{QStringLiteral("--log-format"),
                                               QStringLiteral("xml")}
                                << "--log-format";
    }
    void aBadLevelOrFormatStopsWithStatus2NamingIt()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, named);
        QProcess process;
        process.setProgram(QStringLiteral(FLUX_APP_BINARY));
        process.setArguments(QStringList{QStringLiteral("--headless")} + arguments);
        process.setProcessEnvironment(cleanEnvironment());
        process.setWorkingDirectory(m_dir.path());
        process.start();
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains(named.toLatin1()));
    }

    void aStartFailureInJsonFormatIsAJsonLineToo()
    {
        QTcpServer occupier;
        QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
        QProcess process;
        process.setProgram(QStringLiteral(FLUX_APP_BINARY));
        process.setArguments({QStringLiteral("--headless"), QStringLiteral("--log-format"),
                              QStringLiteral("json"), QStringLiteral("--listen"),
                              QStringLiteral("127.0.0.1:%1").arg(occupier.serverPort())});
        process.setProcessEnvironment(cleanEnvironment());
        process.setWorkingDirectory(m_dir.path());
        process.start();
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        const QByteArray error = process.readAllStandardError().trimmed();
        const QJsonObject last = QJsonDocument::fromJson(error.split('\n').last()).object();
        QCOMPARE(last.value(QStringLiteral("level")).toString(), QStringLiteral("error"));
        QVERIFY2(
            last.value(QStringLiteral("msg")).toString().contains(QLatin1String("FLUX_LISTEN")),
            error.constData());
    }
};

QTEST_GUILESS_MAIN(TestLogOutput)
#include "TestLogOutput.moc"
