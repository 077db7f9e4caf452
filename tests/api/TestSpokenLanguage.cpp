// FLUX_LANGUAGE on the wire: the TwiML the real server gives Twilio, and what the simulated phone
// hears, are in the configured language, with <Say language> naming it.
#include "CallJson.h"
#include "EngineFixture.h"

#include "twilio/VoicePrompts.h"

#include <QTest>

using namespace flux;
using namespace flux::test;

namespace {
const QString AccountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QByteArray Token = "language-test-token";
const QString PublicBase = QStringLiteral("https://calls.example.com");

// A live-mode engine speaking `language`; the TwiML route needs no Twilio behind it.
Config liveConfig(const QString &language)
{
    Config config = EngineFixture::liveConfig(QStringLiteral("http://127.0.0.1:9"), AccountSid,
                                              Token, QStringLiteral("+15005550006"), PublicBase);
    config.language = language;
    return config;
}

// Twilio's POST for the TwiML of a call about `title`, signed over the public URL.
HttpResult fetchTwiml(EngineFixture &fixture, const QByteArray &encodedTitle)
{
    const QString path =
        QStringLiteral("/notifications/call/twiml?task_title=") + QString::fromLatin1(encodedTitle);
    return fixture.http.postSignedForm(fixture.url(path),
                                       {{QStringLiteral("CallSid"), QStringLiteral("CA0123")}},
                                       Token, PublicBase + path);
}
} // namespace

class TestSpokenLanguage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void inGermanTheServedTwimlSaysTheGermanSentenceWithTheTitleEscaped()
    {
        EngineFixture fixture(liveConfig(QStringLiteral("de")));
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        // "Kühlraum & <Tür> offen", form-encoded as Twilio would send the URL back.
        const HttpResult result = fetchTwiml(fixture, "K%C3%BChlraum+%26+%3CT%C3%BCr%3E+offen");
        QCOMPARE(result.status, 200);
        QVERIFY(result.contentType.startsWith("text/xml"));
        const QByteArray expected =
            QStringLiteral("<Say language=\"de-DE\">Hallo! Hier ist Flux. Sie haben eine kritische "
                           "Aufgabe: Kühlraum &amp; &lt;Tür&gt; offen. Drücken Sie 1 zum "
                           "Bestätigen.</Say>")
                .toUtf8();
        QVERIFY2(result.body.contains(expected), result.body.constData());
    }

    void inEnglishTheServedTwimlKeepsTheContractSentenceAndNamesEnUs()
    {
        EngineFixture fixture(liveConfig(QStringLiteral("en")));
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const HttpResult result = fetchTwiml(fixture, "Database+is+down");
        QCOMPARE(result.status, 200);
        QVERIFY2(result.body.contains("<Say language=\"en-US\">Hi! This is Flux. You have a "
                                      "critical task: Database is down. Press 1 to "
                                      "acknowledge.</Say>"),
                 result.body.constData());
    }

    void aGermanCallIsHeardInGermanOnTheSimulatedPhone()
    {
        Config config = EngineFixture::simulatorConfig({});
        config.language = QStringLiteral("de");
        EngineFixture fixture(config);
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        // The scripted number answers and presses 1.
        const QString sid = fixture.placeCall(QStringLiteral("+15555550101"),
                                              QStringLiteral("Datenbank fällt aus"));
        QVERIFY(!sid.isEmpty());
        const QJsonObject call = fixture.waitForFinal(sid);
        QCOMPARE(call.value(QStringLiteral("outcome")).toString(), QStringLiteral("acknowledged"));

        const QJsonObject simulated = fixture.simulatedCall(sid);
        const QStringList said = strings(simulated.value(QStringLiteral("transcript")));
        QCOMPARE(said, (QStringList{QStringLiteral("Hallo! Hier ist Flux. Sie haben eine kritische "
                                                   "Aufgabe: Datenbank fällt aus. Drücken Sie 1 "
                                                   "zum Bestätigen."),
                                    VoicePrompts::German::Acknowledged}));
        QCOMPARE(strings(simulated.value(QStringLiteral("transcript_languages"))),
                 (QStringList{QStringLiteral("de-DE"), QStringLiteral("de-DE")}));
    }
};

QTEST_GUILESS_MAIN(TestSpokenLanguage)
#include "TestSpokenLanguage.moc"
