// Tests the Twilio simulator over real HTTP on loopback: its REST API as TwilioClient meets it,
// and its webhooks as an app meets them, every one signature-checked by the app's ApiServer.
#include "WebhookReceiver.h"

#include "api/ApiServer.h"
#include "calls/CallStatus.h"
#include "simulator/ScriptedNumbers.h"
#include "simulator/TwilioSimulator.h"
#include "twilio/SignatureValidator.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace flux;
using namespace flux::test;

namespace {

// Simulated time runs 20 times faster: a 2 s ring takes 100 ms.
constexpr double Speed = 20.0;
constexpr int WaitMs = 8000;
// A simulated second or so: long enough for anything still due to happen.
constexpr int SimulatedTimeSlackMs = 2000;

const QString Prompt = QStringLiteral("Press 1 to acknowledge.");
const QString Thanks = QStringLiteral("Thank you.");
const QString AnyPerson = QStringLiteral("+14155550123");

QByteArray gatherDocument(const QString &attributes, const QString &after = {})
{
    return QStringLiteral(
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Gather %1><Say>%2</Say>"
               "</Gather>%3</Response>")
        .arg(attributes, Prompt, after)
        .toUtf8();
}

struct Answer
{
    int status = 0;
    QJsonObject json;
    QJsonArray array;
};

bool isRfc2822(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral(
        "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
        "\\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000$"));
    const QDateTime parsed = QDateTime::fromString(text, Qt::RFC2822Date);
    return shape.match(text).hasMatch() && parsed.isValid() &&
           qAbs(parsed.secsTo(QDateTime::currentDateTimeUtc())) < 120;
}

} // namespace

class TestTwilioSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void startMakesUpTwilioShapedCredentials();
    void requestsWithoutTheAccountsCredentialsAreRefused();
    void createRejectsBadParametersWithTwiliosCodes_data();
    void createRejectsBadParametersWithTwiliosCodes();
    void createAnswersAQueuedOutboundCallShapedAsTwilios();
    void numberThatPressesOneSendsEveryCallbackInSequenceAndDigitOne();
    void silentNumberReachesTheActionWithEmptyDigitsWhenAskedTo();
    void silentNumberFallsThroughToTheNextVerbOtherwise();
    void unansweredNumbersEndWithTheirStatusWithoutFetchingTheUrl_data();
    void unansweredNumbersEndWithTheirStatusWithoutFetchingTheUrl();
    void numberThatPressesTwoSendsDigitTwo();
    void withoutEventsOnlyTheCompletedCallbackIsSentAsNumberZero();
    void keysPressedThroughTheControlApiReachTheAction();
    void finishOnKeyEndsAGatherWithoutNumDigits();
    void cancelingARingingCallSendsTheCanceledCallback();
    void completingAnAnsweredCallEndsItWithItsDuration();
    void fetchingAnUnknownCallAnswers404();
    void twimlThatCannotRunEndsTheCallWithAnError_data();
    void twimlThatCannotRunEndsTheCallWithAnError();
    void aWebhookThatNeverAnswersEndsTheCallAfterTwiliosWait();
    void redirectFetchesTheNextDocumentAfterThePause();
    void inlineTwimlRunsWithoutAUrl();
    void destroyingTheSimulatorMidCallStopsAllRequests();
    void anEndedCallStaysWholeUntilItsLastCallbackIsAnsweredThenReadsTheSame();
    void beyondTheEndedCallsKeptTheOneThatEndedFirstIsForgotten();

private:
    // A fresh simulator (and app, which needs its token) keeping `endedCallsKept` ended calls.
    void restartKeeping(int endedCallsKept);
    Answer send(const QByteArray &verb, const QString &path, const QByteArray &body = {},
                const QByteArray &contentType = "application/x-www-form-urlencoded",
                bool authorized = true);
    QString accountPath() const
    {
        return QStringLiteral("/2010-04-01/Accounts/%1").arg(m_sim->accountSid());
    }
    Answer createCall(const FormParams &form)
    {
        return send("POST", accountPath() + QStringLiteral("/Calls.json"),
                    FormEncoding::encode(form));
    }
    // To, From, Url (document `document`) and every status callback event.
    FormParams callForm(const QString &to, const QString &document) const;
    QString placeCall(const QString &to, const QString &document);
    QJsonObject simCall(const QString &sid);

    std::unique_ptr<TwilioSimulator> m_sim;
    std::unique_ptr<WebhookReceiver> m_app;
    QNetworkAccessManager m_network;
};

void TestTwilioSimulator::init()
{
    m_sim = std::make_unique<TwilioSimulator>(
        TwilioSimulator::Options{QHostAddress::LocalHost, 0, Speed});
    const auto started = m_sim->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error()));
    m_app = std::make_unique<WebhookReceiver>(m_sim->authToken());
    QVERIFY(m_app->server.port() != 0);
}

void TestTwilioSimulator::cleanup()
{
    m_sim.reset();
    if (m_app)
        QVERIFY2(m_app->rejected.isEmpty(), qPrintable(m_app->rejected.join(QLatin1Char('\n'))));
    m_app.reset();
}

