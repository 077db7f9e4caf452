// Attacks on Twilio's webhooks, which face the internet, and what each gets: unsigned, forged,
// replayed and re-targeted requests, Host and X-Forwarded-* tricks, TwiML injection through
// the task, and the opt-out from signature checks. The engine runs live against no Twilio at
// all; the test holds the auth token, so it can sign as Twilio would, and reads the outcome
// from the store.
#include "EngineFixture.h"
#include "RawHttpClient.h"

#include "api/ApiServer.h"
#include "api/CallRequestParser.h"
#include "calls/CallService.h"
#include "calls/CallStatus.h"
#include "calls/CallStore.h"
#include "simulator/TwilioSimulator.h"
#include "twilio/SignatureValidator.h"
#include "twilio/VoicePrompts.h"

#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>
#include <QXmlStreamReader>

using namespace flux;
using namespace flux::test;

namespace {

const QByteArray Token = "security-test-auth-token";
const QString PublicBase = QStringLiteral("https://calls.example.com");
const QString Sid = QStringLiteral("CA5ec0000000000000000000000000000a");
const QString StatusPath = QStringLiteral("/notifications/call/status");
const QString GatherPath = QStringLiteral("/notifications/call/gather?task_id=T-7");

Config liveConfig(quint16 closedPort)
{
    Config config;
    config.mode = Config::Mode::Live;
    config.listenPort = 0;
    config.apiBase = QStringLiteral("http://127.0.0.1:%1").arg(closedPort);
    config.accountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
    config.authToken = Token;
    config.fromNumber = QStringLiteral("+15005550006");
    config.publicBaseUrl = PublicBase;
    return config;
}

FormParams statusForm(const QString &status, int sequence)
{
    return {{QStringLiteral("CallSid"), Sid},
            {QStringLiteral("CallStatus"), status},
            {QStringLiteral("SequenceNumber"), QString::number(sequence)}};
}

FormParams gatherForm(const QString &digits)
{
    return {{QStringLiteral("CallSid"), Sid}, {QStringLiteral("Digits"), digits}};
}

// What an attacker could have changed: the call's row and how many events it has.
struct Snapshot
{
    QString status;
    QString outcome;
    int lastSequence = -1;
    qsizetype events = 0;
    bool operator==(const Snapshot &other) const
    {
        return status == other.status && outcome == other.outcome &&
               lastSequence == other.lastSequence && events == other.events;
    }
};

// A signed (or deliberately mis-signed) form POST written byte for byte, headers and all.
QByteArray webhook(const QString &path, const FormParams &form, const QByteArray &signature,
                   const QByteArray &extraHeaders = {})
{
    const QByteArray body = FormEncoding::encode(form);
    QByteArray request = "POST " + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                         extraHeaders +
                         "Content-Type: application/x-www-form-urlencoded\r\n"
                         "Content-Length: " +
                         QByteArray::number(body.size()) + "\r\n";
    if (!signature.isNull())
        request += "X-Twilio-Signature: " + signature + "\r\n";
    return request + "\r\n" + body;
}

// The names of a document's elements in order, and the text of each <Say>.
QStringList elementNames(const QByteArray &xml, QStringList *said = nullptr)
{
    QStringList names;
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        names.append(reader.name().toString());
        if (said && reader.name() == QLatin1String("Say"))
            said->append(reader.readElementText(QXmlStreamReader::IncludeChildElements));
    }
    if (reader.hasError())
        names.append(QStringLiteral("error: ") + reader.errorString());
    return names;
}

} // namespace

class TestSecurityWebhooks : public QObject
{
    Q_OBJECT

    QTcpServer m_noTwilio; // listening and never answering: nothing reaches a real Twilio
    std::unique_ptr<EngineFixture> m_fixture;

    quint16 port() const { return m_fixture->engine().server()->port(); }
    Snapshot snapshot() const
    {
        CallStore *store = m_fixture->engine().store();
        const auto call = store->call(Sid).value().value_or(CallRecord{});
        return {call.status, call.outcome, call.lastSequence, store->events(Sid).value().size()};
    }
    int send(const QByteArray &request, QByteArray *answer = nullptr) const
    {
        RawHttpClient client;
        if (!client.connectTo(port()) || !client.send(request))
            return 0;
        const QByteArray received = client.readAnswer(10000);
        if (answer)
            *answer = received;
        return RawHttpClient::status(received);
    }
    QByteArray sign(const QString &path, const FormParams &form,
                    const QByteArray &token = Token) const
    {
        return SignatureValidator::compute(token, PublicBase + path, form);
    }

