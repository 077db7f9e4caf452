// Twilio's webhooks against a live-mode engine: signatures, ordering, duplicates, durability.
// A scripted Twilio peer on loopback answers the create request, so every webhook here is
// sent by the test itself, signed (or not) as the case needs.
#include "EngineFixture.h"
#include "RawHttpClient.h"

#include "api/ApiServer.h"
#include "calls/CallStore.h"
#include "twilio/TwimlDocument.h"
#include "twilio/VoicePrompts.h"

#include <QTest>

using namespace flux;
using namespace flux::test;

namespace {
const QString AccountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QByteArray Token = "webhook-test-token";
const QString PublicBase = QStringLiteral("https://calls.example.com");

// Answers Calls.json with a fixed sid; can hold the answer back to model a slow Twilio.
class ScriptedTwilio
{
public:
    ScriptedTwilio()
    {
        server.addRoutes(
            {{HttpMethod::Post,
              QStringLiteral("/2010-04-01/Accounts/{sid}/Calls.json"),
              Route::Access::Public,
              {},
              {},
              [this](const HttpRequest &request, const Responder &responder) {
                  ++creates;
                  statusCallback =
                      FormEncoding::value(request.form, QStringLiteral("StatusCallback"));
                  machineDetection =
                      FormEncoding::value(request.form, QStringLiteral("MachineDetection"));
                  const QJsonObject call{
                      {QStringLiteral("sid"), nextSid},
                      {QStringLiteral("status"), QStringLiteral("queued")},
                      {QStringLiteral("to"),
                       FormEncoding::value(request.form, QStringLiteral("To"))},
                      {QStringLiteral("from"),
                       FormEncoding::value(request.form, QStringLiteral("From"))},
                      {QStringLiteral("direction"), QStringLiteral("outbound-api")}};
                  if (holdAnswer)
                      held = [responder, call] {
                          responder.send(HttpResponse::json(HttpStatus::Created, call));
                      };
                  else
                      responder.send(HttpResponse::json(HttpStatus::Created, call));
              }}});
        port = server.listenOn(QHostAddress::LocalHost, 0);
    }
    ApiServer server;
    quint16 port = 0;
    int creates = 0;
    QString nextSid = QStringLiteral("CA11111111111111111111111111111111");
    bool holdAnswer = false;
    std::function<void()> held;
    QString statusCallback;   // the last create's, as Twilio would call it
    QString machineDetection; // the last create's MachineDetection, empty when it had none
};

Config liveConfig(quint16 twilioPort)
{
    return EngineFixture::liveConfig(QStringLiteral("http://127.0.0.1:%1").arg(twilioPort),
                                     AccountSid, Token, QStringLiteral("+15005550006"), PublicBase);
}

FormParams statusForm(const QString &sid, const QString &status, int sequence)
{
    return {{QStringLiteral("CallSid"), sid},
            {QStringLiteral("AccountSid"), AccountSid},
            {QStringLiteral("CallStatus"), status},
            {QStringLiteral("SequenceNumber"), QString::number(sequence)},
            {QStringLiteral("Timestamp"), QStringLiteral("Wed, 25 Nov 2026 19:31:44 +0000")},
            {QStringLiteral("CallbackSource"), QStringLiteral("call-progress-events")}};
}
} // namespace