Answer TestTwilioSimulator::send(const QByteArray &verb, const QString &path,
                                 const QByteArray &body, const QByteArray &contentType,
                                 bool authorized)
{
    QNetworkRequest request(QUrl(m_sim->baseUrl() + path));
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    request.setRawHeader("Accept", "application/json");
    if (authorized)
        request.setRawHeader(
            "Authorization",
            "Basic " +
                QByteArray(m_sim->accountSid().toLatin1() + ':' + m_sim->authToken()).toBase64());
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    Answer answer;
    if (!finished.wait(WaitMs)) {
        reply->deleteLater();
        return answer;
    }
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonDocument json = QJsonDocument::fromJson(reply->readAll());
    answer.json = json.object();
    answer.array = json.array();
    reply->deleteLater();
    return answer;
}

FormParams TestTwilioSimulator::callForm(const QString &to, const QString &document) const
{
    FormParams form{{QStringLiteral("To"), to},
                    {QStringLiteral("From"), m_sim->phoneNumber()},
                    {QStringLiteral("Url"), m_app->url(document)},
                    {QStringLiteral("StatusCallback"), m_app->url(QStringLiteral("status"))}};
    for (const char *event : {"initiated", "ringing", "answered", "completed"})
        form.append({QStringLiteral("StatusCallbackEvent"), QString::fromLatin1(event)});
    return form;
}

QString TestTwilioSimulator::placeCall(const QString &to, const QString &document)
{
    const Answer created = createCall(callForm(to, document));
    if (created.status != 201)
        qWarning() << "create answered" << created.status << created.json;
    return created.json.value(QStringLiteral("sid")).toString();
}

QJsonObject TestTwilioSimulator::simCall(const QString &sid)
{
    const Answer calls = send("GET", QStringLiteral("/sim/calls"), {}, {}, false);
    for (const QJsonValue &call : calls.array) {
        if (call[QStringLiteral("sid")].toString() == sid)
            return call.toObject();
    }
    return {};
}

void TestTwilioSimulator::startMakesUpTwilioShapedCredentials()
{
    QVERIFY(QRegularExpression(QStringLiteral("^AC[0-9a-f]{32}$"))
                .match(m_sim->accountSid())
                .hasMatch());
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$"))
                .match(QString::fromLatin1(m_sim->authToken()))
                .hasMatch());
    QVERIFY(QRegularExpression(QStringLiteral("^http://127\\.0\\.0\\.1:[1-9][0-9]*$"))
                .match(m_sim->baseUrl())
                .hasMatch());
    TwilioSimulator other(TwilioSimulator::Options{});
    QVERIFY(other.start().ok());
    QVERIFY(other.accountSid() != m_sim->accountSid());
    QVERIFY(other.authToken() != m_sim->authToken());
}

void TestTwilioSimulator::requestsWithoutTheAccountsCredentialsAreRefused()
{
    const QByteArray form = FormEncoding::encode(callForm(AnyPerson, QStringLiteral("prompt")));
    const QString calls = accountPath() + QStringLiteral("/Calls.json");

    const Answer anonymous = send("POST", calls, form, "application/x-www-form-urlencoded", false);
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(anonymous.json.value(QStringLiteral("code")).toInt(), 20003);
    QCOMPARE(anonymous.json.value(QStringLiteral("status")).toInt(), 401);

    QNetworkRequest wrongToken(QUrl(m_sim->baseUrl() + calls));
    wrongToken.setHeader(QNetworkRequest::ContentTypeHeader,
                         QByteArrayLiteral("application/x-www-form-urlencoded"));
    wrongToken.setRawHeader(
        "Authorization",
        "Basic " + QByteArray(m_sim->accountSid().toLatin1() + ":0123456789abcdef0123456789abcdef")
                       .toBase64());
    QNetworkReply *reply = m_network.post(wrongToken, form);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(WaitMs));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
    QCOMPARE(
        QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("code")).toInt(),
        20003);
    reply->deleteLater();

    // Right credentials, someone else's account in the path.
    const Answer otherAccount = send(
        "POST",
        QStringLiteral("/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json"), form);
    QCOMPARE(otherAccount.status, 401);
    QCOMPARE(otherAccount.json.value(QStringLiteral("code")).toInt(), 20003);
    QVERIFY(m_sim->callsJson().isEmpty());
}

void TestTwilioSimulator::createRejectsBadParametersWithTwiliosCodes_data()
{
    QTest::addColumn<QString>("drop");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("from");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing To") << "To"
                                << ""
                                << "" << 21201 << "";
    QTest::newRow("To not E.164") << ""
                                  << "415-555-0123"
                                  << "" << 21211
                                  << "The 'To' number 415-555-0123 is not a valid phone number.";
    QTest::newRow("missing From") << "From"
                                  << ""
                                  << "" << 21213 << "";
    QTest::newRow("From not owned") << ""
                                    << ""
                                    << "+14155550199" << 21210 << "";
    QTest::newRow("no Url or Twiml") << "Url"
                                     << ""
                                     << "" << 21205 << "Url parameter is required.";
}

