// The flux-calldesk binary as an attacker and an operator meet it: the generated API token is
// shown once and kept owner-only, secrets stay out of its logs, answers, store and crash
// output, and the exposure flags do what they say.
#include "LocalPorts.h"
#include "LoopbackClient.h"

#include "simulator/TwilioSimulator.h"
#include "twilio/SignatureValidator.h"

#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>

using namespace flux;
using namespace flux::test;

namespace {

QString base(quint16 port)
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port);
}

const QJsonObject CallBody{{QStringLiteral("phone_number"), QStringLiteral("+15555550101")},
                           {QStringLiteral("task_title"), QStringLiteral("Check the pager")}};

} // namespace

class TestSecurityApp : public QObject
{
    Q_OBJECT

    QProcessEnvironment environment(const QString &dataDir)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : env.keys()) {
            if (name.startsWith(QLatin1String("FLUX_")) ||
                name.startsWith(QLatin1String("TWILIO_")) ||
                name == QLatin1String("PUBLIC_BASE_URL"))
                env.remove(name);
        }
        env.insert(QStringLiteral("FLUX_DATA_DIR"), dataDir);
        env.insert(QStringLiteral("FLUX_SIM_SPEED"), QStringLiteral("25"));
        return env;
    }
    // Starts the binary in `dataDir` (an empty working folder: no stray .env) and waits until
    // it answers on `port`.
    std::unique_ptr<QProcess> start(const QString &dataDir, quint16 port,
                                    const QProcessEnvironment &env, QStringList arguments = {})
    {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(env);
        process->setWorkingDirectory(dataDir);
        // A crash must not leave a core file holding the secrets behind.
        process->setChildProcessModifier([] {
            const rlimit none{0, 0};
            ::setrlimit(RLIMIT_CORE, &none);
        });
        arguments << QStringLiteral("--headless") << QStringLiteral("--listen")
                  << QStringLiteral("127.0.0.1:%1").arg(port);
        process->start(QStringLiteral(FLUX_APP_BINARY), arguments);
        if (!process->waitForStarted(10000))
            return nullptr;
        LoopbackClient http;
        http.timeoutMs = 2000;
        if (!QTest::qWaitFor(
                [&] { return http.get(base(port) + QStringLiteral("/healthz")).status == 200; },
                20000))
            return nullptr;
        return process;
    }
    // SIGTERM, then everything it wrote.
    QByteArray stop(QProcess &process)
    {
        ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
        process.waitForFinished(10000);
        return process.readAllStandardError() + process.readAllStandardOutput();
    }

