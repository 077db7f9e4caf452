// The simulator's answering-machine detection over real HTTP on loopback: the AnsweredBy each
// phone earns in each MachineDetection mode, in the TwiML fetch and the status callbacks, the
// voicemail that records, the fax, the callee who asks for a repeat, and the virtual phone's
// "let it go to voicemail", against a signature-checking app (WebhookReceiver).
#include "WebhookReceiver.h"

#include "calls/CallStatus.h"
#include "simulator/ScriptedNumbers.h"
#include "simulator/SimulatedTime.h"
#include "simulator/TwilioSimulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace flux;
using namespace flux::test;

namespace {

// Simulated time runs 20 times faster: a voicemail's 6.5 s greeting and beep take 325 ms.
constexpr double Speed = 20.0;
constexpr int WaitMs = 8000;
const QString AnyPerson = QStringLiteral("+14155550123");
const QString Enable = QStringLiteral("Enable");
const QString DetectMessageEnd = QStringLiteral("DetectMessageEnd");
const QString Message = QStringLiteral("The database is down. Please call back.");

struct Answer
{
    int status = 0;
    QJsonObject json;
    QJsonArray array;
};

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        list.append(item.toString());
    return list;
}

} // namespace

class TestMachineDetection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void answeredByReachesTheTwimlFetchAndEveryLaterCallback_data();
    void answeredByReachesTheTwimlFetchAndEveryLaterCallback();
    void withoutDetectionNothingSaysWhoAnswered_data();
    void withoutDetectionNothingSaysWhoAnswered();
    void detectionOutlastingItsTimeoutAnswersUnknown();
    void aBadMachineDetectionIsRefusedWithTwiliosErrorShape_data();
    void aBadMachineDetectionIsRefusedWithTwiliosErrorShape();
    void theVoicemailRecordsTheMessageLeftAfterItsBeep();
    void aVoicemailWithoutDetectionLosesWhatIsSaidDuringItsGreeting();
    void theCalleeWhoMissedTheTitlePressesStarThenOne();
    void aRingingPersonCallCanBeLetGoToVoicemail();

private:
    void startSimulator(bool manualAnswer);
    Answer send(const QByteArray &verb, const QString &path, const QByteArray &body = {},
                bool authorized = true);
    QString accountPath() const
    {
        return QStringLiteral("/2010-04-01/Accounts/%1").arg(m_sim->accountSid());
    }
    // To, From, Url (document `document`), every status callback event, and MachineDetection
    // when `detection` is not empty.
    FormParams callForm(const QString &to, const QString &document, const QString &detection) const;
    Answer create(const FormParams &form)
    {
        return send("POST", accountPath() + QStringLiteral("/Calls.json"),
                    FormEncoding::encode(form));
    }
    QString placeCall(const QString &to, const QString &document, const QString &detection);
    QJsonObject fetchCall(const QString &sid)
    {
        return send("GET", accountPath() + QStringLiteral("/Calls/%1.json").arg(sid)).json;
    }
    QJsonObject simCall(const QString &sid);

    std::unique_ptr<TwilioSimulator> m_sim;
    std::unique_ptr<WebhookReceiver> m_app;
    QNetworkAccessManager m_network;
};

void TestMachineDetection::init()
{
    startSimulator(false);
}

void TestMachineDetection::startSimulator(bool manualAnswer)
{
    m_sim.reset();
    m_app.reset();
    TwilioSimulator::Options options{QHostAddress::LocalHost, 0, Speed};
    options.manualAnswer = manualAnswer;
    m_sim = std::make_unique<TwilioSimulator>(options);
    const auto started = m_sim->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error()));
    m_app = std::make_unique<WebhookReceiver>(m_sim->authToken());
    QVERIFY(m_app->server.port() != 0);
    m_app->documents.insert(
        QStringLiteral("message"),
        QStringLiteral("<Response><Say voice=\"Polly.Joanna-Neural\">%1</Say><Hangup/></Response>")
            .arg(Message)
            .toUtf8());
    m_app->documents.insert(QStringLiteral("hangup"), "<Response><Hangup/></Response>");
}

void TestMachineDetection::cleanup()
{
    m_sim.reset();
    if (m_app)
        QVERIFY2(m_app->rejected.isEmpty(), qPrintable(m_app->rejected.join(QLatin1Char('\n'))));
    m_app.reset();
}