void TestTwilioSimulator::createRejectsBadParametersWithTwiliosCodes()
{
    QFETCH(QString, drop);
    QFETCH(QString, to);
    QFETCH(QString, from);
    QFETCH(int, code);
    QFETCH(QString, message);
    FormParams form;
    for (const auto &[key, value] : callForm(AnyPerson, QStringLiteral("prompt"))) {
        if (key == drop)
            continue;
        if (key == QLatin1String("To") && !to.isEmpty())
            form.append({key, to});
        else if (key == QLatin1String("From") && !from.isEmpty())
            form.append({key, from});
        else
            form.append({key, value});
    }
    const Answer answer = createCall(form);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.json.value(QStringLiteral("code")).toInt(), code);
    QCOMPARE(answer.json.value(QStringLiteral("status")).toInt(), 400);
    QCOMPARE(answer.json.value(QStringLiteral("more_info")).toString(),
             QStringLiteral("https://www.twilio.com/docs/errors/%1").arg(code));
    QVERIFY(!answer.json.value(QStringLiteral("message")).toString().isEmpty());
    if (!message.isEmpty())
        QCOMPARE(answer.json.value(QStringLiteral("message")).toString(), message);
    QVERIFY(m_sim->callsJson().isEmpty());
}

void TestTwilioSimulator::createAnswersAQueuedOutboundCallShapedAsTwilios()
{
    const Answer created = createCall(callForm(AnyPerson, QStringLiteral("prompt")));
    QCOMPARE(created.status, 201);
    const QJsonObject call = created.json;
    const QString sid = call.value(QStringLiteral("sid")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^CA[0-9a-f]{32}$")).match(sid).hasMatch(),
             qPrintable(sid));
    QCOMPARE(call.value(QStringLiteral("status")).toString(), CallStatus::Queued);
    QCOMPARE(call.value(QStringLiteral("direction")).toString(), QStringLiteral("outbound-api"));
    QCOMPARE(call.value(QStringLiteral("api_version")).toString(), QStringLiteral("2010-04-01"));
    QCOMPARE(call.value(QStringLiteral("account_sid")).toString(), m_sim->accountSid());
    QCOMPARE(call.value(QStringLiteral("to")).toString(), AnyPerson);
    QCOMPARE(call.value(QStringLiteral("from")).toString(), m_sim->phoneNumber());
    QVERIFY2(isRfc2822(call.value(QStringLiteral("date_created")).toString()),
             qPrintable(call.value(QStringLiteral("date_created")).toString()));
    QVERIFY(isRfc2822(call.value(QStringLiteral("date_updated")).toString()));
    QVERIFY(call.value(QStringLiteral("start_time")).isNull());
    QVERIFY(call.value(QStringLiteral("end_time")).isNull());
    QVERIFY(call.value(QStringLiteral("duration")).isNull());
    QCOMPARE(call.value(QStringLiteral("uri")).toString(),
             accountPath() + QStringLiteral("/Calls/%1.json").arg(sid));

    QFile example(QStringLiteral(FLUX_TEST_DATA_DIR "/call_resource_example_create.json"));
    QVERIFY(example.open(QIODevice::ReadOnly));
    const QJsonObject twilios = QJsonDocument::fromJson(example.readAll()).object();
    QVERIFY(!twilios.isEmpty());
    for (const QString &key : twilios.keys())
        QVERIFY2(call.contains(key), qPrintable(key));
    // The same URIs as Twilio's, with this account's and this call's sids in them.
    const QJsonObject twiliosUris = twilios.value(QStringLiteral("subresource_uris")).toObject();
    const QJsonObject uris = call.value(QStringLiteral("subresource_uris")).toObject();
    QCOMPARE(uris.keys(), twiliosUris.keys());
    for (const QString &key : twiliosUris.keys())
        QCOMPARE(uris.value(key).toString(),
                 twiliosUris.value(key)
                     .toString()
                     .replace(twilios.value(QStringLiteral("account_sid")).toString(),
                              m_sim->accountSid())
                     .replace(twilios.value(QStringLiteral("sid")).toString(), sid));

    const Answer fetched = send("GET", accountPath() + QStringLiteral("/Calls/%1.json").arg(sid));
    QCOMPARE(fetched.status, 200);
    QCOMPARE(fetched.json.value(QStringLiteral("sid")).toString(), sid);
}

