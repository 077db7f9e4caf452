// Configuration: precedence of flags, environment, .env and defaults, and one clear error each.
#include "config/ConfigLoader.h"
#include "config/DotEnvFile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace flux;

namespace {
const QString Sid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString OtherSid = QStringLiteral("ACffffffffffffffffffffffffffffffff");
} // namespace

class TestConfigLoader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeDotEnv(const QByteArray &text)
    {
        const QString path = m_dir.filePath(QStringLiteral(".env"));
        QFile file(path);
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(text);
        return path;
    }
    Result<Config, ConfigError> load(const QHash<QString, QString> &flags,
                                     const QHash<QString, QString> &env, const QByteArray &dotEnv)
    {
        QProcessEnvironment environment;
        for (auto it = env.begin(); it != env.end(); ++it)
            environment.insert(it.key(), it.value());
        return ConfigLoader::load(flags, environment, writeDotEnv(dotEnv), m_dir.path());
    }

private Q_SLOTS:
    void defaultsRunTheSimulatorOnLoopbackPort8000()
    {
        const auto config = load({}, {}, {});
        QVERIFY(config.ok());
        QCOMPARE(config.value().resolvedMode(), Config::Mode::Simulator);
        QCOMPARE(config.value().listenAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(config.value().listenPort, quint16(8000));
        QCOMPARE(config.value().apiBase, QStringLiteral("https://api.twilio.com"));
        QCOMPARE(config.value().dataDir, m_dir.path());
    }

    void flagsBeatEnvironmentWhichBeatsDotEnv()
    {
        const QByteArray dotEnv =
            "FLUX_LISTEN=127.0.0.1:7001\nTWILIO_ACCOUNT_SID=" + OtherSid.toLatin1() +
            "\nPUBLIC_BASE_URL=https://from-dotenv.example.com\n";
        const auto fromDotEnv = load({}, {}, dotEnv);
        QVERIFY(fromDotEnv.ok());
        QCOMPARE(fromDotEnv.value().listenPort, quint16(7001));
        QCOMPARE(fromDotEnv.value().publicBaseUrl,
                 QStringLiteral("https://from-dotenv.example.com"));

        const auto fromEnv =
            load({},
                 {{QStringLiteral("FLUX_LISTEN"), QStringLiteral("127.0.0.1:7002")},
                  {QStringLiteral("TWILIO_ACCOUNT_SID"), Sid}},
                 dotEnv);
        QVERIFY(fromEnv.ok());
        QCOMPARE(fromEnv.value().listenPort, quint16(7002));
        QCOMPARE(fromEnv.value().accountSid, Sid);
        QCOMPARE(fromEnv.value().publicBaseUrl, QStringLiteral("https://from-dotenv.example.com"));

        const auto fromFlag =
            load({{QStringLiteral("FLUX_LISTEN"), QStringLiteral("0.0.0.0:7003")}},
                 {{QStringLiteral("FLUX_LISTEN"), QStringLiteral("127.0.0.1:7002")}}, dotEnv);
        QVERIFY(fromFlag.ok());
        QCOMPARE(fromFlag.value().listenPort, quint16(7003));
        QCOMPARE(fromFlag.value().listenAddress, QHostAddress(QHostAddress::AnyIPv4));
    }

    void autoModeGoesLiveOnlyWithAllThreeTwilioValues()
    {
        QHash<QString, QString> env{
            {QStringLiteral("TWILIO_ACCOUNT_SID"), Sid},
            {QStringLiteral("TWILIO_AUTH_TOKEN"), QStringLiteral("secret")}};
        QCOMPARE(load({}, env, {}).value().resolvedMode(), Config::Mode::Simulator);
        env.insert(QStringLiteral("TWILIO_PHONE_NUMBER"), QStringLiteral("+15005550006"));
        QCOMPARE(load({}, env, {}).value().resolvedMode(), Config::Mode::Live);
        env.insert(QStringLiteral("FLUX_MODE"), QStringLiteral("simulator"));
        QCOMPARE(load({}, env, {}).value().resolvedMode(), Config::Mode::Simulator);
    }

    void badValuesNameTheVariable_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::newRow("sid too short") << "TWILIO_ACCOUNT_SID"
                                       << "AC123";
        QTest::newRow("sid wrong prefix") << "TWILIO_ACCOUNT_SID"
                                          << "SK0123456789abcdef0123456789abcdef";
        QTest::newRow("from not E.164") << "TWILIO_PHONE_NUMBER"
                                        << "415-555-1234";
        QTest::newRow("public url no scheme") << "PUBLIC_BASE_URL"
                                              << "calls.example.com";
        QTest::newRow("public url ftp") << "PUBLIC_BASE_URL"
                                        << "ftp://calls.example.com";
        QTest::newRow("api base garbage") << "TWILIO_API_BASE"
                                          << "http://";
        QTest::newRow("listen no port") << "FLUX_LISTEN"
                                        << "127.0.0.1";
        QTest::newRow("listen port too big") << "FLUX_LISTEN"
                                             << "127.0.0.1:70000";
        QTest::newRow("listen bad host") << "FLUX_LISTEN"
                                         << "not-an-ip:8000";
        QTest::newRow("mode unknown") << "FLUX_MODE"
                                      << "production";
        QTest::newRow("speed zero") << "FLUX_SIM_SPEED"
                                    << "0";
        QTest::newRow("no attempts") << "FLUX_TWILIO_ATTEMPTS"
                                     << "0";
        QTest::newRow("attempts not a number") << "FLUX_TWILIO_ATTEMPTS"
                                               << "three";
        QTest::newRow("negative retry budget") << "FLUX_TWILIO_RETRY_BUDGET_MS"
                                               << "-1";
    }
    void badValuesNameTheVariable()
    {
        QFETCH(QString, variable);
        QFETCH(QString, value);
        const auto config = load({}, {{variable, value}}, {});
        QVERIFY(!config.ok());
        QCOMPARE(config.error().variable, variable);
        QVERIFY(!config.error().problem.isEmpty());
        QVERIFY(!config.error().describe().contains(QLatin1Char('\n')));
    }

    void retrySettingsAreRead()
    {
        const auto defaults = load({}, {}, {});
        QVERIFY(defaults.ok());
        QCOMPARE(defaults.value().twilioAttempts, 3);
        QCOMPARE(defaults.value().twilioRetryBudgetMs, 8000);
        const auto set = load({}, {{QStringLiteral("FLUX_TWILIO_ATTEMPTS"), QStringLiteral("1")}},
                              "FLUX_TWILIO_RETRY_BUDGET_MS=0\n");
        QVERIFY(set.ok());
        QCOMPARE(set.value().twilioAttempts, 1);
        QCOMPARE(set.value().twilioRetryBudgetMs, 0);
    }

    void authTokenNeverAppearsInAnError()
    {
        const QString token = QStringLiteral("super secret token");
        const auto config = load({}, {{QStringLiteral("TWILIO_AUTH_TOKEN"), token}}, {});
        QVERIFY(!config.ok());
        QCOMPARE(config.error().variable, QStringLiteral("TWILIO_AUTH_TOKEN"));
        QVERIFY(!config.error().describe().contains(QStringLiteral("secret")));
    }

    void dotEnvReadsQuotesCommentsAndExport()
    {
        const auto values = DotEnvFile::parse(
            "# comment\n\nexport A=1\nB = \"two words\"\nC='single # not comment'\n"
            "D=bare # trailing comment\nE=\"esc\\\"aped\\n\"\nF=\n",
            QStringLiteral(".env"));
        QVERIFY(values.ok());
        QCOMPARE(values.value().value(QStringLiteral("A")), QStringLiteral("1"));
        QCOMPARE(values.value().value(QStringLiteral("B")), QStringLiteral("two words"));
        QCOMPARE(values.value().value(QStringLiteral("C")), QStringLiteral("single # not comment"));
        QCOMPARE(values.value().value(QStringLiteral("D")), QStringLiteral("bare"));
        QCOMPARE(values.value().value(QStringLiteral("E")), QStringLiteral("esc\"aped\n"));
        QVERIFY(values.value().contains(QStringLiteral("F")));
    }

    void malformedDotEnvNamesFileAndLine()
    {
        const auto values =
            DotEnvFile::parse("A=1\nthis is not a setting\n", QStringLiteral("my.env"));
        QVERIFY(!values.ok());
        QCOMPARE(values.error().variable, QStringLiteral("my.env line 2"));
        const auto unterminated = DotEnvFile::parse("A=\"open\n", QStringLiteral("my.env"));
        QVERIFY(!unterminated.ok());
        QVERIFY(unterminated.error().problem.contains(QStringLiteral("quote")));
    }

    void missingDotEnvIsNotAnError()
    {
        const auto config = ConfigLoader::load(
            {}, QProcessEnvironment(), m_dir.filePath(QStringLiteral("absent.env")), m_dir.path());
        QVERIFY(config.ok());
    }
};

QTEST_GUILESS_MAIN(TestConfigLoader)
#include "TestConfigLoader.moc"