class TestWebhooks : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScriptedTwilio> m_twilio;
    std::unique_ptr<EngineFixture> m_fixture;
    QString m_sid;

    HttpResult sendStatus(const QString &status, int sequence, const QString &sid = {})
    {
        return m_fixture->http.postSignedForm(
            m_fixture->url(QStringLiteral("/notifications/call/status")),
            statusForm(sid.isEmpty() ? m_sid : sid, status, sequence), Token,
            PublicBase + QStringLiteral("/notifications/call/status"));
    }
    HttpResult sendGather(const QString &digits,
                          const QString &query = QStringLiteral("task_id=T-1"))
    {
        const QString path = QStringLiteral("/notifications/call/gather?") + query;
        return m_fixture->http.postSignedForm(
            m_fixture->url(path),
            {{QStringLiteral("CallSid"), m_sid}, {QStringLiteral("Digits"), digits}}, Token,
            PublicBase + path);
    }
    int eventCount()
    {
        return m_fixture->call(m_sid).value(QStringLiteral("events")).toArray().size();
    }
    QString status() { return m_fixture->call(m_sid).value(QStringLiteral("status")).toString(); }
    QString field(const char *name)
    {
        return m_fixture->call(m_sid).value(QLatin1String(name)).toString();
    }
    // Starts the engine again with `change` made to its config, and places the test's call.
    void restartWith(const std::function<void(Config &)> &change)
    {
        m_fixture.reset();
        Config config = liveConfig(m_twilio->port);
        change(config);
        m_fixture = std::make_unique<EngineFixture>(config);
        QVERIFY2(m_fixture->started(), qPrintable(m_fixture->startError()));
        m_sid =
            m_fixture->placeCall(QStringLiteral("+14155551234"),
                                 QStringLiteral("Renew the certificate"), QStringLiteral("T-1"));
        QCOMPARE(m_sid, m_twilio->nextSid);
    }
    // A webhook signed over the public URL of `path`, as Twilio sends it.
    HttpResult postWebhook(const QString &path, const FormParams &form)
    {
        return m_fixture->http.postSignedForm(m_fixture->url(path), form, Token, PublicBase + path);
    }
    FormParams callForm(const QString &sid) const
    {
        return {{QStringLiteral("CallSid"), sid},
                {QStringLiteral("AccountSid"), AccountSid},
                {QStringLiteral("To"), QStringLiteral("+14155551234")},
                {QStringLiteral("From"), QStringLiteral("+15005550006")}};
    }
    // The call's TwiML as Twilio fetches it, with AnsweredBy when detection gave one.
    HttpResult fetchTwiml(const QString &answeredBy = {}, const QString &sid = {})
    {
        FormParams form = callForm(sid.isEmpty() ? m_sid : sid);
        if (!answeredBy.isEmpty())
            form.append({QStringLiteral("AnsweredBy"), answeredBy});
        return postWebhook(QStringLiteral("/notifications/call/twiml?task_title=Renew+the+"
                                          "certificate&task_id=T-1"),
                           form);
    }
    // The keypress (or silence) at the <Gather> of `twiml`, sent to its action.
    HttpResult press(const QByteArray &twiml, const QString &digits)
    {
        const QString action = gatherOf(twiml).attribute(QStringLiteral("action"));
        if (!action.startsWith(PublicBase))
            return {};
        FormParams form = callForm(m_sid);
        form.append({QStringLiteral("Digits"), digits});
        return postWebhook(action.mid(PublicBase.size()), form);
    }
    static TwimlNode gatherOf(const QByteArray &twiml)
    {
        const auto parsed = TwimlDocument::parse(twiml);
        if (parsed) {
            for (const TwimlNode &verb : parsed.value().children) {
                if (verb.name == QLatin1String("Gather"))
                    return verb;
            }
        }
        return {};
    }
    // Every <Say>'s text, in order, nested ones included.
    static QStringList said(const QByteArray &twiml)
    {
        QStringList texts;
        std::function<void(const TwimlNode &)> visit = [&](const TwimlNode &node) {
            if (node.name == QLatin1String("Say"))
                texts.append(node.text);
            for (const TwimlNode &child : node.children)
                visit(child);
        };
        if (const auto parsed = TwimlDocument::parse(twiml))
            visit(parsed.value());
        return texts;
    }
    static QString taskSentence()
    {
        return VoicePrompts::taskSentence(QStringLiteral("Renew the certificate"));
    }
    static QString keyHeard(const QString &key)
    {
        return VoicePrompts::KeyHeard.arg(key) + QLatin1Char(' ') + VoicePrompts::MenuHint;
    }