void TestTwilioSimulator::numberThatPressesOneSendsEveryCallbackInSequenceAndDigitOne()
{
    // A relative action resolves against the document's URL, as Twilio resolves it.
    m_app->documents.insert(
        QStringLiteral("prompt"),
        gatherDocument(QStringLiteral("input=\"dtmf\" numDigits=\"1\" timeout=\"10\" "
                                      "action=\"gather\" actionOnEmptyResult=\"true\"")));
    m_app->documents.insert(
        QStringLiteral("gather"),
        QStringLiteral("<Response><Say>%1</Say><Hangup/></Response>").arg(Thanks).toUtf8());
    const QString sid = placeCall(ScriptedNumbers::PressesOne, QStringLiteral("prompt"));
    QVERIFY(!sid.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Completed, WaitMs);

    const QList<Hit> callbacks = m_app->statusCallbacks(sid);
    QCOMPARE(callbacks.size(), 4);
    const QStringList expected{CallStatus::Initiated, CallStatus::Ringing, CallStatus::InProgress,
                               CallStatus::Completed};
    for (int i = 0; i < callbacks.size(); ++i) {
        const Hit &callback = callbacks.at(i);
        QCOMPARE(callback.method, QByteArray("POST"));
        QCOMPARE(callback.value(QStringLiteral("SequenceNumber")), QString::number(i));
        QCOMPARE(callback.value(QStringLiteral("CallStatus")), expected.at(i));
        QCOMPARE(callback.value(QStringLiteral("AccountSid")), m_sim->accountSid());
        QCOMPARE(callback.value(QStringLiteral("To")), ScriptedNumbers::PressesOne);
        QCOMPARE(callback.value(QStringLiteral("Called")), ScriptedNumbers::PressesOne);
        QCOMPARE(callback.value(QStringLiteral("From")), m_sim->phoneNumber());
        QCOMPARE(callback.value(QStringLiteral("Caller")), m_sim->phoneNumber());
        QCOMPARE(callback.value(QStringLiteral("Direction")), QStringLiteral("outbound-api"));
        QCOMPARE(callback.value(QStringLiteral("ApiVersion")), QStringLiteral("2010-04-01"));
        QCOMPARE(callback.value(QStringLiteral("CallbackSource")),
                 QStringLiteral("call-progress-events"));
        QVERIFY2(isRfc2822(callback.value(QStringLiteral("Timestamp"))),
                 qPrintable(callback.value(QStringLiteral("Timestamp"))));
        QCOMPARE(FormEncoding::contains(callback.params, QStringLiteral("CallDuration")), i == 3);
    }
    bool durationIsNumber = false;
    QVERIFY(callbacks.last().value(QStringLiteral("CallDuration")).toInt(&durationIsNumber) >= 0);
    QVERIFY(durationIsNumber);

    const QList<Hit> voice = m_app->hitsOf(QStringLiteral("prompt"), sid);
    QCOMPARE(voice.size(), 1);
    QCOMPARE(voice.first().method, QByteArray("POST"));
    QCOMPARE(voice.first().value(QStringLiteral("CallStatus")), CallStatus::InProgress);
    QCOMPARE(voice.first().value(QStringLiteral("Direction")), QStringLiteral("outbound-api"));
    QCOMPARE(voice.first().value(QStringLiteral("To")), ScriptedNumbers::PressesOne);
    const QList<Hit> gather = m_app->hitsOf(QStringLiteral("gather"), sid);
    QCOMPARE(gather.size(), 1);
    QCOMPARE(gather.first().value(QStringLiteral("Digits")), QStringLiteral("1"));

    const QJsonObject call = simCall(sid);
    QCOMPARE(call.value(QStringLiteral("status")).toString(), CallStatus::Completed);
    QCOMPARE(call.value(QStringLiteral("digits")).toString(), QStringLiteral("1"));
    QCOMPARE(call.value(QStringLiteral("transcript")).toArray(), QJsonArray({Prompt, Thanks}));
    QVERIFY(call.value(QStringLiteral("error")).isNull());
    QVERIFY(!call.value(QStringLiteral("listening")).toBool());
}

void TestTwilioSimulator::silentNumberReachesTheActionWithEmptyDigitsWhenAskedTo()
{
    m_app->documents.insert(
        QStringLiteral("prompt"),
        gatherDocument(QStringLiteral("numDigits=\"1\" timeout=\"2\" action=\"%1\" "
                                      "actionOnEmptyResult=\"true\"")
                           .arg(m_app->url(QStringLiteral("gather")))));
    m_app->documents.insert(QStringLiteral("gather"), "<Response><Hangup/></Response>");
    const QString sid = placeCall(ScriptedNumbers::Silent, QStringLiteral("prompt"));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Completed, WaitMs);
    const QList<Hit> gather = m_app->hitsOf(QStringLiteral("gather"), sid);
    QCOMPARE(gather.size(), 1);
    QVERIFY(FormEncoding::contains(gather.first().params, QStringLiteral("Digits")));
    QCOMPARE(gather.first().value(QStringLiteral("Digits")), QString());
    QCOMPARE(simCall(sid).value(QStringLiteral("digits")).toString(), QString());
}

void TestTwilioSimulator::silentNumberFallsThroughToTheNextVerbOtherwise()
{
    const QString fallback = QStringLiteral("We did not hear from you.");
    m_app->documents.insert(
        QStringLiteral("prompt"),
        gatherDocument(QStringLiteral("numDigits=\"1\" timeout=\"2\" action=\"gather\""),
                       QStringLiteral("<Say>%1</Say>").arg(fallback)));
    m_app->documents.insert(QStringLiteral("gather"), "<Response><Hangup/></Response>");
    const QString sid = placeCall(ScriptedNumbers::Silent, QStringLiteral("prompt"));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Completed, WaitMs);
    QVERIFY(m_app->hitsOf(QStringLiteral("gather"), sid).isEmpty());
    QCOMPARE(simCall(sid).value(QStringLiteral("transcript")).toArray(),
             QJsonArray({Prompt, fallback}));
}

void TestTwilioSimulator::unansweredNumbersEndWithTheirStatusWithoutFetchingTheUrl_data()
{
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("rings");
    QTest::newRow("busy") << ScriptedNumbers::Busy << CallStatus::Busy << false;
    QTest::newRow("no-answer") << ScriptedNumbers::NeverAnswers << CallStatus::NoAnswer << true;
    QTest::newRow("failed") << ScriptedNumbers::Fails << CallStatus::Failed << false;
}