Answer TestMachineDetection::send(const QByteArray &verb, const QString &path,
                                  const QByteArray &body, bool authorized)
{
    QNetworkRequest request(QUrl(m_sim->baseUrl() + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    if (authorized)
        request.setRawHeader(
            "Authorization",
            "Basic " +
                QByteArray(m_sim->accountSid().toLatin1() + ':' + m_sim->authToken()).toBase64());
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    Answer answer;
    if (finished.wait(WaitMs)) {
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonDocument json = QJsonDocument::fromJson(reply->readAll());
        answer.json = json.object();
        answer.array = json.array();
    }
    reply->deleteLater();
    return answer;
}

FormParams TestMachineDetection::callForm(const QString &to, const QString &document,
                                          const QString &detection) const
{
    FormParams form{{QStringLiteral("To"), to},
                    {QStringLiteral("From"), m_sim->phoneNumber()},
                    {QStringLiteral("Url"), m_app->url(document)},
                    {QStringLiteral("StatusCallback"), m_app->url(QStringLiteral("status"))}};
    for (const char *event : {"initiated", "ringing", "answered", "completed"})
        form.append({QStringLiteral("StatusCallbackEvent"), QString::fromLatin1(event)});
    if (!detection.isEmpty())
        form.append({QStringLiteral("MachineDetection"), detection});
    return form;
}

QString TestMachineDetection::placeCall(const QString &to, const QString &document,
                                        const QString &detection)
{
    const Answer created = create(callForm(to, document, detection));
    if (created.status != 201)
        qWarning() << "create answered" << created.status << created.json;
    return created.json.value(QStringLiteral("sid")).toString();
}

QJsonObject TestMachineDetection::simCall(const QString &sid)
{
    const Answer calls = send("GET", QStringLiteral("/sim/calls"), {}, false);
    for (const QJsonValue &call : calls.array) {
        if (call[QStringLiteral("sid")].toString() == sid)
            return call.toObject();
    }
    return {};
}

void TestMachineDetection::answeredByReachesTheTwimlFetchAndEveryLaterCallback_data()
{
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("detection");
    QTest::addColumn<QString>("answeredBy");
    QTest::addColumn<int>("detectedAfterMs"); // simulated, from the answer
    const QString human = QStringLiteral("human");
    const int humanMs = SimulatedTime::HumanDetectedMs;
    for (const QString &mode : {Enable, DetectMessageEnd}) {
        const QByteArray name = mode.toLatin1();
        QTest::addRow("a person, %s", name.constData()) << AnyPerson << mode << human << humanMs;
        QTest::addRow("presses one, %s", name.constData())
            << ScriptedNumbers::PressesOne << mode << human << humanMs;
        QTest::addRow("silent, %s", name.constData())
            << ScriptedNumbers::Silent << mode << human << humanMs;
        QTest::addRow("asks for a repeat, %s", name.constData())
            << ScriptedNumbers::RepeatsThenPressesOne << mode << human << humanMs;
        QTest::addRow("fax, %s", name.constData())
            << ScriptedNumbers::Fax << mode << QStringLiteral("fax")
            << SimulatedTime::FaxDetectedMs;
    }
    QTest::newRow("voicemail, Enable")
        << ScriptedNumbers::Voicemail << Enable << QStringLiteral("machine_start")
        << SimulatedTime::MachineDetectedMs;
    QTest::newRow("voicemail, DetectMessageEnd")
        << ScriptedNumbers::Voicemail << DetectMessageEnd << QStringLiteral("machine_end_beep")
        << SimulatedTime::VoicemailGreetingMs + SimulatedTime::VoicemailBeepMs;
}

void TestMachineDetection::answeredByReachesTheTwimlFetchAndEveryLaterCallback()
{
    QFETCH(QString, to);
    QFETCH(QString, detection);
    QFETCH(QString, answeredBy);
    QFETCH(int, detectedAfterMs);
    const QString document =
        answeredBy == QLatin1String("fax") ? QStringLiteral("hangup") : QStringLiteral("message");
    const Answer created = create(callForm(to, document, detection));
    QCOMPARE(created.status, 201);
    QVERIFY(created.json.contains(QStringLiteral("answered_by")));
    QVERIFY(created.json.value(QStringLiteral("answered_by")).isNull());
    const QString sid = created.json.value(QStringLiteral("sid")).toString();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Completed, WaitMs);

    const QList<Hit> fetches = m_app->hitsOf(document, sid);
    QCOMPARE(fetches.size(), 1);
    QCOMPARE(fetches.first().value(QStringLiteral("AnsweredBy")), answeredBy);
    QCOMPARE(fetches.first().value(QStringLiteral("MachineDetectionDuration")),
             QString::number(detectedAfterMs));

    // Twilio listens before it tells the app of the answer: the answered callback and the TwiML
    // fetch wait for the decision.
    const QList<Hit> callbacks = m_app->statusCallbacks(sid);
    QCOMPARE(callbacks.size(), 4);
    const QStringList statuses{CallStatus::Initiated, CallStatus::Ringing, CallStatus::InProgress,
                               CallStatus::Completed};
    for (int i = 0; i < callbacks.size(); ++i) {
        QCOMPARE(callbacks.at(i).value(QStringLiteral("CallStatus")), statuses.at(i));
        const bool afterDetection = i >= 2;
        QCOMPARE(callbacks.at(i).has(QStringLiteral("AnsweredBy")), afterDetection);
        if (afterDetection)
            QCOMPARE(callbacks.at(i).value(QStringLiteral("AnsweredBy")), answeredBy);
    }
    const qint64 ringingToFetchMs = fetches.first().atMs - callbacks.at(1).atMs;
    const qint64 leastMs = qint64((SimulatedTime::AnswerAfterRingingMs + detectedAfterMs) / Speed);
    QVERIFY2(ringingToFetchMs >= leastMs * 8 / 10,
             qPrintable(QStringLiteral("fetched %1 ms after ringing, expected at least %2 ms")
                            .arg(ringingToFetchMs)
                            .arg(leastMs)));

    QCOMPARE(fetchCall(sid).value(QStringLiteral("answered_by")).toString(), answeredBy);
    const QJsonObject call = simCall(sid);
    QCOMPARE(call.value(QStringLiteral("answered_by")).toString(), answeredBy);
    QVERIFY2(call.value(QStringLiteral("digits")).toString().isEmpty(),
             qPrintable(call.value(QStringLiteral("digits")).toString()));
}

void TestMachineDetection::withoutDetectionNothingSaysWhoAnswered_data()
{
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("machine");
    QTest::newRow("a person") << AnyPerson << QString();
    QTest::newRow("voicemail") << ScriptedNumbers::Voicemail << QStringLiteral("voicemail");
    QTest::newRow("fax") << ScriptedNumbers::Fax << QStringLiteral("fax");
}

void TestMachineDetection::withoutDetectionNothingSaysWhoAnswered()
{
    QFETCH(QString, to);
    QFETCH(QString, machine);
    // A listening <Gather> that goes to the action even without keys: machines press nothing.
    m_app->documents.insert(
        QStringLiteral("prompt"),
        QStringLiteral("<Response><Gather input=\"dtmf\" numDigits=\"1\" timeout=\"2\" "
                       "action=\"message\" actionOnEmptyResult=\"true\"><Say>%1</Say></Gather>"
                       "</Response>")
            .arg(Message)
            .toUtf8());
    const QString sid = placeCall(to, QStringLiteral("prompt"), {});
    QVERIFY(!sid.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Completed, WaitMs);

    const QList<Hit> fetches = m_app->hitsOf(QStringLiteral("prompt"), sid);
    QCOMPARE(fetches.size(), 1);
    QVERIFY(!fetches.first().has(QStringLiteral("AnsweredBy")));
    QVERIFY(!fetches.first().has(QStringLiteral("MachineDetectionDuration")));
    for (const Hit &callback : m_app->statusCallbacks(sid))
        QVERIFY(!callback.has(QStringLiteral("AnsweredBy")));
    const QList<Hit> actions = m_app->hitsOf(QStringLiteral("message"), sid);
    QCOMPARE(actions.size(), 1);
    if (!machine.isEmpty())
        QCOMPARE(actions.first().value(QStringLiteral("Digits")), QString());
    QVERIFY(fetchCall(sid).value(QStringLiteral("answered_by")).isNull());
    const QJsonObject call = simCall(sid);
    QVERIFY(call.value(QStringLiteral("answered_by")).isNull());
    // The simulator still knows what answered, though Twilio could not tell the app.
    QCOMPARE(call.value(QStringLiteral("machine")).toString(), machine);
}

void TestMachineDetection::detectionOutlastingItsTimeoutAnswersUnknown()
{
    FormParams form =
        callForm(ScriptedNumbers::Voicemail, QStringLiteral("message"), DetectMessageEnd);
    form.append({QStringLiteral("MachineDetectionTimeout"), QStringLiteral("3")});
    const Answer created = create(form);
    QCOMPARE(created.status, 201);
    const QString sid = created.json.value(QStringLiteral("sid")).toString();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Completed, WaitMs);
    const QList<Hit> fetches = m_app->hitsOf(QStringLiteral("message"), sid);
    QCOMPARE(fetches.size(), 1);
    QCOMPARE(fetches.first().value(QStringLiteral("AnsweredBy")), QStringLiteral("unknown"));
    QCOMPARE(fetches.first().value(QStringLiteral("MachineDetectionDuration")),
             QStringLiteral("3000"));
    // Said while the greeting still played: the voicemail kept none of it.
    QVERIFY(strings(simCall(sid).value(QStringLiteral("recorded"))).isEmpty());
}

