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

    void savedSettingsBeatOnlyTheDefaults()
    {
        QProcessEnvironment environment;
        const QHash<QString, QString> saved{
            {QStringLiteral("FLUX_LISTEN"), QStringLiteral("127.0.0.1:7004")},
            {QStringLiteral("TWILIO_ACCOUNT_SID"), OtherSid},
            {QStringLiteral("PUBLIC_BASE_URL"), QStringLiteral("https://saved.example.com")},
            {QStringLiteral("TWILIO_PHONE_NUMBER"), QStringLiteral("+15005550006")}};
        const auto fromSaved =
            ConfigLoader::load({}, environment, writeDotEnv({}), m_dir.path(), saved);
        QVERIFY(fromSaved.ok());
        QCOMPARE(fromSaved.value().listenPort, quint16(7004));
        QCOMPARE(fromSaved.value().accountSid, OtherSid);
        QCOMPARE(fromSaved.value().publicBaseUrl, QStringLiteral("https://saved.example.com"));

        // .env, then the environment, then a flag each win over a saved value; an empty value
        // in .env still counts as unset.
        environment.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), Sid);
        const auto layered = ConfigLoader::load(
            {{QStringLiteral("TWILIO_PHONE_NUMBER"), QStringLiteral("+15005550007")}}, environment,
            writeDotEnv("FLUX_LISTEN=127.0.0.1:7005\nPUBLIC_BASE_URL=\n"), m_dir.path(), saved);
        QVERIFY(layered.ok());
        QCOMPARE(layered.value().listenPort, quint16(7005));
        QCOMPARE(layered.value().accountSid, Sid);
        QCOMPARE(layered.value().fromNumber, QStringLiteral("+15005550007"));
        QCOMPARE(layered.value().publicBaseUrl, QStringLiteral("https://saved.example.com"));
    }

    void aBadSavedValueNamesTheVariable()
    {
        const auto config =
            ConfigLoader::load({}, QProcessEnvironment(), writeDotEnv({}), m_dir.path(),
                               {{QStringLiteral("FLUX_LISTEN"), QStringLiteral("nowhere")}});
        QVERIFY(!config.ok());
        QCOMPARE(config.error().variable, QStringLiteral("FLUX_LISTEN"));
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

    void simulatedPhonesAnswerByThemselvesUnlessManualAnswerIsOn()
    {
        QCOMPARE(load({}, {}, {}).value().simulatorManualAnswer, false);
        for (const QString &on : {QStringLiteral("1"), QStringLiteral("true"),
                                  QStringLiteral("Yes"), QStringLiteral("ON")}) {
            const auto config = load({}, {{QStringLiteral("FLUX_SIM_MANUAL_ANSWER"), on}}, {});
            QVERIFY2(config.ok(), qPrintable(on));
            QVERIFY2(config.value().simulatorManualAnswer, qPrintable(on));
        }
        const auto off = load({{QStringLiteral("FLUX_SIM_MANUAL_ANSWER"), QStringLiteral("off")}},
                              {}, "FLUX_SIM_MANUAL_ANSWER=1\n");
        QVERIFY(off.ok());
        QCOMPARE(off.value().simulatorManualAnswer, false);
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
        QTest::newRow("manual answer maybe") << "FLUX_SIM_MANUAL_ANSWER"
                                             << "maybe";
        QTest::newRow("api token too short") << "FLUX_API_TOKEN"
                                             << "short";
        QTest::newRow("api token with a space") << "FLUX_API_TOKEN"
                                                << "a long token with spaces in it";
        QTest::newRow("webhook listen no port") << "FLUX_WEBHOOK_LISTEN"
                                                << "0.0.0.0";
        QTest::newRow("skip signature maybe") << "FLUX_SKIP_WEBHOOK_SIGNATURE"
                                              << "maybe";
        QTest::newRow("body limit too small") << "FLUX_MAX_BODY_BYTES"
                                              << "10";
        QTest::newRow("url limit above Qt's") << "FLUX_MAX_URL_BYTES"
                                              << "100000";
        QTest::newRow("header limit not a number") << "FLUX_MAX_HEADER_BYTES"
                                                   << "16k";
        QTest::newRow("timeout negative") << "FLUX_CLIENT_TIMEOUT_MS"
                                          << "-1";
        QTest::newRow("connections zero") << "FLUX_MAX_CONNECTIONS"
                                          << "0";
        QTest::newRow("rate fractional") << "FLUX_RATE_PER_CLIENT"
                                         << "2.5";
        QTest::newRow("rate negative") << "FLUX_RATE_TOTAL"
                                       << "-3";
        QTest::newRow("no attempts") << "FLUX_TWILIO_ATTEMPTS"
                                     << "0";
        QTest::newRow("attempts not a number") << "FLUX_TWILIO_ATTEMPTS"
                                               << "three";
        QTest::newRow("negative retry budget") << "FLUX_TWILIO_RETRY_BUDGET_MS"
                                               << "-1";
        QTest::newRow("language without a translation") << "FLUX_LANGUAGE"
                                                        << "fr";
        QTest::newRow("language as a locale") << "FLUX_LANGUAGE"
                                              << "de_DE";
        QTest::newRow("no readings") << "FLUX_PROMPT_REPEATS"
                                     << "0";
        QTest::newRow("too many readings") << "FLUX_PROMPT_REPEATS"
                                           << "11";
        QTest::newRow("voice with markup") << "FLUX_VOICE"
                                           << "Polly.Joanna\"/><Dial>";
        QTest::newRow("detection unknown") << "FLUX_MACHINE_DETECTION"
                                           << "sometimes";
        QTest::newRow("sms fallback unknown") << "FLUX_SMS_FALLBACK"
                                              << "always";
        QTest::newRow("reconcile negative") << "FLUX_RECONCILE_SECONDS"
                                            << "-1";
        QTest::newRow("reconcile in minutes") << "FLUX_RECONCILE_SECONDS"
                                              << "5m";
        QTest::newRow("no attempts") << "FLUX_ATTEMPTS"
                                     << "0";
        QTest::newRow("six attempts") << "FLUX_ATTEMPTS"
                                      << "6";
        QTest::newRow("retry too soon") << "FLUX_RETRY_AFTER_SECONDS"
                                        << "29";
        QTest::newRow("retry after an hour") << "FLUX_RETRY_AFTER_SECONDS"
                                             << "3601";
        QTest::newRow("negative number limit") << "FLUX_RATE_PER_NUMBER"
                                               << "-1";
        QTest::newRow("outcome webhook not http") << "FLUX_OUTCOME_WEBHOOK_URL"
                                                  << "ftp://hooks.example.com/";
        QTest::newRow("outcome webhook without host") << "FLUX_OUTCOME_WEBHOOK_URL"
                                                      << "https://";
        QTest::newRow("outcome retry base too short") << "FLUX_OUTCOME_RETRY_BASE_MS"
                                                      << "5";
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

    void theCalleesSettingsAreReadWithTheirDefaults()
    {
        const auto defaults = load({}, {}, {});
        QVERIFY(defaults.ok());
        QCOMPARE(defaults.value().promptRepeats, 3);
        QCOMPARE(defaults.value().voice, QString());
        QCOMPARE(defaults.value().machineDetection, Config::MachineDetection::LeaveMessage);
        QCOMPARE(defaults.value().twilioMachineDetection(), QStringLiteral("DetectMessageEnd"));
        const auto set = load({},
                              {{QStringLiteral("FLUX_PROMPT_REPEATS"), QStringLiteral("5")},
                               {QStringLiteral("FLUX_VOICE"), QStringLiteral("Polly.Vicki-Neural")},
                               {QStringLiteral("FLUX_MACHINE_DETECTION"), QStringLiteral("Off")}},
                              {});
        QVERIFY(set.ok());
        QCOMPARE(set.value().promptRepeats, 5);
        QCOMPARE(set.value().voice, QStringLiteral("Polly.Vicki-Neural"));
        QCOMPARE(set.value().machineDetection, Config::MachineDetection::Off);
        QCOMPARE(set.value().twilioMachineDetection(), QString());
        const auto detect =
            load({}, {{QStringLiteral("FLUX_MACHINE_DETECTION"), QStringLiteral("detect")}}, {});
        QCOMPARE(detect.value().twilioMachineDetection(), QStringLiteral("Enable"));
    }

    void smsFallbackIsOffUnlessSet()
    {
        QCOMPARE(load({}, {}, {}).value().smsFallback, QStringLiteral("off"));
        const auto set =
            load({}, {{QStringLiteral("FLUX_SMS_FALLBACK"), QStringLiteral(" Each_Attempt ")}}, {});
        QVERIFY(set.ok());
        QCOMPARE(set.value().smsFallback, QStringLiteral("each_attempt"));
    }

    void languageIsReadAndAnUnknownOneListsTheChoices()
    {
        const auto german = load({}, {{QStringLiteral("FLUX_LANGUAGE"), QStringLiteral("DE")}}, {});
        QVERIFY(german.ok());
        QCOMPARE(german.value().language, QStringLiteral("de"));
        const auto flag = load({{QStringLiteral("FLUX_LANGUAGE"), QStringLiteral("en")}},
                               {{QStringLiteral("FLUX_LANGUAGE"), QStringLiteral("de")}}, {});
        QVERIFY(flag.ok());
        QCOMPARE(flag.value().language, QStringLiteral("en"));

        const auto unknown =
            load({}, {{QStringLiteral("FLUX_LANGUAGE"), QStringLiteral("tlh")}}, {});
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().describe(),
                 QStringLiteral("FLUX_LANGUAGE: \"tlh\" is not one of en, de"));
    }

    void languageDefaultsToTheSystemsWhenTheDeskSpeaksIt_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("language");
        QTest::newRow("German LANG") << "LANG"
                                     << "de_DE.UTF-8"
                                     << "de";
        QTest::newRow("Austrian LC_MESSAGES") << "LC_MESSAGES"
                                              << "de_AT"
                                              << "de";
        QTest::newRow("French: no translation") << "LANG"
                                                << "fr_FR.UTF-8"
                                                << "en";
        QTest::newRow("C locale") << "LC_ALL"
                                  << "C"
                                  << "en";
    }
    void languageDefaultsToTheSystemsWhenTheDeskSpeaksIt()
    {
        QFETCH(QString, variable);
        QFETCH(QString, locale);
        QFETCH(QString, language);
        const auto config = load({}, {{variable, locale}}, {});
        QVERIFY(config.ok());
        QCOMPARE(config.value().language, language);
    }

    void lcAllWinsOverLangForTheDefaultLanguage()
    {
        const auto config = load({},
                                 {{QStringLiteral("LANG"), QStringLiteral("en_US.UTF-8")},
                                  {QStringLiteral("LC_ALL"), QStringLiteral("de_CH.UTF-8")}},
                                 {});
        QVERIFY(config.ok());
        QCOMPARE(config.value().language, QStringLiteral("de"));
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

    void reconcileIntervalIsReadAndZeroMeansStartUpOnly()
    {
        const auto defaults = load({}, {}, {});
        QVERIFY(defaults.ok());
        QCOMPARE(defaults.value().reconcileSeconds, 300);
        const auto set =
            load({}, {{QStringLiteral("FLUX_RECONCILE_SECONDS"), QStringLiteral("0")}}, {});
        QVERIFY(set.ok());
        QCOMPARE(set.value().reconcileSeconds, 0);
        const auto fromFile = load({}, {}, "FLUX_RECONCILE_SECONDS=60\n");
        QVERIFY(fromFile.ok());
        QCOMPARE(fromFile.value().reconcileSeconds, 60);
    }

    void escalationDefaultsAreReadWithTheirBounds()
    {
        const auto defaults = load({}, {}, {});
        QVERIFY(defaults.ok());
        QCOMPARE(defaults.value().attempts, 1);
        QCOMPARE(defaults.value().retryAfterSeconds, 120);
        QCOMPARE(defaults.value().ratePerNumber, 10);
        const auto set = load({},
                              {{QStringLiteral("FLUX_ATTEMPTS"), QStringLiteral("5")},
                               {QStringLiteral("FLUX_RETRY_AFTER_SECONDS"), QStringLiteral("30")},
                               {QStringLiteral("FLUX_RATE_PER_NUMBER"), QStringLiteral("0")}},
                              {});
        QVERIFY(set.ok());
        QCOMPARE(set.value().attempts, 5);
        QCOMPARE(set.value().retryAfterSeconds, 30);
        QCOMPARE(set.value().ratePerNumber, 0);
    }

    void outcomeWebhookSettingsAreRead()
    {
        const auto defaults = load({}, {}, {});
        QVERIFY(defaults.ok());
        QVERIFY(defaults.value().outcomeWebhookUrl.isEmpty());
        QVERIFY(defaults.value().outcomeWebhookSecret.isEmpty());
        QVERIFY(defaults.value().callbackAllowedHosts.isEmpty());
        QCOMPARE(defaults.value().outcomeRetryBaseMs, 10000);
        const auto set =
            load({},
                 {{QStringLiteral("FLUX_OUTCOME_WEBHOOK_URL"),
                   QStringLiteral("https://hooks.example.com/flux?k=1")},
                  {QStringLiteral("FLUX_OUTCOME_WEBHOOK_SECRET"), QStringLiteral("s3cret-value")},
                  {QStringLiteral("FLUX_CALLBACK_ALLOWED_HOSTS"),
                   QStringLiteral(" Hooks.Example.com, ,127.0.0.1 ")},
                  {QStringLiteral("FLUX_OUTCOME_RETRY_BASE_MS"), QStringLiteral("250")}},
                 {});
        QVERIFY2(set.ok(), set.ok() ? "" : qPrintable(set.error().describe()));
        QCOMPARE(set.value().outcomeWebhookUrl,
                 QStringLiteral("https://hooks.example.com/flux?k=1"));
        QCOMPARE(set.value().outcomeWebhookSecret, QByteArray("s3cret-value"));
        QCOMPARE(set.value().callbackAllowedHosts,
                 (QStringList{QStringLiteral("hooks.example.com"), QStringLiteral("127.0.0.1")}));
        QCOMPARE(set.value().outcomeRetryBaseMs, 250);
    }

    void authTokenNeverAppearsInAnError()
    {
        const QString token = QStringLiteral("super secret token");
        const auto config = load({}, {{QStringLiteral("TWILIO_AUTH_TOKEN"), token}}, {});
        QVERIFY(!config.ok());
        QCOMPARE(config.error().variable, QStringLiteral("TWILIO_AUTH_TOKEN"));
        QVERIFY(!config.error().describe().contains(QStringLiteral("secret")));
    }

    void apiTokenNeverAppearsInAnError()
    {
        const QString token = QStringLiteral("secret\ttoken-with-a-tab-1234");
        const auto config = load({}, {{QStringLiteral("FLUX_API_TOKEN"), token}}, {});
        QVERIFY(!config.ok());
        QCOMPARE(config.error().variable, QStringLiteral("FLUX_API_TOKEN"));
        QVERIFY(!config.error().describe().contains(QStringLiteral("secret")));
    }

    void hardeningSettingsAreReadFromEnvironmentAndDotEnv()
    {
        const auto defaults = load({}, {}, {});
        QVERIFY(defaults.ok());
        QVERIFY(defaults.value().apiToken.isEmpty());
        QVERIFY(!defaults.value().separateWebhookListener);
        QVERIFY(!defaults.value().skipWebhookSignature);
        QCOMPARE(defaults.value().requestLimits.maxBodyBytes, 64 * 1024);
        QCOMPARE(defaults.value().callRateLimits.perClientPerMinute, 30);

        const auto config =
            load({{QStringLiteral("FLUX_SKIP_WEBHOOK_SIGNATURE"), QStringLiteral("1")}},
                 {{QStringLiteral("FLUX_API_TOKEN"), QStringLiteral("env-token-0123456789")},
                  {QStringLiteral("FLUX_RATE_TOTAL"), QStringLiteral("0")}},
                 "FLUX_WEBHOOK_LISTEN=0.0.0.0:8443\nFLUX_MAX_BODY_BYTES=2048\n"
                 "FLUX_CLIENT_TIMEOUT_MS=2500\nFLUX_API_TOKEN=dotenv-token-"
                 "0123456789\n");
        QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().describe()));
        QCOMPARE(config.value().apiToken, QByteArray("env-token-0123456789"));
        QVERIFY(config.value().skipWebhookSignature);
        QVERIFY(config.value().separateWebhookListener);
        QCOMPARE(config.value().webhookListenAddress, QHostAddress(QHostAddress::AnyIPv4));
        QCOMPARE(config.value().webhookListenPort, quint16(8443));
        QCOMPARE(config.value().requestLimits.maxBodyBytes, 2048);
        QCOMPARE(config.value().requestLimits.clientTimeoutMs, 2500);
        QCOMPARE(config.value().callRateLimits.totalPerMinute, 0);
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