void TestTwilioSimulator::unansweredNumbersEndWithTheirStatusWithoutFetchingTheUrl()
{
    QFETCH(QString, to);
    QFETCH(QString, status);
    QFETCH(bool, rings);
    m_app->documents.insert(QStringLiteral("prompt"),
                            gatherDocument(QStringLiteral("numDigits=\"1\"")));
    FormParams form = callForm(to, QStringLiteral("prompt"));
    form.append({QStringLiteral("Timeout"), QStringLiteral("5")}); // rings 250 ms at this speed
    const Answer created = createCall(form);
    QCOMPARE(created.status, 201);
    const QString sid = created.json.value(QStringLiteral("sid")).toString();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), status, WaitMs);

    const QList<Hit> callbacks = m_app->statusCallbacks(sid);
    QStringList statuses;
    for (const Hit &callback : callbacks)
        statuses.append(callback.value(QStringLiteral("CallStatus")));
    const QStringList expected =
        rings ? QStringList{CallStatus::Initiated, CallStatus::Ringing, status}
              : QStringList{CallStatus::Initiated, status};
    QCOMPARE(statuses, expected);
    QCOMPARE(callbacks.last().value(QStringLiteral("CallDuration")), QStringLiteral("0"));
    QVERIFY(m_app->hitsOf(QStringLiteral("prompt"), sid).isEmpty());

    const Answer fetched = send("GET", accountPath() + QStringLiteral("/Calls/%1.json").arg(sid));
    QCOMPARE(fetched.json.value(QStringLiteral("status")).toString(), status);
    QVERIFY(isRfc2822(fetched.json.value(QStringLiteral("end_time")).toString()));
}

void TestTwilioSimulator::numberThatPressesTwoSendsDigitTwo()
{
    m_app->documents.insert(
        QStringLiteral("prompt"),
        gatherDocument(QStringLiteral("numDigits=\"1\" timeout=\"10\" action=\"gather\"")));
    m_app->documents.insert(QStringLiteral("gather"), "<Response><Hangup/></Response>");
    const QString sid = placeCall(ScriptedNumbers::PressesTwo, QStringLiteral("prompt"));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Completed, WaitMs);
    const QList<Hit> gather = m_app->hitsOf(QStringLiteral("gather"), sid);
    QCOMPARE(gather.size(), 1);
    QCOMPARE(gather.first().value(QStringLiteral("Digits")), QStringLiteral("2"));
}

void TestTwilioSimulator::withoutEventsOnlyTheCompletedCallbackIsSentAsNumberZero()
{
    FormParams form = callForm(ScriptedNumbers::Busy, QStringLiteral("prompt"));
    form.removeIf(
        [](const auto &pair) { return pair.first == QLatin1String("StatusCallbackEvent"); });
    const Answer created = createCall(form);
    QCOMPARE(created.status, 201);
    const QString sid = created.json.value(QStringLiteral("sid")).toString();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Busy, WaitMs);
    QTest::qWait(int(SimulatedTimeSlackMs / Speed)); // room for a stray callback to show up
    const QList<Hit> callbacks = m_app->statusCallbacks(sid);
    QCOMPARE(callbacks.size(), 1);
    QCOMPARE(callbacks.first().value(QStringLiteral("SequenceNumber")), QStringLiteral("0"));
    QCOMPARE(callbacks.first().value(QStringLiteral("CallDuration")), QStringLiteral("0"));
    QVERIFY(FormEncoding::contains(callbacks.first().params, QStringLiteral("Duration")));
}

void TestTwilioSimulator::keysPressedThroughTheControlApiReachTheAction()
{
    // A person at a keypad has as long as they need: 60 s, 3 s at this speed.
    m_app->documents.insert(
        QStringLiteral("prompt"),
        gatherDocument(QStringLiteral("numDigits=\"1\" timeout=\"60\" action=\"gather\"")));
    m_app->documents.insert(QStringLiteral("gather"), "<Response><Hangup/></Response>");
    const QString sid = placeCall(AnyPerson, QStringLiteral("prompt"));
    const QString digitsPath = QStringLiteral("/sim/calls/%1/digits").arg(sid);

    const Answer unknown = send("POST", QStringLiteral("/sim/calls/CA0123/digits"), "Digits=1",
                                "application/x-www-form-urlencoded", false);
    QCOMPARE(unknown.status, 404);
    const Answer bad =
        send("POST", digitsPath, "Digits=1a", "application/x-www-form-urlencoded", false);
    QCOMPARE(bad.status, 422);

    QTRY_VERIFY_WITH_TIMEOUT(simCall(sid).value(QStringLiteral("listening")).toBool(), WaitMs);
    QVERIFY(
        m_app->hitsOf(QStringLiteral("gather"), sid).isEmpty()); // a person presses nothing alone
    const Answer pressed = send("POST", digitsPath, R"({"digits":"1"})", "application/json", false);
    QCOMPARE(pressed.status, 200);
    QCOMPARE(pressed.json.value(QStringLiteral("sid")).toString(), sid);
    QCOMPARE(pressed.json.value(QStringLiteral("digits")).toString(), QStringLiteral("1"));
    QCOMPARE(pressed.json.value(QStringLiteral("listening")).toBool(), false);

    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Completed, WaitMs);
    const QList<Hit> gather = m_app->hitsOf(QStringLiteral("gather"), sid);
    QCOMPARE(gather.size(), 1);
    QCOMPARE(gather.first().value(QStringLiteral("Digits")), QStringLiteral("1"));

    const Answer late =
        send("POST", digitsPath, "Digits=1", "application/x-www-form-urlencoded", false);
    QCOMPARE(late.status, 409); // the call is over: nothing listens
    QVERIFY(!m_sim->pressDigits(sid, QStringLiteral("1")));
}