void TestMachineDetection::aBadMachineDetectionIsRefusedWithTwiliosErrorShape_data()
{
    QTest::addColumn<QString>("detection");
    QTest::newRow("lower case") << QStringLiteral("enable");
    QTest::newRow("another word") << QStringLiteral("Hangup");
    QTest::newRow("a typo") << QStringLiteral("DetectMessageEnds");
}

void TestMachineDetection::aBadMachineDetectionIsRefusedWithTwiliosErrorShape()
{
    QFETCH(QString, detection);
    const Answer answer = create(callForm(AnyPerson, QStringLiteral("message"), detection));
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.json.value(QStringLiteral("code")).toInt(), 20001);
    QCOMPARE(answer.json.value(QStringLiteral("status")).toInt(), 400);
    QCOMPARE(answer.json.value(QStringLiteral("more_info")).toString(),
             QStringLiteral("https://www.twilio.com/docs/errors/20001"));
    QVERIFY2(answer.json.value(QStringLiteral("message")).toString().contains(detection),
             qPrintable(answer.json.value(QStringLiteral("message")).toString()));
    QVERIFY(m_sim->callsJson().isEmpty());

    // The tuning parameters the simulator does not model are accepted and change nothing.
    FormParams tuned = callForm(AnyPerson, QStringLiteral("message"), Enable);
    tuned.append({QStringLiteral("MachineDetectionTimeout"), QStringLiteral("45")});
    tuned.append({QStringLiteral("MachineDetectionSpeechThreshold"), QStringLiteral("2400")});
    tuned.append({QStringLiteral("MachineDetectionSpeechEndThreshold"), QStringLiteral("1200")});
    tuned.append({QStringLiteral("MachineDetectionSilenceTimeout"), QStringLiteral("5000")});
    QCOMPARE(create(tuned).status, 201);
}

