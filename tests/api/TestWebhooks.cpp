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
    QString statusCallback; // the last create's, as Twilio would call it
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

    void statusForAnUnknownCallIs404()
    {
        QCOMPARE(sendStatus(QStringLiteral("ringing"), 1,
                            QStringLiteral("CA99999999999999999999999999999999"))
                     .status,
                 404);
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

    void anyOtherKeyOrSilenceIsNoAcknowledgment()
    {
        QCOMPARE(sendGather(QString()).body, VoicePrompts::gatherAnswer(false));
        QCOMPARE(m_fixture->call(m_sid).value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("not_acknowledged"));
        QCOMPARE(sendGather(QStringLiteral("2")).body, VoicePrompts::gatherAnswer(false));
        // Twilio's retry of that keypress: nothing changes, and the answer is the same.
        QCOMPARE(sendGather(QStringLiteral("2")).body, VoicePrompts::gatherAnswer(false));
        // A later "1" still acknowledges; an acknowledgment is never taken back.
        QCOMPARE(sendGather(QStringLiteral("1")).body, VoicePrompts::gatherAnswer(true));
        QCOMPARE(sendGather(QStringLiteral("3")).body, VoicePrompts::gatherAnswer(true));
        QCOMPARE(m_fixture->call(m_sid).value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("acknowledged"));
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
                 PublicBase + QStringLiteral("/notifications/call/gather?task_id=T-1"));
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
};

QTEST_GUILESS_MAIN(TestWebhooks)
#include "TestWebhooks.moc"