void TestTwilioSimulator::finishOnKeyEndsAGatherWithoutNumDigits()
{
    m_app->documents.insert(QStringLiteral("prompt"),
                            gatherDocument(QStringLiteral("timeout=\"60\" action=\"gather\"")));
    m_app->documents.insert(QStringLiteral("gather"), "<Response><Hangup/></Response>");
    const QString sid = placeCall(AnyPerson, QStringLiteral("prompt"));
    QTRY_VERIFY_WITH_TIMEOUT(simCall(sid).value(QStringLiteral("listening")).toBool(), WaitMs);
    QVERIFY(!m_sim->pressDigits(sid, QStringLiteral("4x")));
    QVERIFY(m_sim->pressDigits(sid, QStringLiteral("42#7")));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Completed, WaitMs);
    const QList<Hit> gather = m_app->hitsOf(QStringLiteral("gather"), sid);
    QCOMPARE(gather.size(), 1);
    QCOMPARE(gather.first().value(QStringLiteral("Digits")), QStringLiteral("42"));
    QCOMPARE(gather.first().value(QStringLiteral("FinishedOnKey")), QStringLiteral("#"));
}

void TestTwilioSimulator::cancelingARingingCallSendsTheCanceledCallback()
{
    m_app->documents.insert(QStringLiteral("prompt"),
                            gatherDocument(QStringLiteral("numDigits=\"1\"")));
    const QString sid = placeCall(ScriptedNumbers::NeverAnswers, QStringLiteral("prompt"));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->statusCallbacks(sid).size(), 2, WaitMs);
    QCOMPARE(m_app->statusCallbacks(sid).last().value(QStringLiteral("CallStatus")),
             CallStatus::Ringing);

    const QString callPath = accountPath() + QStringLiteral("/Calls/%1.json").arg(sid);
    const Answer canceled = send("POST", callPath, "Status=canceled");
    QCOMPARE(canceled.status, 200);
    QCOMPARE(canceled.json.value(QStringLiteral("status")).toString(), CallStatus::Canceled);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Canceled, WaitMs);
    QCOMPARE(m_app->statusCallbacks(sid).last().value(QStringLiteral("SequenceNumber")),
             QStringLiteral("2"));

    const Answer again = send("POST", callPath, "Status=canceled");
    QCOMPARE(again.status, 400);
    QCOMPARE(again.json.value(QStringLiteral("code")).toInt(), 21220);
    QVERIFY(m_app->hitsOf(QStringLiteral("prompt"), sid).isEmpty());
}

void TestTwilioSimulator::completingAnAnsweredCallEndsItWithItsDuration()
{
    m_app->documents.insert(
        QStringLiteral("prompt"),
        gatherDocument(QStringLiteral("numDigits=\"1\" timeout=\"60\" action=\"gather\"")));
    const QString sid = placeCall(AnyPerson, QStringLiteral("prompt"));
    QTRY_VERIFY_WITH_TIMEOUT(simCall(sid).value(QStringLiteral("listening")).toBool(), WaitMs);
    const QString callPath = accountPath() + QStringLiteral("/Calls/%1.json").arg(sid);

    const Answer cancel = send("POST", callPath, "Status=canceled");
    QCOMPARE(cancel.status, 400); // canceled is only for calls not yet answered
    QCOMPARE(cancel.json.value(QStringLiteral("code")).toInt(), 21220);

    const Answer completed = send("POST", callPath, "Status=completed");
    QCOMPARE(completed.status, 200);
    QCOMPARE(completed.json.value(QStringLiteral("status")).toString(), CallStatus::Completed);
    QVERIFY(!completed.json.value(QStringLiteral("duration")).toString().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Completed, WaitMs);
    QVERIFY(!simCall(sid).value(QStringLiteral("listening")).toBool());
    QVERIFY(!m_sim->pressDigits(sid, QStringLiteral("1")));
}

void TestTwilioSimulator::fetchingAnUnknownCallAnswers404()
{
    const QString path =
        accountPath() + QStringLiteral("/Calls/CA0123456789abcdef0123456789abcdef.json");
    const Answer fetched = send("GET", path);
    QCOMPARE(fetched.status, 404);
    QCOMPARE(fetched.json.value(QStringLiteral("code")).toInt(), 20404);
    QCOMPARE(fetched.json.value(QStringLiteral("status")).toInt(), 404);
    const Answer updated = send("POST", path, "Status=completed");
    QCOMPARE(updated.status, 404);
    QCOMPARE(updated.json.value(QStringLiteral("code")).toInt(), 20404);
}

void TestTwilioSimulator::twimlThatCannotRunEndsTheCallWithAnError_data()
{
    QTest::addColumn<QByteArray>("document"); // empty: the app answers HTTP 500
    QTest::addColumn<QString>("errorCode");
    QTest::newRow("malformed XML") << QByteArray("<Response><Say>Hello</Response>") << "12100";
    QTest::newRow("not TwiML") << QByteArray("<html><body>Hello</body></html>") << "12100";
    QTest::newRow("HTTP 500") << QByteArray() << "11200";
    QTest::newRow("unknown verb") << QByteArray("<Response><Dial>+14155550100</Dial></Response>")
                                  << "12200";
}