private Q_SLOTS:
    void aGeneratedApiTokenIsKeptOwnerOnlyRequiredAndNeverLogged()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        const QProcessEnvironment env = environment(dir.path());

        auto first = start(dir.path(), port, env);
        QVERIFY(first);
        const QString tokenPath = QDir(dir.path()).filePath(QStringLiteral("api-token"));
        QFile file(tokenPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray token = file.readAll().trimmed();
        QVERIFY2(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]{43}$"))
                     .match(QString::fromLatin1(token))
                     .hasMatch(),
                 token.constData()); // 32 random bytes, base64url
        struct stat info = {};
        QCOMPARE(::stat(QFile::encodeName(tokenPath).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));

        LoopbackClient stranger;
        QCOMPARE(
            stranger.postJson(base(port) + QStringLiteral("/notifications/call"), CallBody).status,
            401);
        LoopbackClient owner;
        owner.bearerToken = token;
        QCOMPARE(
            owner.postJson(base(port) + QStringLiteral("/notifications/call"), CallBody).status,
            201);
        const QByteArray firstLog = stop(*first);
        // The log says where the token is, never the token: logs are collected and kept.
        QVERIFY2(!firstLog.contains(token), "the generated token reached the log");
        QVERIFY2(firstLog.contains(QFile::encodeName(tokenPath)), firstLog.constData());

        auto second = start(dir.path(), port, env);
        QVERIFY(second);
        QCOMPARE(owner.get(base(port) + QStringLiteral("/notifications/calls")).status, 200);
        const QByteArray secondLog = stop(*second);
        QVERIFY2(!secondLog.contains(token), "a later start must not log the token");
    }

    void secretsStayOutOfLogsAnswersTheStoreAndCrashOutput()
    {
        // Live mode against a Twilio simulator this test owns, so the auth token is known here.
        TwilioSimulator twilio({QHostAddress::LocalHost, 0, 25.0});
        QVERIFY(twilio.start().ok());
        QTemporaryDir dir;
        const quint16 port = freePort();
        const QByteArray apiToken = "api-token-do-not-print-4669";
        const QByteArray authToken = twilio.authToken();
        QProcessEnvironment env = environment(dir.path());
        env.insert(QStringLiteral("FLUX_API_TOKEN"), QString::fromLatin1(apiToken));
        env.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), twilio.accountSid());
        env.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(authToken));
        env.insert(QStringLiteral("TWILIO_PHONE_NUMBER"), twilio.phoneNumber());
        env.insert(QStringLiteral("TWILIO_API_BASE"), twilio.baseUrl());
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("flux.*.debug=true"));
        auto app = start(dir.path(), port, env);
        QVERIFY(app);

        QByteArray answers;
        LoopbackClient owner;
        owner.bearerToken = apiToken;
        const HttpResult created =
            owner.postJson(base(port) + QStringLiteral("/notifications/call"), CallBody);
        QCOMPARE(created.status, 201);
        const QString sid = created.json().value(QStringLiteral("call_sid")).toString();
        QTRY_COMPARE_WITH_TIMEOUT(
            owner.get(base(port) + QStringLiteral("/notifications/call/") + sid)
                .json()
                .value(QStringLiteral("outcome"))
                .toString(),
            QStringLiteral("acknowledged"), 20000);
        // The error paths: a wrong token, an almost-right token, a forged webhook.
        LoopbackClient attacker;
        for (const QByteArray &wrong : {QByteArray("wrong"), apiToken.left(apiToken.size() - 1)}) {
            attacker.bearerToken = wrong;
            const HttpResult refused =
                attacker.postJson(base(port) + QStringLiteral("/notifications/call"), CallBody);
            QCOMPARE(refused.status, 401);
            answers += refused.body;
            for (const auto &[name, value] : refused.headers)
                answers += name + ": " + value + "\n";
        }
        const FormParams form{{QStringLiteral("CallSid"), sid},
                              {QStringLiteral("Digits"), QStringLiteral("2")}};
        const HttpResult forged = attacker.postSignedForm(
            base(port) + QStringLiteral("/notifications/call/gather"), form, "guessed");
        QCOMPARE(forged.status, 403);
        answers += forged.body + owner.get(base(port) + QStringLiteral("/healthz")).body;

        // Then a crash: whatever the process prints as it dies must not carry them either.
        ::kill(static_cast<pid_t>(app->processId()), SIGSEGV);
        QVERIFY(app->waitForFinished(10000));
        QCOMPARE(app->exitStatus(), QProcess::CrashExit);
        const QByteArray output = app->readAllStandardError() + app->readAllStandardOutput();
        QVERIFY2(output.contains(sid.toLatin1()), "debug logging was on and saw the call");

        QByteArray stored;
        QDirIterator files(dir.path(), QDir::Files);
        while (files.hasNext()) {
            QFile file(files.next());
            if (file.open(QIODevice::ReadOnly))
                stored += file.readAll();
        }
        QVERIFY2(stored.contains(sid.toLatin1()), "the store holds the call");
        for (const QByteArray &secret :
             {apiToken, authToken,
              QByteArray(twilio.accountSid().toLatin1() + ':' + authToken).toBase64()}) {
            QVERIFY2(!output.contains(secret), "a secret is in the log or crash output");
            QVERIFY2(!answers.contains(secret), "a secret is in an answer");
            QVERIFY2(!stored.contains(secret), "a secret is in the data folder");
        }
        QVERIFY(!answers.contains(apiToken.left(apiToken.size() - 1))); // not even echoed back
    }

    void theInsecureSignatureFlagIsWarnedAboutAtEveryStart()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        QProcessEnvironment env = environment(dir.path());
        env.insert(QStringLiteral("FLUX_API_TOKEN"), QStringLiteral("flag-test-api-token-99"));
        for (int run = 0; run < 2; ++run) {
            auto app =
                start(dir.path(), port, env, {QStringLiteral("--insecure-skip-webhook-signature")});
            QVERIFY(app);
            const QByteArray log = stop(*app);
            QVERIFY2(log.contains("warning flux.app: X-Twilio-Signature is NOT checked"),
                     log.constData());
        }
    }

    void theWebhookListenFlagServesWebhooksApartFromTheApi()
    {
        QTemporaryDir dir;
        const quint16 apiPort = freePort();
        const quint16 hookPort = freePort();
        QProcessEnvironment env = environment(dir.path());
        const QByteArray token = "listen-test-api-token-77";
        env.insert(QStringLiteral("FLUX_API_TOKEN"), QString::fromLatin1(token));
        auto app = start(
            dir.path(), apiPort, env,
            {QStringLiteral("--webhook-listen"), QStringLiteral("127.0.0.1:%1").arg(hookPort)});
        QVERIFY(app);
        LoopbackClient owner;
        owner.bearerToken = token;
        QCOMPARE(owner.get(base(apiPort) + QStringLiteral("/notifications/calls")).status, 200);
        QCOMPARE(owner.get(base(hookPort) + QStringLiteral("/notifications/calls")).status, 404);
        const QJsonObject health = owner.get(base(hookPort) + QStringLiteral("/healthz")).json();
        QCOMPARE(health.value(QStringLiteral("webhook_base_url")).toString(), base(hookPort));
        stop(*app);
    }
};

QTEST_GUILESS_MAIN(TestSecurityApp)
#include "TestSecurityApp.moc"