void TestMachineDetection::theVoicemailRecordsTheMessageLeftAfterItsBeep()
{
    const QString sid =
        placeCall(ScriptedNumbers::Voicemail, QStringLiteral("message"), DetectMessageEnd);
    QVERIFY(!sid.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Completed, WaitMs);
    const QJsonObject call = simCall(sid);
    QCOMPARE(call.value(QStringLiteral("machine")).toString(), QStringLiteral("voicemail"));
    QCOMPARE(strings(call.value(QStringLiteral("recorded"))), QStringList{Message});
    QCOMPARE(strings(call.value(QStringLiteral("transcript"))), QStringList{Message});
    QVERIFY(call.value(QStringLiteral("error")).isNull());
    const std::optional<SimulatedCallView> view = m_sim->callView(sid);
    QVERIFY(view);
    QCOMPARE(view->recorded, QStringList{Message});
    QCOMPARE(view->answeredBy, QStringLiteral("machine_end_beep"));
}

void TestMachineDetection::aVoicemailWithoutDetectionLosesWhatIsSaidDuringItsGreeting()
{
    const QString early = QStringLiteral("Said over the greeting.");
    const QString late = QStringLiteral("Said after the beep.");
    // The greeting and beep take 6.5 s: the pause carries the second sentence past them.
    m_app->documents.insert(QStringLiteral("talks"),
                            QStringLiteral("<Response><Say>%1</Say><Pause length=\"7\"/>"
                                           "<Say>%2</Say><Hangup/></Response>")
                                .arg(early, late)
                                .toUtf8());
    const QString sid = placeCall(ScriptedNumbers::Voicemail, QStringLiteral("talks"), {});
    QVERIFY(!sid.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Completed, WaitMs);
    const QJsonObject call = simCall(sid);
    QCOMPARE(strings(call.value(QStringLiteral("transcript"))), QStringList({early, late}));
    QCOMPARE(strings(call.value(QStringLiteral("recorded"))), QStringList{late});
}