void TestTwilioSimulator::twimlThatCannotRunEndsTheCallWithAnError()
{
    QFETCH(QByteArray, document);
    QFETCH(QString, errorCode);
    if (!document.isEmpty())
        m_app->documents.insert(QStringLiteral("prompt"), document);
    QTest::ignoreMessage(
        QtWarningMsg,
        QRegularExpression(QStringLiteral("ends on an application error: ") + errorCode));
    const QString sid = placeCall(ScriptedNumbers::PressesOne, QStringLiteral("prompt"));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Completed, WaitMs);
    QCOMPARE(m_app->hitsOf(QStringLiteral("prompt"), sid).size(), 1);
    const QJsonObject call = simCall(sid);
    QCOMPARE(call.value(QStringLiteral("status")).toString(), CallStatus::Completed);
    const QString error = call.value(QStringLiteral("error")).toString();
    QVERIFY2(error.startsWith(errorCode), qPrintable(error));
    QVERIFY(!call.value(QStringLiteral("transcript")).toArray().contains(QStringLiteral("Hello")));
}

void TestTwilioSimulator::aWebhookThatNeverAnswersEndsTheCallAfterTwiliosWait()
{
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("did not answer within")));
    const QString sid = placeCall(AnyPerson, QStringLiteral("slow"));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->hitsOf(QStringLiteral("slow"), sid).size(), 1, WaitMs);
    QElapsedTimer waited;
    waited.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Completed, WaitMs);
    // Twilio's 15 s, scaled, but never under the simulator's floor for a busy host.
    QVERIFY(waited.elapsed() >= 15000 / Speed);
    const QString error = simCall(sid).value(QStringLiteral("error")).toString();
    QVERIFY2(error.startsWith(QStringLiteral("11200")), qPrintable(error));
}

void TestTwilioSimulator::redirectFetchesTheNextDocumentAfterThePause()
{
    // The pause is 2 s: 100 ms at this speed. The second document is fetched with GET, so its
    // parameters travel in the signed query.
    m_app->documents.insert(
        QStringLiteral("first"),
        "<Response><Say>One</Say><Pause length=\"2\"/>"
        "<Redirect method=\"GET\">second?step=2</Redirect><Say>Never</Say></Response>");
    m_app->documents.insert(QStringLiteral("second"), "<Response><Say>Two</Say></Response>");
    const QString sid = placeCall(AnyPerson, QStringLiteral("first"));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Completed, WaitMs);

    const QList<Hit> first = m_app->hitsOf(QStringLiteral("first"), sid);
    const QList<Hit> second = m_app->hitsOf(QStringLiteral("second"), sid);
    QCOMPARE(first.size(), 1);
    QCOMPARE(second.size(), 1);
    QCOMPARE(second.first().method, QByteArray("GET"));
    QCOMPARE(second.first().value(QStringLiteral("step")), QStringLiteral("2"));
    QCOMPARE(second.first().value(QStringLiteral("CallStatus")), CallStatus::InProgress);
    const qint64 pauseMs = qint64(2000 / Speed);
    QVERIFY2(second.first().atMs - first.first().atMs >= pauseMs * 9 / 10,
             qPrintable(QString::number(second.first().atMs - first.first().atMs)));
    const QJsonObject call = simCall(sid);
    QCOMPARE(call.value(QStringLiteral("transcript")).toArray(),
             QJsonArray({QStringLiteral("One"), QStringLiteral("Two")}));
    QVERIFY(call.value(QStringLiteral("error")).isNull());
}

void TestTwilioSimulator::inlineTwimlRunsWithoutAUrl()
{
    FormParams form = callForm(AnyPerson, QStringLiteral("unused"));
    form.removeIf([](const auto &pair) { return pair.first == QLatin1String("Url"); });
    form.append(
        {QStringLiteral("Twiml"), QStringLiteral("<Response><Say>Inline</Say></Response>")});
    const Answer created = createCall(form);
    QCOMPARE(created.status, 201);
    const QString sid = created.json.value(QStringLiteral("sid")).toString();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Completed, WaitMs);
    QCOMPARE(simCall(sid).value(QStringLiteral("transcript")).toArray(),
             QJsonArray({QStringLiteral("Inline")}));
    QVERIFY(m_app->hitsOf(QStringLiteral("unused"), sid).isEmpty());
}

void TestTwilioSimulator::destroyingTheSimulatorMidCallStopsAllRequests()
{
    // One call waits on a TwiML request the app has not answered yet, another is ringing.
    const QString fetching = placeCall(AnyPerson, QStringLiteral("slow"));
    const QString ringing = placeCall(ScriptedNumbers::NeverAnswers, QStringLiteral("prompt"));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->hitsOf(QStringLiteral("slow"), fetching).size(), 1, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->statusCallbacks(fetching).size(), 3, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->statusCallbacks(ringing).size(), 2, WaitMs);
    const qsizetype seen = m_app->hits.size();

    m_sim.reset();
    m_app->held.first().send(HttpResponse::twiml("<Response><Say>Too late</Say></Response>"));
    QTest::qWait(int(SimulatedTimeSlackMs / Speed) + 100);
    QCOMPARE(m_app->hits.size(), seen);
    QVERIFY(m_app->finalStatus(fetching).isEmpty());
    QVERIFY(m_app->finalStatus(ringing).isEmpty());
}

