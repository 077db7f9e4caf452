// kill -9 at each stage of an escalation, then a restart: every attempt is placed exactly as
// planned, none skipped and none twice. The real flux-calldesk binary runs in live mode against
// a Twilio simulator in this test process, which outlives each kill and counts what it placed.
#include "LocalPorts.h"
#include "LoopbackClient.h"

#include "calls/CallStatus.h"
#include "calls/Notification.h"
#include "simulator/ScriptedNumbers.h"
#include "simulator/TwilioSimulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace flux;
using namespace flux::test;

namespace {
const QByteArray ApiToken = "escalation-restart-token";
// A person at an unlisted number: answers by themself and presses what the test sends.
const QString Person = QStringLiteral("+15555559999");
// The shortest wait the API allows; at speed 1 it is real time.
constexpr int RetryAfterSeconds = 30;

enum class Stage
{
    AttemptStoredTwilioAnswerNotRead, // Twilio placed the call; its 201 never reached the app
    DuringACall,                      // the callee is listening to the prompt
    DuringAWait,                      // between two attempts: killed twice, once until overdue
};
} // namespace

Q_DECLARE_METATYPE(Stage)

class TestEscalationRestart : public QObject
{
    Q_OBJECT

    std::unique_ptr<TwilioSimulator> m_sim;
    std::unique_ptr<QTemporaryDir> m_dir;
    quint16 m_port = 0;
    QProcess *m_app = nullptr;
    int m_runs = 0;
    LoopbackClient m_http;

    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }

    bool startApp()
    {
        delete m_app;
        m_app = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name :
             {"PUBLIC_BASE_URL", "FLUX_SIM_LISTEN", "DISPLAY", "WAYLAND_DISPLAY"})
            env.remove(QString::fromLatin1(name));
        env.insert(QStringLiteral("FLUX_MODE"), QStringLiteral("live"));
        env.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), m_sim->accountSid());
        env.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(m_sim->authToken()));
        env.insert(QStringLiteral("TWILIO_PHONE_NUMBER"), m_sim->phoneNumber());
        env.insert(QStringLiteral("TWILIO_API_BASE"), m_sim->baseUrl());
        env.insert(QStringLiteral("FLUX_LISTEN"), QStringLiteral("127.0.0.1:%1").arg(m_port));
        env.insert(QStringLiteral("FLUX_DATA_DIR"), m_dir->path());
        env.insert(QStringLiteral("FLUX_API_TOKEN"), QString::fromLatin1(ApiToken));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("flux.*.info=true"));
        m_app->setProgram(QStringLiteral(FLUX_APP_BINARY));
        m_app->setArguments({QStringLiteral("--headless")});
        m_app->setProcessEnvironment(env);
        const QString log = m_dir->filePath(QStringLiteral("app-%1.log").arg(m_runs++));
        m_app->setStandardOutputFile(log);
        m_app->setStandardErrorFile(log, QIODevice::Append);
        m_app->start();
        if (!m_app->waitForStarted(10000))
            return false;
        return QTest::qWaitFor(
            [this] {
                return m_app->state() == QProcess::Running &&
                       m_http.get(base() + QStringLiteral("/healthz")).status == 200;
            },
            30000);
    }

    bool kill9()
    {
        ::kill(static_cast<pid_t>(m_app->processId()), SIGKILL);
        return m_app->waitForFinished(10000) && m_app->exitStatus() == QProcess::CrashExit;
    }

    QString appLogs() const
    {
        QString logs;
        for (int run = 0; run < m_runs; ++run) {
            QFile file(m_dir->filePath(QStringLiteral("app-%1.log").arg(run)));
            if (file.open(QIODevice::ReadOnly))
                logs += QStringLiteral("--- run %1\n").arg(run) + QString::fromUtf8(file.readAll());
        }
        return logs;
    }

    QString notify(const QStringList &numbers, int attempts)
    {
        QJsonObject body{{QStringLiteral("phone_number"), numbers.first()},
                         {QStringLiteral("task_title"), QStringLiteral("Restart me")},
                         {QStringLiteral("attempts"), attempts},
                         {QStringLiteral("retry_after_seconds"), RetryAfterSeconds}};
        body.insert(QStringLiteral("escalation"), QJsonArray::fromStringList(numbers.mid(1)));
        const HttpResult created =
            m_http.post(base() + QStringLiteral("/notifications/call"),
                        QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json",
                        {{"Authorization", "Bearer " + ApiToken}});
        return created.json().value(QStringLiteral("notification_id")).toString();
    }

    QJsonObject notification(const QString &id)
    {
        return m_http
            .get(base() + QStringLiteral("/notifications/") + id,
                 {{"Authorization", "Bearer " + ApiToken}})
            .json();
    }

    // The numbers the simulator was asked to call, in order.
    QStringList dialled() const
    {
        QStringList numbers;
        for (const QJsonValue &call : m_sim->callsJson())
            numbers.append(call.toObject().value(QStringLiteral("to")).toString());
        return numbers;
    }

    QString simulatedSidTo(const QString &number) const
    {
        for (const QJsonValue &call : m_sim->callsJson()) {
            if (call.toObject().value(QStringLiteral("to")).toString() == number)
                return call.toObject().value(QStringLiteral("sid")).toString();
        }
        return {};
    }

    bool listening(const QString &number) const
    {
        for (const QJsonValue &call : m_sim->callsJson()) {
            const QJsonObject c = call.toObject();
            if (c.value(QStringLiteral("to")).toString() == number &&
                c.value(QStringLiteral("listening")).toBool())
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("flux.sim.info=false")); }
    void init()
    {
        m_sim = std::make_unique<TwilioSimulator>(
            TwilioSimulator::Options{QHostAddress::LocalHost, 0, 1.0});
        QVERIFY(m_sim->start().ok());
        m_dir = std::make_unique<QTemporaryDir>();
        m_port = freePort();
        m_runs = 0;
        m_http.timeoutMs = 5000;
    }
    void cleanup()
    {
        if (m_app && m_app->state() == QProcess::Running) {
            m_app->kill();
            m_app->waitForFinished(5000);
        }
        if (QTest::currentTestFailed())
            qWarning().noquote() << appLogs().right(20000);
        delete m_app;
        m_app = nullptr;
        m_sim.reset();
        m_dir.reset();
    }

    void everyAttemptIsPlacedOnceAcrossAKill_data()
    {
        QTest::addColumn<Stage>("stage");
        QTest::newRow("attempt stored, Twilio's answer not read")
            << Stage::AttemptStoredTwilioAnswerNotRead;
        QTest::newRow("during a call") << Stage::DuringACall;
        QTest::newRow("during a wait, and until overdue") << Stage::DuringAWait;
    }
    void everyAttemptIsPlacedOnceAcrossAKill()
    {
        QFETCH(Stage, stage);
        QVERIFY2(startApp(), qPrintable(appLogs()));

        if (stage == Stage::AttemptStoredTwilioAnswerNotRead) {
            // Killed inside the simulator's create, before its 201 is written: the attempt and
            // its pending call are on disk, the sid is not.
            bool killed = false;
            connect(m_sim.get(), &TwilioSimulator::callPlaced, this, [&] {
                if (!killed)
                    killed = kill9();
            });
            const QString id = notify({Person, ScriptedNumbers::PressesOne}, 1);
            QVERIFY(id.isEmpty()); // the app died before answering
            QVERIFY(killed);
            QVERIFY2(startApp(), qPrintable(appLogs()));
            // The call's TwiML request names its pending request: the attempt has its call, and
            // the person passes the task on with 2.
            QTRY_VERIFY_WITH_TIMEOUT(listening(Person), 20000);
            QVERIFY(m_sim->pressDigits(simulatedSidTo(Person), QStringLiteral("2")));
            QTRY_COMPARE_WITH_TIMEOUT(dialled(), (QStringList{Person, ScriptedNumbers::PressesOne}),
                                      20000);
        } else if (stage == Stage::DuringACall) {
            const QString id = notify({Person, ScriptedNumbers::PressesOne}, 1);
            QVERIFY(!id.isEmpty());
            QTRY_VERIFY_WITH_TIMEOUT(listening(Person), 20000);
            QVERIFY(kill9());
            QVERIFY2(startApp(), qPrintable(appLogs()));
            // The restarted desk hears the key the callee presses.
            QVERIFY(m_sim->pressDigits(simulatedSidTo(Person), QStringLiteral("1")));
            QJsonObject n;
            QTRY_COMPARE_WITH_TIMEOUT(
                (n = notification(id)).value(QStringLiteral("outcome")).toString(),
                NotificationOutcome::Acknowledged, 20000);
            QCOMPARE(n.value(QStringLiteral("acknowledged_by")).toString(), Person);
            QTest::qWait(1500); // nothing else is dialled
            QCOMPARE(dialled(), QStringList{Person});
            return;
        } else {
            // Busy at the first call, answers the retry 30 s later.
            const QString id = notify({ScriptedNumbers::BusyThenPressesOne}, 2);
            QVERIFY(!id.isEmpty());
            QJsonObject n;
            QTRY_VERIFY_WITH_TIMEOUT(
                !(n = notification(id)).value(QStringLiteral("next_attempt_at")).isNull(), 20000);
            const QString due = n.value(QStringLiteral("next_attempt_at")).toString();
            const QDateTime dueAt = QDateTime::fromString(due, Qt::ISODateWithMs);
            // Killed during the wait and back at once: the attempt keeps its time.
            QVERIFY(kill9());
            QVERIFY2(startApp(), qPrintable(appLogs()));
            QCOMPARE(notification(id).value(QStringLiteral("next_attempt_at")).toString(), due);
            QCOMPARE(dialled().size(), 1);
            // Killed again just before it is due and kept down past it: overdue at the next
            // start, it is placed at once, and only once.
            QTest::qWait(
                int(qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(dueAt) - 2000)));
            QVERIFY(kill9());
            QTest::qWait(
                int(qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(dueAt) + 1500)));
            QCOMPARE(dialled().size(), 1); // nobody placed it while the desk was down
            const QDateTime restarted = QDateTime::currentDateTimeUtc();
            QVERIFY2(startApp(), qPrintable(appLogs()));
            QTRY_COMPARE_WITH_TIMEOUT(dialled().size(), 2, 10000);
            QVERIFY2(restarted.msecsTo(QDateTime::currentDateTimeUtc()) < 10000,
                     "the overdue attempt waited");
            QCOMPARE(dialled(), QStringList(2, ScriptedNumbers::BusyThenPressesOne));
        }
        // Whatever the stage, the notification ends acknowledged, with one call per attempt.
        QJsonObject n;
        QTRY_VERIFY_WITH_TIMEOUT(m_sim->callsJson().size() >= 1 &&
                                     CallStatus::isFinal(m_sim->callsJson()
                                                             .last()
                                                             .toObject()
                                                             .value(QStringLiteral("status"))
                                                             .toString()),
                                 30000);
        const QJsonArray listed = m_http
                                      .get(base() + QStringLiteral("/notifications"),
                                           {{"Authorization", "Bearer " + ApiToken}})
                                      .json()
                                      .value(QStringLiteral("notifications"))
                                      .toArray();
        QCOMPARE(listed.size(), 1);
        n = listed.first().toObject();
        QCOMPARE(n.value(QStringLiteral("outcome")).toString(), NotificationOutcome::Acknowledged);
        QStringList sids;
        for (const QJsonValue &a : n.value(QStringLiteral("attempts")).toArray())
            sids.append(a.toObject().value(QStringLiteral("call_sid")).toString());
        QStringList simulated;
        for (const QJsonValue &call : m_sim->callsJson())
            simulated.append(call.toObject().value(QStringLiteral("sid")).toString());
        QCOMPARE(sids, simulated);
        QTest::qWait(1000);
        QCOMPARE(m_sim->callsJson().size(), simulated.size());
    }
};

QTEST_GUILESS_MAIN(TestEscalationRestart)
#include "TestEscalationRestart.moc"