void TestMachineDetection::theCalleeWhoMissedTheTitlePressesStarThenOne()
{
    const QString gather = QStringLiteral(
        "<Gather input=\"dtmf\" numDigits=\"1\" timeout=\"5\" action=\"%1\" "
        "actionOnEmptyResult=\"true\"><Say voice=\"Polly.Joanna-Neural\">%2</Say></Gather>");
    m_app->documents.insert(QStringLiteral("prompt"),
                            (QStringLiteral("<Response>") +
                             gather.arg(QStringLiteral("again"), Message) +
                             QStringLiteral("</Response>"))
                                .toUtf8());
    // What the app answers to *: a sentence, then the message again, listening.
    m_app->documents.insert(QStringLiteral("again"),
                            (QStringLiteral("<Response><Say>Once more.</Say>") +
                             gather.arg(QStringLiteral("done"), Message) +
                             QStringLiteral("</Response>"))
                                .toUtf8());
    m_app->documents.insert(QStringLiteral("done"),
                            "<Response><Say>Thank you.</Say><Hangup/></Response>");
    const QString sid = placeCall(ScriptedNumbers::RepeatsThenPressesOne, QStringLiteral("prompt"),
                                  DetectMessageEnd);
    QVERIFY(!sid.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Completed, WaitMs);

    const QList<Hit> repeats = m_app->hitsOf(QStringLiteral("again"), sid);
    QCOMPARE(repeats.size(), 1);
    QCOMPARE(repeats.first().value(QStringLiteral("Digits")), QStringLiteral("*"));
    const QList<Hit> acknowledged = m_app->hitsOf(QStringLiteral("done"), sid);
    QCOMPARE(acknowledged.size(), 1);
    QCOMPARE(acknowledged.first().value(QStringLiteral("Digits")), QStringLiteral("1"));
    const QJsonObject call = simCall(sid);
    QCOMPARE(call.value(QStringLiteral("digits")).toString(), QStringLiteral("*1"));
    QCOMPARE(strings(call.value(QStringLiteral("transcript"))),
             QStringList(
                 {Message, QStringLiteral("Once more."), Message, QStringLiteral("Thank you.")}));
    QCOMPARE(call.value(QStringLiteral("answered_by")).toString(), QStringLiteral("human"));
}

void TestMachineDetection::aRingingPersonCallCanBeLetGoToVoicemail()
{
    startSimulator(true); // a person's phone rings until someone acts on it
    const auto press = [this](const QString &sid) {
        return send("POST", QStringLiteral("/sim/calls/%1/voicemail").arg(sid), {}, false);
    };
    const QString sid = placeCall(AnyPerson, QStringLiteral("message"), DetectMessageEnd);
    QVERIFY(!sid.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->callView(sid)->status, CallStatus::Ringing, WaitMs);
    QVERIFY(m_sim->callView(sid)->answerable());

    const Answer sent = press(sid);
    QCOMPARE(sent.status, 200);
    QCOMPARE(sent.json.value(QStringLiteral("status")).toString(), CallStatus::InProgress);
    QCOMPARE(sent.json.value(QStringLiteral("machine")).toString(), QStringLiteral("voicemail"));
    QCOMPARE(press(sid).status, 409); // it no longer rings
    QVERIFY(!m_sim->answer(sid));

    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(sid), CallStatus::Completed, WaitMs);
    const QList<Hit> fetches = m_app->hitsOf(QStringLiteral("message"), sid);
    QCOMPARE(fetches.size(), 1);
    QCOMPARE(fetches.first().value(QStringLiteral("AnsweredBy")),
             QStringLiteral("machine_end_beep"));
    QCOMPARE(m_app->statusCallbacks(sid).last().value(QStringLiteral("AnsweredBy")),
             QStringLiteral("machine_end_beep"));
    QCOMPARE(strings(simCall(sid).value(QStringLiteral("recorded"))), QStringList{Message});

    // The C++ door the virtual phone uses does the same.
    const QString other = placeCall(AnyPerson, QStringLiteral("message"), Enable);
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->callView(other)->status, CallStatus::Ringing, WaitMs);
    QVERIFY(m_sim->sendToVoicemail(other));
    QVERIFY(!m_sim->sendToVoicemail(other));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->finalStatus(other), CallStatus::Completed, WaitMs);
    QCOMPARE(
        m_app->hitsOf(QStringLiteral("message"), other).first().value(QStringLiteral("AnsweredBy")),
        QStringLiteral("machine_start"));

    // A scripted phone plays its own part; an unknown sid is not found.
    const QString scripted =
        placeCall(ScriptedNumbers::NeverAnswers, QStringLiteral("message"), Enable);
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->callView(scripted)->status, CallStatus::Ringing, WaitMs);
    const Answer refused = press(scripted);
    QCOMPARE(refused.status, 409);
    QVERIFY2(refused.json.value(QStringLiteral("detail"))
                 .toString()
                 .contains(QStringLiteral("scripted")),
             qPrintable(refused.json.value(QStringLiteral("detail")).toString()));
    QCOMPARE(press(QStringLiteral("CA0123")).status, 404);
}

QTEST_GUILESS_MAIN(TestMachineDetection)
#include "TestMachineDetection.moc"