void TestTwilioSimulator::restartKeeping(int endedCallsKept)
{
    m_sim.reset();
    m_sim = std::make_unique<TwilioSimulator>(
        TwilioSimulator::Options{QHostAddress::LocalHost, 0, Speed, false, {}, endedCallsKept});
    QVERIFY(m_sim->start().ok());
    m_app = std::make_unique<WebhookReceiver>(m_sim->authToken());
}

void TestTwilioSimulator::anEndedCallStaysWholeUntilItsLastCallbackIsAnsweredThenReadsTheSame()
{
    // The app holds both status callbacks of a busy call (initiated, busy) unanswered.
    FormParams form = callForm(ScriptedNumbers::Busy, QStringLiteral("prompt"));
    form.removeIf([](const auto &pair) { return pair.first == QLatin1String("StatusCallback"); });
    form.append({QStringLiteral("StatusCallback"), m_app->url(QStringLiteral("slow"))});
    const Answer created = createCall(form);
    QCOMPARE(created.status, 201);
    const QString sid = created.json.value(QStringLiteral("sid")).toString();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->hitsOf(QStringLiteral("slow"), sid).size(), 2, WaitMs);
    QTest::qWait(50); // room for the call to be retired, were it retired too early
    const QString callPath = accountPath() + QStringLiteral("/Calls/%1.json").arg(sid);
    const Answer whileHeld = send("GET", callPath);
    QCOMPARE(whileHeld.json.value(QStringLiteral("status")).toString(), CallStatus::Busy);
    QCOMPARE(m_sim->liveCallCount(), 1);
    QCOMPARE(m_sim->endedCallCount(), 0);

    for (const Responder &held : std::exchange(m_app->held, {}))
        held.send(HttpResponse{HttpStatus::Ok, "text/plain", {}, {}});
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->endedCallCount(), 1, WaitMs);
    QCOMPARE(m_sim->liveCallCount(), 0);

    // The record answers as the live call did: the REST resource, the control API, the phone.
    const Answer fetched = send("GET", callPath);
    QCOMPARE(fetched.status, 200);
    for (const QString &key : whileHeld.json.keys())
        QCOMPARE(fetched.json.value(key), whileHeld.json.value(key));
    QCOMPARE(fetched.json.value(QStringLiteral("duration")).toString(), QStringLiteral("0"));
    QVERIFY(isRfc2822(fetched.json.value(QStringLiteral("end_time")).toString()));
    const QJsonObject control = simCall(sid);
    QCOMPARE(control.value(QStringLiteral("status")).toString(), CallStatus::Busy);
    QCOMPARE(control.value(QStringLiteral("to")).toString(), ScriptedNumbers::Busy);
    QCOMPARE(control.value(QStringLiteral("listening")).toBool(), false);
    const auto view = m_sim->callView(sid);
    QVERIFY(view.has_value());
    QCOMPARE(view->status, CallStatus::Busy);
    QVERIFY(view->scripted);
    QCOMPARE(m_sim->calls().size(), 1);

    // Nothing moves it any more, and each way says so as for any ended call.
    const Answer completed = send("POST", callPath, "Status=completed");
    QCOMPARE(completed.status, 400);
    QCOMPARE(completed.json.value(QStringLiteral("code")).toInt(), 21220);
    const Answer pressed = send("POST", QStringLiteral("/sim/calls/%1/digits").arg(sid), "Digits=1",
                                "application/x-www-form-urlencoded", false);
    QCOMPARE(pressed.status, 409);
    const Answer hungUp =
        send("POST", QStringLiteral("/sim/calls/%1/hangup").arg(sid), {}, {}, false);
    QCOMPARE(hungUp.status, 409);
    QVERIFY(!m_sim->answer(sid));
}

void TestTwilioSimulator::beyondTheEndedCallsKeptTheOneThatEndedFirstIsForgotten()
{
    restartKeeping(2);
    QStringList sids;
    for (int i = 0; i < 3; ++i) {
        sids.append(placeCall(ScriptedNumbers::Busy, QStringLiteral("prompt")));
        QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sids.last()), CallStatus::Busy, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_sim->liveCallCount(), 0, WaitMs);
    }
    QCOMPARE(m_sim->endedCallCount(), 2);

    const Answer forgotten =
        send("GET", accountPath() + QStringLiteral("/Calls/%1.json").arg(sids.first()));
    QCOMPARE(forgotten.status, 404);
    QCOMPARE(forgotten.json.value(QStringLiteral("code")).toInt(), 20404);
    QVERIFY(!m_sim->callView(sids.first()));
    for (const QString &kept : sids.mid(1)) {
        const Answer fetched =
            send("GET", accountPath() + QStringLiteral("/Calls/%1.json").arg(kept));
        QCOMPARE(fetched.status, 200);
        QCOMPARE(fetched.json.value(QStringLiteral("status")).toString(), CallStatus::Busy);
    }
    const Answer listed = send("GET", QStringLiteral("/sim/calls"), {}, {}, false);
    QCOMPARE(listed.array.size(), 2);
    QCOMPARE(listed.array.at(0)[QStringLiteral("sid")].toString(), sids.at(1));
    QCOMPARE(listed.array.at(1)[QStringLiteral("sid")].toString(), sids.at(2));
}

QTEST_GUILESS_MAIN(TestTwilioSimulator)
#include "TestTwilioSimulator.moc"