private Q_SLOTS:
    void init()
    {
        m_twilio = std::make_unique<ScriptedTwilio>();
        QVERIFY(m_twilio->port != 0);
        m_fixture = std::make_unique<EngineFixture>(liveConfig(m_twilio->port));
        QVERIFY2(m_fixture->started(), qPrintable(m_fixture->startError()));
        m_sid =
            m_fixture->placeCall(QStringLiteral("+14155551234"),
                                 QStringLiteral("Renew the certificate"), QStringLiteral("T-1"));
        QCOMPARE(m_sid, m_twilio->nextSid);
    }
    void cleanup()
    {
        m_fixture.reset();
        m_twilio.reset();
    }

    void forgedOrUnsignedWebhooksAre403AndChangeNothing()
    {
        const int eventsBefore = eventCount();
        const QString url = m_fixture->url(QStringLiteral("/notifications/call/status"));
        const QByteArray body =
            FormEncoding::encode(statusForm(m_sid, QStringLiteral("completed"), 5));
        // No signature at all.
        QCOMPARE(m_fixture->http.post(url, body, "application/x-www-form-urlencoded").status, 403);
        // Signed with the wrong token.
        QCOMPARE(m_fixture->http
                     .postSignedForm(url, statusForm(m_sid, QStringLiteral("completed"), 5),
                                     "not-the-token",
                                     PublicBase + QStringLiteral("/notifications/call/status"))
                     .status,
                 403);
        // Signed over the loopback URL instead of the public one Twilio would have used.
        QCOMPARE(m_fixture->http
                     .postSignedForm(url, statusForm(m_sid, QStringLiteral("completed"), 5), Token)
                     .status,
                 403);
        // A valid signature, but the body changed after signing.
        const QByteArray signature = SignatureValidator::compute(
            Token, PublicBase + QStringLiteral("/notifications/call/status"),
            statusForm(m_sid, QStringLiteral("ringing"), 5));
        QCOMPARE(m_fixture->http
                     .post(url, body, "application/x-www-form-urlencoded",
                           {{"X-Twilio-Signature", signature}})
                     .status,
                 403);
        // Forged keypress.
        QCOMPARE(m_fixture->http
                     .post(m_fixture->url(QStringLiteral("/notifications/call/gather")),
                           "CallSid=" + m_sid.toLatin1() + "&Digits=1",
                           "application/x-www-form-urlencoded")
                     .status,
                 403);

        QCOMPARE(eventCount(), eventsBefore);
        QCOMPARE(status(), QStringLiteral("queued"));
        QCOMPARE(m_fixture->call(m_sid).value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("pending"));
    }

    void theSecondaryTokenIsAcceptedWhileTheAccountRotates()
    {
        // Twilio signs with whichever token is primary when it sends: during a rotation, calls
        // placed before the swap get webhooks signed with the other one.
        const QByteArray secondary = "the-secondary-token";
        restartWith([&](Config &config) { config.authTokenSecondary = secondary; });
        const QString path = QStringLiteral("/notifications/call/status");
        const auto signedWith = [&](const QByteArray &token, const QString &status, int sequence) {
            return m_fixture->http
                .postSignedForm(m_fixture->url(path), statusForm(m_sid, status, sequence), token,
                                PublicBase + path)
                .status;
        };
        QCOMPARE(signedWith(Token, QStringLiteral("ringing"), 1), 200);
        QCOMPARE(signedWith(secondary, QStringLiteral("in-progress"), 2), 200);
        QCOMPARE(status(), QStringLiteral("in-progress"));
        // A third token is still a forgery, and changes nothing.
        QCOMPARE(signedWith("neither-token", QStringLiteral("completed"), 3), 403);
        QCOMPARE(status(), QStringLiteral("in-progress"));

        // Without the setting, the secondary token is just another wrong token.
        restartWith([](Config &) {});
        QCOMPARE(signedWith(secondary, QStringLiteral("ringing"), 1), 403);
    }

    void signatureWithThePortVariantsTheSdksAcceptIsValid()
    {
        const QString path = QStringLiteral("/notifications/call/status");
        const HttpResult result = m_fixture->http.postSignedForm(
            m_fixture->url(path), statusForm(m_sid, QStringLiteral("ringing"), 1), Token,
            QStringLiteral("https://calls.example.com:443") + path);
        QCOMPARE(result.status, 200);
    }

    void olderSequenceNeverOverwritesANewerState()
    {
        QCOMPARE(sendStatus(QStringLiteral("in-progress"), 2).status, 200);
        const HttpResult late = sendStatus(QStringLiteral("ringing"), 1);
        QCOMPARE(late.status, 200);
        QCOMPARE(late.json().value(QStringLiteral("result")).toString(), QStringLiteral("stale"));
        QCOMPARE(status(), QStringLiteral("in-progress"));
        QCOMPARE(sendStatus(QStringLiteral("completed"), 3).status, 200);
        QCOMPARE(status(), QStringLiteral("completed"));
    }

    void repeatedCallbackChangesNothing()
    {
        QCOMPARE(sendStatus(QStringLiteral("ringing"), 1)
                     .json()
                     .value(QStringLiteral("result"))
                     .toString(),
                 QStringLiteral("applied"));
        const int events = eventCount();
        const HttpResult again = sendStatus(QStringLiteral("ringing"), 1);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json().value(QStringLiteral("result")).toString(),
                 QStringLiteral("duplicate"));
        QCOMPARE(eventCount(), events);
    }

    void unknownStatusValuesAreKept()
    {
        QCOMPARE(sendStatus(QStringLiteral("answered-by-machine"), 1).status, 200);
        QCOMPARE(status(), QStringLiteral("answered-by-machine"));
    }

    void pressingOneAcknowledgesDurablyBeforeTheAnswer()
    {
        const HttpResult result = sendGather(QStringLiteral("1"));
        QCOMPARE(result.status, 200);
        QVERIFY(result.contentType.startsWith("text/xml"));
        QCOMPARE(result.body, VoicePrompts::gatherAnswer(true));
        // A second, independent connection to the file sees the acknowledgment already.
        auto store = CallStore::open(m_fixture->engine().storePath());
        QVERIFY(store.ok());
        const auto call = store.value()->call(m_sid);
        QVERIFY(call.ok() && call.value().has_value());
        QCOMPARE(call.value()->outcome, CallOutcome::Acknowledged);
        QCOMPARE(call.value()->digits, QStringLiteral("1"));
    }

    void concurrentWebhooksAreAllAnsweredWithTheirRowsOnDisk()
    {
        // Sent all at once on connections of their own, so the server reads many in one turn
        // and commits them together; each answer must still mean "on disk".
        const int count = 40;
        const QString path = QStringLiteral("/notifications/call/status");
        std::vector<std::unique_ptr<RawHttpClient>> clients;
        for (int i = 0; i < count; ++i) {
            const FormParams form = statusForm(m_sid, QStringLiteral("in-progress"), 10 + i);
            const QByteArray body = FormEncoding::encode(form);
            const QByteArray request =
                "POST " + path.toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                "Content-Type: application/x-www-form-urlencoded\r\n" + "X-Twilio-Signature: " +
                SignatureValidator::compute(Token, PublicBase + path, form) +
                "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
            auto client = std::make_unique<RawHttpClient>();
            QVERIFY(client->connectTo(m_fixture->engine().server()->port()));
            clients.push_back(std::move(client));
            clients.back()->socket.write(request);
        }
        for (auto &client : clients) {
            const QByteArray answer = client->readAnswer(10000);
            QCOMPARE(RawHttpClient::status(answer), 200);
        }
        // An independent connection to the file: every one of them is there.
        auto store = CallStore::open(m_fixture->engine().storePath());
        QVERIFY(store.ok());
        const auto events = store.value()->events(m_sid);
        QVERIFY(events.ok());
        int statuses = 0;
        for (const CallEvent &event : events.value())
            statuses += event.kind == CallEvent::Kind::Status && event.sequence >= 10 ? 1 : 0;
        QCOMPARE(statuses, count);
        QCOMPARE(store.value()->call(m_sid).value()->lastSequence, 10 + count - 1);
    }

    void aGatherUrlWithoutTheTaskSaysGoodbyeAtOnce()
    {
        // A gather URL from before the menu carries no title to read again: silence or another
        // key ends the call as the seed did, the key named first.
        QCOMPARE(sendGather(QString()).body, VoicePrompts::gatherAnswer(false));
        QCOMPARE(m_fixture->call(m_sid).value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("not_acknowledged"));
        QCOMPARE(m_fixture->call(m_sid).value(QStringLiteral("reason")).toString(),
                 QStringLiteral("no_input"));
        const QByteArray declined = VoicePrompts::goodbye(false, {}, QStringLiteral("2"));
        QCOMPARE(sendGather(QStringLiteral("2")).body, declined);
        QCOMPARE(m_fixture->call(m_sid).value(QStringLiteral("reason")).toString(),
                 QStringLiteral("declined"));
        // Twilio's retry of that keypress: nothing changes, and the answer is the same.
        const int events = eventCount();
        QCOMPARE(sendGather(QStringLiteral("2")).body, declined);
        QCOMPARE(eventCount(), events);
        // A later "1" still acknowledges; an acknowledgment is never taken back.
        QCOMPARE(sendGather(QStringLiteral("1")).body, VoicePrompts::gatherAnswer(true));
        QCOMPARE(sendGather(QStringLiteral("3")).body, VoicePrompts::gatherAnswer(true));
        QCOMPARE(m_fixture->call(m_sid).value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("acknowledged"));
        QVERIFY(m_fixture->call(m_sid).value(QStringLiteral("reason")).isNull());
    }

    void twimlReadsTheTaskOutAndCarriesTheTaskIdToGather()
    {
        const QString path = QStringLiteral(
            "/notifications/call/twiml?task_title=Renew+the+certificate&task_id=T-1");
        const HttpResult result = m_fixture->http.postSignedForm(
            m_fixture->url(path), {{QStringLiteral("CallSid"), m_sid}}, Token, PublicBase + path);
        QCOMPARE(result.status, 200);
        QVERIFY(result.contentType.startsWith("text/xml"));
        const auto twiml = TwimlDocument::parse(result.body);
        QVERIFY(twiml.ok());
        const TwimlNode gather = twiml.value().children.value(0);
        QCOMPARE(gather.name, QStringLiteral("Gather"));
        QCOMPARE(gather.attribute(QStringLiteral("action")),
                 PublicBase + QStringLiteral("/notifications/call/gather?task_title=Renew+the+"
                                             "certificate&task_id=T-1&round=1&heard=1"));
        QCOMPARE(gather.children.value(0).text,
                 VoicePrompts::taskSentence(QStringLiteral("Renew the certificate")));
    }

    void callbackBeforeTheCreateAnswerWaitsForIt_data()
    {
        QTest::addColumn<bool>("namesItsRequest");
        // The URL the app gave Twilio names the request; a bare one makes it wait for them all.
        QTest::newRow("status callback URL with request_id") << true;
        QTest::newRow("bare status URL") << false;
    }
    void callbackBeforeTheCreateAnswerWaitsForIt()
    {
        QFETCH(bool, namesItsRequest);
        m_twilio->holdAnswer = true;
        m_twilio->nextSid = QStringLiteral("CA22222222222222222222222222222222");
        QNetworkAccessManager network;
        QNetworkRequest create(QUrl(m_fixture->url(QStringLiteral("/notifications/call"))));
        create.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        create.setRawHeader("Authorization", "Bearer " + m_fixture->engine().apiToken());
        QNetworkReply *created =
            network.post(create, R"({"phone_number":"+14155550000","task_title":"Slow"})");
        QTRY_VERIFY(m_twilio->held != nullptr);

        // Twilio's initiated callback arrives while its create answer is still on the way.
        QVERIFY(m_twilio->statusCallback.startsWith(PublicBase));
        QVERIFY(m_twilio->statusCallback.contains(QLatin1String("request_id=")));
        const QString path = namesItsRequest ? m_twilio->statusCallback.mid(PublicBase.size())
                                             : QStringLiteral("/notifications/call/status");
        const FormParams form = statusForm(m_twilio->nextSid, QStringLiteral("initiated"), 0);
        QNetworkRequest callback(QUrl(m_fixture->url(path)));
        callback.setHeader(QNetworkRequest::ContentTypeHeader,
                           QByteArrayLiteral("application/x-www-form-urlencoded"));
        callback.setRawHeader("X-Twilio-Signature",
                              SignatureValidator::compute(Token, PublicBase + path, form));
        QNetworkReply *status = network.post(callback, FormEncoding::encode(form));
        QTest::qWait(200);
        QVERIFY2(!status->isFinished(), "the callback must wait for the call to be known");

        m_twilio->held();
        QTRY_VERIFY(created->isFinished() && status->isFinished());
        QCOMPARE(created->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        QCOMPARE(status->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(m_fixture->call(m_twilio->nextSid).value(QStringLiteral("status")).toString(),
                 QStringLiteral("initiated"));
        created->deleteLater();
        status->deleteLater();
    }

    // The callee's menu (issue 17): "*" repeats, silence and other keys repeat up to
    // FLUX_PROMPT_REPEATS readings in all, and the outcome says why when it is not a 1.
    void silenceReadsTheMessageAgainThenSaysGoodbye()
    {
        const HttpResult first = fetchTwiml();
        QCOMPARE(said(first.body), QStringList{taskSentence()});
        const HttpResult second = press(first.body, QString());
        QCOMPARE(second.status, 200);
        QCOMPARE(said(second.body), (QStringList{taskSentence(), VoicePrompts::RepeatHint}));
        QCOMPARE(field("outcome"), QStringLiteral("pending"));
        const HttpResult third = press(second.body, QString());
        QCOMPARE(said(third.body), (QStringList{taskSentence(), VoicePrompts::RepeatHint}));
        const HttpResult last = press(third.body, QString());
        QCOMPARE(last.body, VoicePrompts::gatherAnswer(false));
        QCOMPARE(field("outcome"), QStringLiteral("not_acknowledged"));
        QCOMPARE(field("reason"), QStringLiteral("no_input"));
        // The call's end keeps the reason the menu gave.
        QCOMPARE(sendStatus(QStringLiteral("completed"), 3).status, 200);
        QCOMPARE(field("reason"), QStringLiteral("no_input"));
    }

    void starRepeatsAtOnceWithoutUsingARepeat()
    {
        QByteArray twiml = fetchTwiml().body;
        for (int i = 0; i < 4; ++i) {
            twiml = press(twiml, QStringLiteral("*")).body;
            QCOMPARE(said(twiml), (QStringList{taskSentence(), VoicePrompts::RepeatHint}));
        }
        // Silence still has its two repeats after the first reading.
        twiml = press(twiml, QString()).body;
        QVERIFY(!gatherOf(twiml).name.isEmpty());
        twiml = press(twiml, QString()).body;
        QVERIFY(!gatherOf(twiml).name.isEmpty());
        QCOMPARE(press(twiml, QString()).body, VoicePrompts::gatherAnswer(false));
        QCOMPARE(field("reason"), QStringLiteral("no_input"));
        QCOMPARE(m_fixture->call(m_sid).value(QStringLiteral("digits")).toString(), QString());
    }

    void anotherKeyIsNamedAndCountsAsARepeat()
    {
        QByteArray twiml = fetchTwiml().body;
        twiml = press(twiml, QStringLiteral("2")).body;
        QCOMPARE(said(twiml), (QStringList{keyHeard(QStringLiteral("2")), taskSentence(),
                                           VoicePrompts::RepeatHint}));
        twiml = press(twiml, QStringLiteral("#")).body;
        QCOMPARE(said(twiml).value(0), keyHeard(QStringLiteral("pound")));
        const HttpResult last = press(twiml, QStringLiteral("5"));
        QCOMPARE(said(last.body), (QStringList{VoicePrompts::KeyHeard.arg(QStringLiteral("5")),
                                               VoicePrompts::NotAcknowledged}));
        QCOMPARE(field("outcome"), QStringLiteral("not_acknowledged"));
        QCOMPARE(field("reason"), QStringLiteral("declined"));
        QCOMPARE(field("digits"), QStringLiteral("5"));
    }

    void oneAfterARepeatAcknowledges()
    {
        QByteArray twiml = press(fetchTwiml().body, QStringLiteral("*")).body;
        twiml = press(twiml, QStringLiteral("7")).body;
        const HttpResult ack = press(twiml, QStringLiteral("1"));
        QCOMPARE(ack.body, VoicePrompts::gatherAnswer(true));
        QCOMPARE(field("outcome"), QStringLiteral("acknowledged"));
        QVERIFY(m_fixture->call(m_sid).value(QStringLiteral("reason")).isNull());
        QCOMPARE(sendStatus(QStringLiteral("completed"), 3).status, 200);
        QCOMPARE(field("outcome"), QStringLiteral("acknowledged"));
        // Every turn is in the timeline: "*", "7", "1".
        QStringList keys;
        for (const QJsonValue event :
             m_fixture->call(m_sid).value(QStringLiteral("events")).toArray())
            if (event[QStringLiteral("type")].toString() == QLatin1String("gather"))
                keys.append(event[QStringLiteral("digits")].toString());
        QCOMPARE(keys,
                 (QStringList{QStringLiteral("*"), QStringLiteral("7"), QStringLiteral("1")}));
    }

    void promptRepeatsOfOneSaysGoodbyeAtTheFirstSilence()
    {
        restartWith([](Config &config) { config.promptRepeats = 1; });
        QCOMPARE(press(fetchTwiml().body, QString()).body, VoicePrompts::gatherAnswer(false));
    }

    void theVoiceSpeaksEverySentence()
    {
        const QString voice = QStringLiteral("Polly.Joanna-Neural");
        restartWith([&](Config &config) { config.voice = voice; });
        QList<QByteArray> answers{fetchTwiml().body};
        answers.append(press(answers.last(), QStringLiteral("2")).body);
        answers.append(press(answers.last(), QStringLiteral("1")).body);
        for (const QByteArray &twiml : answers) {
            QVERIFY(!said(twiml).isEmpty());
            QVERIFY2(twiml.count("<Say voice=\"Polly.Joanna-Neural\"") == said(twiml).size(),
                     twiml.constData());
        }
        QCOMPARE(said(answers.last()), QStringList{VoicePrompts::Acknowledged});
    }

    // Answering-machine detection.
    void createAsksForDetectionAsConfigured_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("sent");
        QTest::newRow("default: leave a message")
            << int(Config::MachineDetection::LeaveMessage) << QStringLiteral("DetectMessageEnd");
        QTest::newRow("detect") << int(Config::MachineDetection::Detect)
                                << QStringLiteral("Enable");
        QTest::newRow("off") << int(Config::MachineDetection::Off) << QString();
    }
    void createAsksForDetectionAsConfigured()
    {
        QFETCH(int, mode);
        QFETCH(QString, sent);
        restartWith(
            [&](Config &config) { config.machineDetection = Config::MachineDetection(mode); });
        QCOMPARE(m_twilio->machineDetection, sent);
    }

    void aVoicemailHearsAMessageAndNothingItSendsAcknowledges()
    {
        const HttpResult twiml = fetchTwiml(QStringLiteral("machine_end_beep"));
        QCOMPARE(twiml.status, 200);
        QVERIFY2(gatherOf(twiml.body).name.isEmpty(), "a machine is given no <Gather>");
        QCOMPARE(said(twiml.body),
                 QStringList{VoicePrompts::Voicemail.arg(QStringLiteral("Renew the certificate"))});
        QVERIFY(twiml.body.contains("<Hangup/>"));
        QCOMPARE(field("outcome"), QStringLiteral("not_acknowledged"));
        QCOMPARE(field("reason"), QStringLiteral("voicemail"));
        QCOMPARE(field("answered_by"), QStringLiteral("machine_end_beep"));
        // A "1" the call sends later (a tone on the recording) is not an acknowledgment.
        const QString path = QStringLiteral("/notifications/call/gather?task_title=Renew+the+"
                                            "certificate&round=1&heard=1");
        FormParams form = callForm(m_sid);
        form.append({QStringLiteral("Digits"), QStringLiteral("1")});
        QCOMPARE(postWebhook(path, form).body, VoicePrompts::gatherAnswer(false));
        QCOMPARE(sendStatus(QStringLiteral("completed"), 3).status, 200);
        QCOMPARE(field("outcome"), QStringLiteral("not_acknowledged"));
        QCOMPARE(field("reason"), QStringLiteral("voicemail"));
    }

    void aMachineNamedFirstByAStatusCallbackIsNotAcknowledgedAtOnce()
    {
        // Twilio's "answered" callback may carry AnsweredBy before the TwiML fetch does.
        FormParams form = statusForm(m_sid, QStringLiteral("in-progress"), 2);
        form.append({QStringLiteral("AnsweredBy"), QStringLiteral("machine_end_beep")});
        QCOMPARE(postWebhook(QStringLiteral("/notifications/call/status"), form).status, 200);
        QCOMPARE(field("outcome"), QStringLiteral("not_acknowledged"));
        QCOMPARE(field("reason"), QStringLiteral("voicemail"));
        QCOMPARE(field("answered_by"), QStringLiteral("machine_end_beep"));
        const HttpResult twiml = fetchTwiml(QStringLiteral("machine_end_beep"));
        QVERIFY(gatherOf(twiml.body).name.isEmpty());
        QCOMPARE(field("reason"), QStringLiteral("voicemail"));
    }

    void aFaxOrAGreetingStillPlayingIsHungUpOn_data()
    {
        QTest::addColumn<QString>("answeredBy");
        QTest::addColumn<QString>("reason");
        QTest::newRow("fax") << QStringLiteral("fax") << QStringLiteral("fax");
        QTest::newRow("machine_start")
            << QStringLiteral("machine_start") << QStringLiteral("voicemail");
    }
    void aFaxOrAGreetingStillPlayingIsHungUpOn()
    {
        QFETCH(QString, answeredBy);
        QFETCH(QString, reason);
        QCOMPARE(fetchTwiml(answeredBy).body, VoicePrompts::hangUp());
        QCOMPARE(field("reason"), reason);
        QCOMPARE(field("answered_by"), answeredBy);
    }

    void aPersonOrAnUnknownAnswerHearsTheMenu_data()
    {
        QTest::addColumn<QString>("answeredBy");
        QTest::newRow("human") << QStringLiteral("human");
        QTest::newRow("unknown") << QStringLiteral("unknown");
    }
    void aPersonOrAnUnknownAnswerHearsTheMenu()
    {
        QFETCH(QString, answeredBy);
        const HttpResult twiml = fetchTwiml(answeredBy);
        QCOMPARE(said(twiml.body), QStringList{taskSentence()});
        QCOMPARE(field("answered_by"), answeredBy);
        QCOMPARE(field("outcome"), QStringLiteral("pending"));
        QCOMPARE(press(twiml.body, QStringLiteral("1")).body, VoicePrompts::gatherAnswer(true));
        QCOMPARE(field("outcome"), QStringLiteral("acknowledged"));
    }

    void finalStatusesGiveTheirReason_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("reason");
        QTest::newRow("busy") << QStringLiteral("busy") << QStringLiteral("busy");
        QTest::newRow("no-answer") << QStringLiteral("no-answer") << QStringLiteral("no_answer");
        QTest::newRow("failed") << QStringLiteral("failed") << QStringLiteral("failed");
        QTest::newRow("canceled") << QStringLiteral("canceled") << QStringLiteral("canceled");
        QTest::newRow("completed, nothing pressed")
            << QStringLiteral("completed") << QStringLiteral("no_input");
    }
    void finalStatusesGiveTheirReason()
    {
        QFETCH(QString, status);
        QFETCH(QString, reason);
        QCOMPARE(field("outcome"), QStringLiteral("pending"));
        QCOMPARE(sendStatus(status, 2).status, 200);
        QCOMPARE(field("outcome"), QStringLiteral("not_acknowledged"));
        QCOMPARE(field("reason"), reason);
    }

    // Calls the store does not know: another desk's, one from Twilio's console, a reset store.
    void aSignedKeypressForAnUnknownCallIsAnsweredAndAdopted()
    {
        const QString sid = QStringLiteral("CA99999999999999999999999999999999");
        const QString path = QStringLiteral("/notifications/call/gather?task_title=Restart+the+"
                                            "router&task_id=R-9&round=1&heard=1");
        FormParams form = callForm(sid);
        form.append({QStringLiteral("Digits"), QStringLiteral("1")});
        const HttpResult answer = postWebhook(path, form);
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.body, VoicePrompts::gatherAnswer(true));
        const QJsonObject call = m_fixture->call(sid);
        QCOMPARE(call.value(QStringLiteral("origin")).toString(), QStringLiteral("adopted"));
        QCOMPARE(call.value(QStringLiteral("outcome")).toString(), QStringLiteral("acknowledged"));
        QCOMPARE(call.value(QStringLiteral("task_title")).toString(),
                 QStringLiteral("Restart the router"));
        QCOMPARE(call.value(QStringLiteral("task_id")).toString(), QStringLiteral("R-9"));
        QCOMPARE(call.value(QStringLiteral("to")).toString(), QStringLiteral("+14155551234"));
        // Durable before the answer: a second connection to the file sees it.
        auto store = CallStore::open(m_fixture->engine().storePath());
        QVERIFY(store.ok());
        const auto stored = store.value()->call(sid);
        QVERIFY(stored.ok() && stored.value().has_value());
        QCOMPARE(stored.value()->outcome, CallOutcome::Acknowledged);
        QVERIFY(!stored.value()->placedHere);
    }

    void aSignedStatusOrTwimlRequestForAnUnknownCallIsAnsweredAndAdopted()
    {
        const QString sid = QStringLiteral("CA88888888888888888888888888888888");
        const HttpResult status = sendStatus(QStringLiteral("ringing"), 1, sid);
        QCOMPARE(status.status, 200);
        QCOMPARE(status.json().value(QStringLiteral("result")).toString(),
                 QStringLiteral("applied"));
        QCOMPARE(m_fixture->call(sid).value(QStringLiteral("origin")).toString(),
                 QStringLiteral("adopted"));
        QCOMPARE(m_fixture->call(sid).value(QStringLiteral("status")).toString(),
                 QStringLiteral("ringing"));

        const QString other = QStringLiteral("CA77777777777777777777777777777777");
        const HttpResult twiml = fetchTwiml(QStringLiteral("human"), other);
        QCOMPARE(said(twiml.body), QStringList{taskSentence()});
        QCOMPARE(m_fixture->call(other).value(QStringLiteral("task_title")).toString(),
                 QStringLiteral("Renew the certificate"));
        QCOMPARE(m_fixture->call(other).value(QStringLiteral("answered_by")).toString(),
                 QStringLiteral("human"));
    }

    void anUnsignedWebhookForAnUnknownCallIs403AndAddsNothing()
    {
        const QString sid = QStringLiteral("CA66666666666666666666666666666666");
        FormParams form = callForm(sid);
        form.append({QStringLiteral("Digits"), QStringLiteral("1")});
        const QString path = QStringLiteral("/notifications/call/gather?task_title=X");
        QCOMPARE(m_fixture->http
                     .post(m_fixture->url(path), FormEncoding::encode(form),
                           "application/x-www-form-urlencoded")
                     .status,
                 403);
        QCOMPARE(m_fixture->http
                     .postSignedForm(m_fixture->url(path), form, "wrong-token", PublicBase + path)
                     .status,
                 403);
        QCOMPARE(m_fixture->http.get(m_fixture->url(QStringLiteral("/notifications/call/") + sid))
                     .status,
                 404);
    }
};

QTEST_GUILESS_MAIN(TestWebhooks)
#include "TestWebhooks.moc"