    void seedCall()
    {
        CallRecord call;
        call.sid = Sid;
        call.to = QStringLiteral("+14155550100");
        call.taskTitle = QStringLiteral("Security drill");
        call.taskId = QStringLiteral("T-7");
        call.status = CallStatus::Queued;
        call.initiatedAt = call.updatedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(m_fixture->engine().store()->insertCall(call).ok());
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_noTwilio.listen(QHostAddress::LocalHost, 0)); }

    void init()
    {
        m_fixture = std::make_unique<EngineFixture>(liveConfig(m_noTwilio.serverPort()));
        QVERIFY2(m_fixture->started(), qPrintable(m_fixture->startError()));
        seedCall();
    }
    void cleanup() { m_fixture.reset(); }

    void unsignedWebhooksAre403AndChangeNothing_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<FormParams>("form");
        QTest::newRow("status: completed") << StatusPath << statusForm(CallStatus::Completed, 9);
        QTest::newRow("gather: pressed 1") << GatherPath << gatherForm(QStringLiteral("1"));
        QTest::newRow("twiml: another task")
            << QStringLiteral("/notifications/call/twiml?task_title=Wire+money") << FormParams{};
    }
    void unsignedWebhooksAre403AndChangeNothing()
    {
        QFETCH(QString, path);
        QFETCH(FormParams, form);
        const Snapshot before = snapshot();
        QByteArray answer;
        QCOMPARE(send(webhook(path, form, QByteArray()), &answer), 403);
        QVERIFY(!RawHttpClient::body(answer).contains("Response")); // no TwiML handed out
        QVERIFY(snapshot() == before);
    }

    void forgedSignaturesAre403AndChangeNothing_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<FormParams>("form");
        QTest::addColumn<QByteArray>("signature");
        const FormParams press1 = gatherForm(QStringLiteral("1"));
        const auto signOver = [](const QString &url, const FormParams &form) {
            return SignatureValidator::compute(Token, url, form);
        };
        QTest::newRow("another auth token")
            << GatherPath << press1
            << SignatureValidator::compute("guessed-token", PublicBase + GatherPath, press1);
        QTest::newRow("signed for another key")
            << GatherPath << press1
            << signOver(PublicBase + GatherPath, gatherForm(QStringLiteral("2")));
        FormParams extra = press1;
        extra.append({QStringLiteral("CallStatus"), QStringLiteral("completed")});
        QTest::newRow("a field added after signing")
            << GatherPath << extra << signOver(PublicBase + GatherPath, press1);
        QTest::newRow("signed for the status path")
            << GatherPath << press1 << signOver(PublicBase + StatusPath, press1);
        QTest::newRow("query changed after signing")
            << QStringLiteral("/notifications/call/gather?task_id=OTHER") << press1
            << signOver(PublicBase + GatherPath, press1);
        QTest::newRow("http instead of https")
            << GatherPath << press1
            << signOver(QStringLiteral("http://calls.example.com") + GatherPath, press1);
        QTest::newRow("another port")
            << GatherPath << press1
            << signOver(QStringLiteral("https://calls.example.com:8443") + GatherPath, press1);
        const QByteArray good = signOver(PublicBase + GatherPath, press1);
        QTest::newRow("truncated") << GatherPath << press1 << good.left(good.size() - 2);
        QTest::newRow("garbage") << GatherPath << press1 << QByteArray("not-base64!!");
        QTest::newRow("empty") << GatherPath << press1 << QByteArray("");
    }
    void forgedSignaturesAre403AndChangeNothing()
    {
        QFETCH(QString, path);
        QFETCH(FormParams, form);
        QFETCH(QByteArray, signature);
        const Snapshot before = snapshot();
        QCOMPARE(send(webhook(path, form, signature)), 403);
        QVERIFY(snapshot() == before);
        QCOMPARE(snapshot().outcome, CallOutcome::Pending);
    }

    void replayedStatusCallbacksChangeNothing()
    {
        const QByteArray ringing = webhook(StatusPath, statusForm(CallStatus::Ringing, 1),
                                           sign(StatusPath, statusForm(CallStatus::Ringing, 1)));
        const QByteArray completed =
            webhook(StatusPath, statusForm(CallStatus::Completed, 4),
                    sign(StatusPath, statusForm(CallStatus::Completed, 4)));
        QByteArray answer;
        QCOMPARE(send(ringing, &answer), 200);
        QCOMPARE(send(completed, &answer), 200);
        QVERIFY(RawHttpClient::body(answer).contains("applied"));
        const Snapshot done = snapshot();
        QCOMPARE(done.status, CallStatus::Completed);
        for (int i = 0; i < 5; ++i) { // the same signed bytes, again and again
            QCOMPARE(send(completed, &answer), 200);
            QVERIFY(RawHttpClient::body(answer).contains("duplicate"));
        }
        QCOMPARE(send(ringing, &answer), 200); // an old one cannot turn the clock back
        QVERIFY(RawHttpClient::body(answer).contains("duplicate"));
        QVERIFY(snapshot() == done);
    }

    void replayedKeypressesCannotTakeAnAcknowledgmentBack()
    {
        const QByteArray pressed1 = webhook(GatherPath, gatherForm(QStringLiteral("1")),
                                            sign(GatherPath, gatherForm(QStringLiteral("1"))));
        const QByteArray pressed2 = webhook(GatherPath, gatherForm(QStringLiteral("2")),
                                            sign(GatherPath, gatherForm(QStringLiteral("2"))));
        QCOMPARE(send(pressed1), 200);
        const Snapshot acknowledged = snapshot();
        QCOMPARE(acknowledged.outcome, CallOutcome::Acknowledged);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(send(pressed2), 200);
            QCOMPARE(send(pressed1), 200);
        }
        QCOMPARE(snapshot().outcome, CallOutcome::Acknowledged);
    }

    void hostAndForwardedHeadersNeverWidenWhatTheSignatureCovers_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<QString>("attackerUrl"); // the URL the attacker's signature covers
        QTest::addColumn<QString>("target");      // what the request line asks for
        const QString evil = QStringLiteral("http://evil.example");
        QTest::newRow("Host") << QByteArray("Host: evil.example\r\n") << evil + StatusPath
                              << StatusPath;
        QTest::newRow("absolute URL in the request line")
            << QByteArray() << evil + StatusPath << evil + StatusPath;
        QTest::newRow("X-Forwarded-Host and -Proto")
            << QByteArray("X-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: http\r\n")
            << evil + StatusPath << StatusPath;
        QTest::newRow("Forwarded") << QByteArray("Forwarded: host=evil.example;proto=http\r\n")
                                   << evil + StatusPath << StatusPath;
        QTest::newRow("X-Forwarded-Port")
            << QByteArray("X-Forwarded-Port: 8443\r\n")
            << QStringLiteral("https://calls.example.com:8443") + StatusPath << StatusPath;
        QTest::newRow("X-Forwarded-Prefix")
            << QByteArray("X-Forwarded-Prefix: /attacker\r\n")
            << PublicBase + QStringLiteral("/attacker") + StatusPath << StatusPath;
        QTest::newRow("X-Original-URL")
            << QByteArray("X-Original-URL: /notifications/call/status?via=proxy\r\n")
            << PublicBase + StatusPath + QStringLiteral("?via=proxy") << StatusPath;
    }
    void hostAndForwardedHeadersNeverWidenWhatTheSignatureCovers()
    {
        QFETCH(QByteArray, headers);
        QFETCH(QString, attackerUrl);
        QFETCH(QString, target);
        const FormParams form = statusForm(CallStatus::Completed, 7);
        const Snapshot before = snapshot();
        // The attacker holds a valid signature for a URL of their choosing (one they own, say)
        // and uses the headers to make the server believe it was asked for that URL.
        const QByteArray forged = SignatureValidator::compute(Token, attackerUrl, form);
        QCOMPARE(send(webhook(target, form, forged, headers)), 403);
        QVERIFY(snapshot() == before);
        // The same headers do not hurt Twilio's real signature either: they are ignored.
        QCOMPARE(send(webhook(target, form, sign(StatusPath, form), headers)), 200);
        QCOMPARE(snapshot().status, CallStatus::Completed);
    }

    void webhooksNeedNoApiTokenAndTheApiTokenIsNoSignature()
    {
        const FormParams form = gatherForm(QStringLiteral("1"));
        const QByteArray bearer =
            "Authorization: Bearer " + m_fixture->engine().apiToken() + "\r\n";
        QCOMPARE(send(webhook(GatherPath, form, QByteArray(), bearer)), 403);
        QCOMPARE(snapshot().outcome, CallOutcome::Pending);
        QCOMPARE(send(webhook(GatherPath, form, sign(GatherPath, form))), 200);
        QCOMPARE(snapshot().outcome, CallOutcome::Acknowledged);
    }

    void twimlInjectionThroughTheTaskIsSpokenNotObeyed_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("taskId");
        QTest::newRow("closing Say, opening Dial")
            << QStringLiteral("</Say><Dial>+15550001111</Dial><Say>") << QString();
        QTest::newRow("CDATA breakout")
            << QStringLiteral("]]></Say><Redirect>https://evil.example/</Redirect><![CDATA[")
            << QString();
        QTest::newRow("attribute breakout")
            << QStringLiteral("\"/><Redirect>https://evil.example/x</Redirect><Say a=\"")
            << QString();
        QTest::newRow("entities") << QStringLiteral("&lt;Hangup/&gt; &amp; &#60;Play&#62;")
                                  << QString();
        QTest::newRow("external entity")
            << QStringLiteral("<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>&x;")
            << QString();
        QTest::newRow("query smuggling in the title")
            << QStringLiteral("Fix it&task_id=FORGED&task_title=Other#frag")
            << QStringLiteral("T-7");
        QTest::newRow("markup in the task id")
            << QStringLiteral("Fine title")
            << QStringLiteral("T\"/><Redirect>https://evil.example</Redirect>");
    }
    void twimlInjectionThroughTheTaskIsSpokenNotObeyed()
    {
        QFETCH(QString, title);
        QFETCH(QString, taskId);
        // The URL this app gives Twilio for the call, fetched and signed as Twilio would.
        CallService *calls = m_fixture->engine().calls();
        const QString url = calls->twimlUrl(title, taskId);
        QVERIFY(url.startsWith(PublicBase));
        const QString path = url.mid(PublicBase.size());
        const FormParams form{{QStringLiteral("CallSid"), Sid}};
        QByteArray answer;
        QCOMPARE(send(webhook(path, form, sign(path, form)), &answer), 200);
        const QByteArray twiml = RawHttpClient::body(answer);
        QStringList said;
        QCOMPARE(elementNames(twiml, &said),
                 (QStringList{QStringLiteral("Response"), QStringLiteral("Gather"),
                              QStringLiteral("Say")}));
        QCOMPARE(said, QStringList{VoicePrompts::taskSentence(title)});
        QXmlStreamReader reader(twiml);
        while (!reader.atEnd() && !(reader.readNext() == QXmlStreamReader::StartElement &&
                                    reader.name() == QLatin1String("Gather"))) {
        }
        QCOMPARE(reader.attributes().value(QLatin1String("action")).toString(),
                 calls->gatherUrl(title, taskId, QString(), 1, 1));
    }

    void theLongestTitleInWideCharactersStillReachesThePhone()
    {
        // The longest accepted title, every character three bytes in UTF-8: the TwiML URL
        // passes 35 KB, and must still fit the server's own URL limit.
        EngineFixture simulated;
        QVERIFY2(simulated.started(), qPrintable(simulated.startError()));
        const QString title(CallRequest::maxTitleLength(), QChar(0x20AC)); // '€'
        const QString sid = simulated.placeCall(QStringLiteral("+15555550101"), title);
        QVERIFY(!sid.isEmpty());
        QVERIFY(simulated.engine().calls()->twimlUrl(title, {}).size() > 30000);
        const QJsonObject call = simulated.waitForFinal(sid);
        QCOMPARE(call.value(QStringLiteral("outcome")).toString(), CallOutcome::Acknowledged);
    }

    void skippingTheSignatureCheckIsWarnedAboutAtEveryStart()
    {
        m_fixture.reset();
        Config config = liveConfig(m_noTwilio.serverPort());
        config.skipWebhookSignature = true;
        const QRegularExpression warning(QStringLiteral("X-Twilio-Signature is NOT checked"));
        QTemporaryDir dataDir;
        config.dataDir = dataDir.path();
        for (int start = 0; start < 2; ++start) {
            QTest::ignoreMessage(QtWarningMsg, warning); // fails the test unless it is said
            EngineFixture fixture(config);
            QVERIFY(fixture.started());
        }
        // What the flag does: an unsigned keypress is believed.
        QTest::ignoreMessage(QtWarningMsg, warning);
        m_fixture = std::make_unique<EngineFixture>(config);
        QVERIFY(m_fixture->started());
        seedCall();
        QCOMPARE(send(webhook(GatherPath, gatherForm(QStringLiteral("1")), QByteArray())), 200);
        QCOMPARE(snapshot().outcome, CallOutcome::Acknowledged);
    }
};

QTEST_GUILESS_MAIN(TestSecurityWebhooks)
#include "TestSecurityWebhooks.moc"
