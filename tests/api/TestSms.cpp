// Texts (SMS) about notifications, through the real engine over real HTTP and a real store file:
// in simulator mode, where the simulator's Messages resource takes the texts and sends signed
// status callbacks; and in live mode against a scripted Twilio peer that checks the create's
// form, while the test signs (or forges) the status callbacks itself.
#include "EngineFixture.h"

#include "api/ApiServer.h"
#include "calls/CallStore.h"
#include "calls/StoredChange.h"
#include "calls/TextMessage.h"
#include "calls/TextMessageService.h"
#include "simulator/ScriptedNumbers.h"
#include "simulator/TwilioSimulator.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QSignalSpy>

#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <climits>

using namespace flux;
using namespace flux::test;

namespace {
const QString Title = QStringLiteral("Database is down");
constexpr double Speed = 200.0;
const QString AccountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QByteArray Token = "sms-test-token";
const QString PublicBase = QStringLiteral("https://calls.example.com");
const QString CallSid = QStringLiteral("CA22222222222222222222222222222222");
const QString MessageSid = QStringLiteral("SM33333333333333333333333333333333");

QJsonObject request(const QString &first, const QStringList &escalation, bool sms)
{
    QJsonObject body{{QStringLiteral("phone_number"), first},
                     {QStringLiteral("task_title"), Title},
                     {QStringLiteral("retry_after_seconds"), 30}};
    if (!escalation.isEmpty())
        body.insert(QStringLiteral("escalation"), QJsonArray::fromStringList(escalation));
    if (sms)
        body.insert(QStringLiteral("sms"), true);
    return body;
}

QJsonArray messagesOf(const QJsonObject &notification)
{
    return notification.value(QStringLiteral("messages")).toArray();
}

QStringList field(const QJsonArray &items, const QString &name)
{
    QStringList values;
    for (const QJsonValue &item : items)
        values.append(item.toObject().value(name).toString());
    return values;
}

const QString PythonPath = QStringLiteral("/usr/bin/python3");
constexpr int PythonWaitMs = 60000;
// The official SDK (Debian's python3-twilio) texting through `base_url` instead of
// api.twilio.com: client.messages.create(to, from_, body, status_callback). Prints the answer's
// sid and status.
const QString SdkTextScript = QStringLiteral(R"(
import sys
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

base_url, account_sid, auth_token, to, from_, body, status_callback = sys.argv[1:8]


class Loopback(TwilioHttpClient):
    def request(self, method, url, **kwargs):
        return super().request(method, url.replace('https://api.twilio.com', base_url), **kwargs)


client = Client(account_sid, auth_token, http_client=Loopback())
message = client.messages.create(to=to, from_=from_, body=body, status_callback=status_callback)
print(message.sid)
print(message.status)
)");

// Runs SdkTextScript with `args`, waiting without blocking this thread's event loop (the peer
// answers on it); its output lines, or a failure.
QStringList runSdk(const QStringList &args)
{
    QProcess sdk;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // A proxy set for the host must not catch the SDK's loopback requests.
    environment.insert(QStringLiteral("NO_PROXY"), QStringLiteral("127.0.0.1,localhost"));
    sdk.setProcessEnvironment(environment);
    sdk.start(PythonPath, QStringList{QStringLiteral("-c"), SdkTextScript} + args);
    QSignalSpy finished(&sdk, &QProcess::finished);
    if (!finished.wait(PythonWaitMs) || sdk.exitCode() != 0) {
        qWarning().noquote() << "python3-twilio failed:" << sdk.readAllStandardError();
        return {};
    }
    return QString::fromUtf8(sdk.readAllStandardOutput())
        .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// Twilio's REST API for a live engine: answers Calls.json and Messages.json, keeping each
// Messages create's form as it came.
class ScriptedTwilio
{
public:
    ScriptedTwilio()
    {
        const auto answer = [](const Responder &responder, const QJsonObject &body) {
            responder.send(HttpResponse::json(HttpStatus::Created, body));
        };
        server.addRoutes(
            {{HttpMethod::Post,
              QStringLiteral("/2010-04-01/Accounts/{sid}/Calls.json"),
              Route::Access::Public,
              QStringLiteral("calls"),
              {},
              [answer](const HttpRequest &request, const Responder &responder) {
                  answer(responder, {{QStringLiteral("sid"), CallSid},
                                     {QStringLiteral("status"), QStringLiteral("queued")},
                                     {QStringLiteral("to"),
                                      FormEncoding::value(request.form, QStringLiteral("To"))},
                                     {QStringLiteral("from"),
                                      FormEncoding::value(request.form, QStringLiteral("From"))}});
              }},
             {HttpMethod::Post,
              QStringLiteral("/2010-04-01/Accounts/{sid}/Messages.json"),
              Route::Access::Public,
              QStringLiteral("messages"),
              {},
              [this, answer](const HttpRequest &request, const Responder &responder) {
                  messageForms.append(request.form);
                  authorization = request.header("Authorization");
                  answer(responder, {{QStringLiteral("sid"), MessageSid},
                                     {QStringLiteral("status"), QStringLiteral("queued")},
                                     {QStringLiteral("to"),
                                      FormEncoding::value(request.form, QStringLiteral("To"))},
                                     {QStringLiteral("from"),
                                      FormEncoding::value(request.form, QStringLiteral("From"))},
                                     {QStringLiteral("error_code"), QJsonValue()}});
              }}});
        port = server.listenOn(QHostAddress::LocalHost, 0);
    }
    ApiServer server;
    quint16 port = 0;
    QList<FormParams> messageForms;
    QByteArray authorization;
};
} // namespace

class TestSms : public QObject
{
    Q_OBJECT

    std::unique_ptr<EngineFixture> m_fixture;

    EngineFixture &fixture() { return *m_fixture; }

    void startSimulator(const QString &dataDir = {}, const QString &fallback = {})
    {
        Config config = EngineFixture::simulatorConfig(dataDir, Speed);
        if (!fallback.isEmpty())
            config.smsFallback = fallback;
        m_fixture = std::make_unique<EngineFixture>(config);
    }

    QJsonObject waitForClosed(const QString &id, int timeoutMs = 30000)
    {
        QJsonObject n;
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            n = fixture().notification(id);
            if (n.value(QStringLiteral("state")).toString() == QLatin1String("closed"))
                return n;
            QTest::qWait(20);
        }
        return n;
    }

    // Waits until the notification has `count` texts, each in `status`; returns it.
    QJsonObject waitForTexts(const QString &id, int count, const QString &status,
                             int timeoutMs = 20000)
    {
        QJsonObject n;
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            n = fixture().notification(id);
            const QStringList statuses = field(messagesOf(n), QStringLiteral("status"));
            if (statuses.size() == count && statuses.count(status) == count)
                return n;
            QTest::qWait(20);
        }
        return n;
    }

    // GET /sim/messages on the simulator itself.
    QJsonArray simulatorMessages()
    {
        return fixture()
            .http.get(fixture().engine().simulator()->baseUrl() + QStringLiteral("/sim/messages"))
            .json()
            .value(QStringLiteral("messages"))
            .toArray();
    }

    // A live engine's call to ScriptedTwilio ends busy: its signed status callback.
    HttpResult scriptedCallEndsBusy()
    {
        return fixture().http.postSignedForm(
            fixture().url(QStringLiteral("/notifications/call/status")),
            {{QStringLiteral("CallSid"), CallSid},
             {QStringLiteral("AccountSid"), AccountSid},
             {QStringLiteral("CallStatus"), QStringLiteral("busy")},
             {QStringLiteral("SequenceNumber"), QStringLiteral("0")}},
            Token, PublicBase + QStringLiteral("/notifications/call/status"));
    }
    // How many changes the store's change log (the event stream's source) holds for `subject`.
    int changesOf(const QString &subject)
    {
        const auto all = fixture().engine().store()->changes(0, LLONG_MAX, 100000);
        if (!all)
            return -1;
        int count = 0;
        for (const StoredChange &change : all.value())
            count += change.subject == subject ? 1 : 0;
        return count;
    }

private Q_SLOTS:
    void cleanup() { m_fixture.reset(); }

    void notAcknowledgedTextsEachNumberOnce()
    {
        startSimulator();
        QVERIFY2(fixture().started(), qPrintable(fixture().startError()));
        const QString id =
            fixture().notify(request(ScriptedNumbers::Busy, {ScriptedNumbers::Silent}, true));
        QVERIFY(!id.isEmpty());
        QCOMPARE(waitForClosed(id).value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("not_acknowledged"));
        const int changesAtClose = changesOf(id);
        // Delivered is stored only from the simulator's status callbacks, which the engine
        // takes only when signed.
        const QJsonObject n = waitForTexts(id, 2, TextMessageStatus::Delivered);
        // Each text's progress is a change to its notification (its `messages`), so the event
        // stream tells a script about it.
        QVERIFY2(changesOf(id) >= changesAtClose + 2, qPrintable(QString::number(changesOf(id))));
        const QJsonArray texts = messagesOf(n);
        QCOMPARE(field(texts, QStringLiteral("status")),
                 (QStringList{TextMessageStatus::Delivered, TextMessageStatus::Delivered}));
        QCOMPARE(field(texts, QStringLiteral("to")),
                 (QStringList{ScriptedNumbers::Busy, ScriptedNumbers::Silent}));
        QVERIFY(n.value(QStringLiteral("sms")).toBool());
        const QRegularExpression smSid(QStringLiteral("^SM[0-9a-f]{32}$"));
        for (const QString &sid : field(texts, QStringLiteral("sid")))
            QVERIFY2(smSid.match(sid).hasMatch(), qPrintable(sid));

        const QJsonArray received = simulatorMessages();
        QCOMPARE(received.size(), 2);
        QCOMPARE(field(received, QStringLiteral("to")),
                 (QStringList{ScriptedNumbers::Busy, ScriptedNumbers::Silent}));
        QCOMPARE(field(received, QStringLiteral("sid")), field(texts, QStringLiteral("sid")));
        for (const QJsonValue &text : received) {
            QCOMPARE(text[QStringLiteral("from")].toString(), ScriptedNumbers::SimulatorFrom);
            QVERIFY(text[QStringLiteral("body")].toString().contains(Title));
            QCOMPARE(text[QStringLiteral("status")].toString(), TextMessageStatus::Delivered);
        }
        QCOMPARE(fixture().engine().simulator()->messagesTo(ScriptedNumbers::Silent).size(), 1);
    }

    void anUnreachableHandsetIsUndelivered()
    {
        startSimulator();
        QVERIFY2(fixture().started(), qPrintable(fixture().startError()));
        const QString id = fixture().notify(request(ScriptedNumbers::Fails, {}, true));
        QVERIFY(!id.isEmpty());
        waitForClosed(id);
        const QJsonArray texts = messagesOf(waitForTexts(id, 1, TextMessageStatus::Undelivered));
        QCOMPARE(field(texts, QStringLiteral("status")),
                 QStringList{TextMessageStatus::Undelivered});
        QCOMPARE(field(texts, QStringLiteral("error")), QStringList{QStringLiteral("30003")});
    }

    void acknowledgedOrWithoutSmsSendsNoText()
    {
        startSimulator();
        QVERIFY2(fixture().started(), qPrintable(fixture().startError()));
        const QString acknowledged =
            fixture().notify(request(ScriptedNumbers::PressesOne, {}, true));
        const QString plain = fixture().notify(request(ScriptedNumbers::Busy, {}, false));
        QCOMPARE(waitForClosed(acknowledged).value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("acknowledged"));
        QCOMPARE(waitForClosed(plain).value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("not_acknowledged"));
        QTest::qWait(200); // longer than a text takes to be delivered at this speed
        QVERIFY(messagesOf(fixture().notification(acknowledged)).isEmpty());
        QVERIFY(messagesOf(fixture().notification(plain)).isEmpty());
        QVERIFY(!fixture().notification(plain).value(QStringLiteral("sms")).toBool());
        QVERIFY(simulatorMessages().isEmpty());
    }

    void theFallbackTextsWithoutBeingAsked()
    {
        startSimulator({}, QStringLiteral("unacknowledged"));
        QVERIFY2(fixture().started(), qPrintable(fixture().startError()));
        const QString id = fixture().notify(request(ScriptedNumbers::Busy, {}, false));
        waitForClosed(id);
        QCOMPARE(field(messagesOf(waitForTexts(id, 1, TextMessageStatus::Delivered)),
                       QStringLiteral("to")),
                 QStringList{ScriptedNumbers::Busy});
    }

    void eachAttemptTextsAsTheAttemptIsPlaced()
    {
        startSimulator({}, QStringLiteral("each_attempt"));
        QVERIFY2(fixture().started(), qPrintable(fixture().startError()));
        const QString id = fixture().notify(request(ScriptedNumbers::PressesOne, {}, false));
        QCOMPARE(waitForClosed(id).value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("acknowledged"));
        const QJsonArray texts = messagesOf(waitForTexts(id, 1, TextMessageStatus::Delivered));
        QCOMPARE(field(texts, QStringLiteral("reason")), QStringList{QStringLiteral("attempt:1")});
    }

    void aRestartDoesNotTextAgain()
    {
        QTemporaryDir dir;
        startSimulator(dir.path());
        QVERIFY2(fixture().started(), qPrintable(fixture().startError()));
        const QString id = fixture().notify(request(ScriptedNumbers::Busy, {}, true));
        waitForClosed(id);
        waitForTexts(id, 1, TextMessageStatus::Delivered);
        const QString path = fixture().engine().store()->filePath();
        m_fixture.reset();

        {
            // A text stored, then the desk stopped before Twilio answered its create.
            auto store = CallStore::open(path);
            QVERIFY(store);
            TextMessage lost;
            lost.notificationId = id;
            lost.to = ScriptedNumbers::Silent;
            lost.reason = TextMessageReason::NotAcknowledged;
            lost.body = Title;
            QCOMPARE(store.value()->insertTextMessages({lost}).value().size(), 1);
            store.value()->close();
        }

        startSimulator(dir.path());
        QVERIFY2(fixture().started(), qPrintable(fixture().startError()));
        QTest::qWait(300);
        QVERIFY(simulatorMessages().isEmpty());
        const QJsonArray texts = messagesOf(fixture().notification(id));
        QCOMPARE(field(texts, QStringLiteral("to")),
                 (QStringList{ScriptedNumbers::Busy, ScriptedNumbers::Silent}));
        QCOMPARE(field(texts, QStringLiteral("status")),
                 (QStringList{TextMessageStatus::Delivered, TextMessageStatus::Unconfirmed}));
    }

    void aCloseJustBeforeAStopStillTexts()
    {
        QTemporaryDir dir;
        startSimulator(dir.path());
        QVERIFY2(fixture().started(), qPrintable(fixture().startError()));
        // Busy once, then the second attempt an hour away: open when the desk stops.
        QJsonObject body = request(ScriptedNumbers::Busy, {}, true);
        body.insert(QStringLiteral("attempts"), 2);
        body.insert(QStringLiteral("retry_after_seconds"), 3600);
        const QString id = fixture().notify(body);
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            !fixture().notification(id).value(QStringLiteral("next_attempt_at")).isNull(), 20000);
        const QString path = fixture().engine().store()->filePath();
        m_fixture.reset();

        {
            // The close as the service writes it (CallStore::closeNotification with the texts
            // TextMessageService owes), then a kill -9 before anything was sent.
            auto store = CallStore::open(path);
            QVERIFY(store);
            const auto closed = store.value()->closeNotification(
                id, NotificationOutcome::NotAcknowledged, {}, {}, [](const Notification &n) {
                    return TextMessageService::owedOnClose(n, SmsFallback::Mode::Off);
                });
            QVERIFY(closed && closed.value());
            const auto owed = store.value()->textMessages(id);
            QVERIFY(owed);
            QCOMPARE(owed.value().size(), 1);
            QCOMPARE(owed.value().first().status, TextMessageStatus::Pending);
            QCOMPARE(owed.value().first().to, ScriptedNumbers::Busy);
            store.value()->close();
        }

        startSimulator(dir.path());
        QVERIFY2(fixture().started(), qPrintable(fixture().startError()));
        const QJsonArray texts = messagesOf(waitForTexts(id, 1, TextMessageStatus::Delivered));
        QCOMPARE(field(texts, QStringLiteral("status")), QStringList{TextMessageStatus::Delivered});
        QCOMPARE(field(simulatorMessages(), QStringLiteral("to")),
                 QStringList{ScriptedNumbers::Busy});
        // Sent once: a second start finds nothing owed.
        m_fixture.reset();
        startSimulator(dir.path());
        QVERIFY2(fixture().started(), qPrintable(fixture().startError()));
        QTest::qWait(300);
        QVERIFY(simulatorMessages().isEmpty());
        QCOMPARE(messagesOf(fixture().notification(id)).size(), 1);
    }

    void theOfficialSdkSendsTheSameTextAndReadsTheSimulatorsAnswer()
    {
        QProcess probe;
        probe.start(PythonPath, {QStringLiteral("-c"), QStringLiteral("import twilio.rest")});
        if (!probe.waitForFinished(PythonWaitMs) || probe.exitCode() != 0)
            QSKIP("/usr/bin/python3 cannot import twilio: run packaging/install-deps.sh "
                  "(it installs Debian's python3-twilio)");

        // Our text, as the live engine sends it when a notification ends not acknowledged.
        ScriptedTwilio twilio;
        QVERIFY(twilio.port != 0);
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(twilio.port);
        const QString from = QStringLiteral("+15005550006");
        m_fixture = std::make_unique<EngineFixture>(
            EngineFixture::liveConfig(base, AccountSid, Token, from, PublicBase));
        QVERIFY2(fixture().started(), qPrintable(fixture().startError()));
        const QString id = fixture().notify(request(QStringLiteral("+15551230001"), {}, true));
        QVERIFY(!id.isEmpty());
        QCOMPARE(scriptedCallEndsBusy().status, 200);
        QTRY_COMPARE(twilio.messageForms.size(), 1);
        const FormParams ours = twilio.messageForms.first();

        // The official SDK asked for the same text: the same fields with the same values (its
        // order differs, and carries no meaning in a form).
        const QStringList answered =
            runSdk({base, AccountSid, QString::fromLatin1(Token),
                    FormEncoding::value(ours, QStringLiteral("To")), from,
                    FormEncoding::value(ours, QStringLiteral("Body")),
                    FormEncoding::value(ours, QStringLiteral("StatusCallback"))});
        QCOMPARE(answered, (QStringList{MessageSid, QStringLiteral("queued")}));
        QCOMPARE(twilio.messageForms.size(), 2);
        const auto sorted = [](FormParams form) {
            std::sort(form.begin(), form.end());
            return form;
        };
        QCOMPARE(sorted(twilio.messageForms.last()), sorted(ours));
        m_fixture.reset();

        // The simulator's Messages resource answers what the SDK reads as a message.
        startSimulator();
        QVERIFY2(fixture().started(), qPrintable(fixture().startError()));
        const TwilioSimulator *sim = fixture().engine().simulator();
        const QStringList simulated =
            runSdk({sim->baseUrl(), sim->accountSid(), QString::fromLatin1(sim->authToken()),
                    QStringLiteral("+15551230002"), ScriptedNumbers::SimulatorFrom, Title,
                    fixture().url(QStringLiteral("/notifications/sms/status"))});
        QCOMPARE(simulated.size(), 2);
        QVERIFY2(QRegularExpression(QStringLiteral("^SM[0-9a-f]{32}$"))
                     .match(simulated.first())
                     .hasMatch(),
                 qPrintable(simulated.first()));
        QCOMPARE(simulated.last(), QStringLiteral("queued"));
        const QList<SimulatedMessage> kept = sim->messagesTo(QStringLiteral("+15551230002"));
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.first().sid, simulated.first());
        QCOMPARE(kept.first().body, Title);
        QCOMPARE(kept.first().from, ScriptedNumbers::SimulatorFrom);
    }

    void smsMustBeABoolean()
    {
        startSimulator();
        QVERIFY2(fixture().started(), qPrintable(fixture().startError()));
        QJsonObject body = request(ScriptedNumbers::Busy, {}, false);
        body.insert(QStringLiteral("sms"), QStringLiteral("yes"));
        const HttpResult refused =
            fixture().http.postJson(fixture().url(QStringLiteral("/notifications/call")), body);
        QCOMPARE(refused.status, 422);
        const QJsonObject error =
            refused.json().value(QStringLiteral("detail")).toArray().first().toObject();
        QCOMPARE(error.value(QStringLiteral("loc")).toArray(),
                 (QJsonArray{QStringLiteral("body"), QStringLiteral("sms")}));
        QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("bool_type"));
        QVERIFY(simulatorMessages().isEmpty());
    }

    void liveTextsThroughTwilioAndTakesOnlySignedCallbacks()
    {
        ScriptedTwilio twilio;
        QVERIFY(twilio.port != 0);
        m_fixture = std::make_unique<EngineFixture>(EngineFixture::liveConfig(
            QStringLiteral("http://127.0.0.1:%1").arg(twilio.port), AccountSid, Token,
            QStringLiteral("+15005550006"), PublicBase));
        QVERIFY2(fixture().started(), qPrintable(fixture().startError()));
        const QString id = fixture().notify(request(QStringLiteral("+15551230001"), {}, true));
        QVERIFY(!id.isEmpty());
        // The call ends busy: the notification closes not acknowledged and texts.
        QCOMPARE(scriptedCallEndsBusy().status, 200);
        QTRY_COMPARE(twilio.messageForms.size(), 1);

        const FormParams form = twilio.messageForms.first();
        QStringList names;
        for (const auto &[name, value] : form)
            names.append(name);
        QCOMPARE(names, (QStringList{QStringLiteral("To"), QStringLiteral("StatusCallback"),
                                     QStringLiteral("From"), QStringLiteral("Body")}));
        QCOMPARE(FormEncoding::value(form, QStringLiteral("To")), QStringLiteral("+15551230001"));
        QCOMPARE(FormEncoding::value(form, QStringLiteral("From")), QStringLiteral("+15005550006"));
        QCOMPARE(FormEncoding::value(form, QStringLiteral("Body")),
                 QStringLiteral("Flux: critical task not acknowledged: ") + Title);
        const QString callback = FormEncoding::value(form, QStringLiteral("StatusCallback"));
        QVERIFY2(callback.startsWith(PublicBase + QStringLiteral("/notifications/sms/status?")),
                 qPrintable(callback));
        QCOMPARE(twilio.authorization,
                 "Basic " + QByteArray(AccountSid.toLatin1() + ':' + Token).toBase64());
        QTRY_COMPARE(field(messagesOf(fixture().notification(id)), QStringLiteral("status")),
                     QStringList{TextMessageStatus::Queued});
        QCOMPARE(field(messagesOf(fixture().notification(id)), QStringLiteral("sid")),
                 QStringList{MessageSid});

        const QString local = fixture().url(callback.mid(PublicBase.size()));
        const auto statusForm = [](const QString &sid, const QString &status) {
            return FormParams{{QStringLiteral("MessageSid"), sid},
                              {QStringLiteral("MessageStatus"), status},
                              {QStringLiteral("AccountSid"), AccountSid}};
        };
        const HttpResult forged = fixture().http.postSignedForm(
            local, statusForm(MessageSid, TextMessageStatus::Delivered), "not-the-token", callback);
        QCOMPARE(forged.status, 403);
        QCOMPARE(field(messagesOf(fixture().notification(id)), QStringLiteral("status")),
                 QStringList{TextMessageStatus::Queued});

        const HttpResult delivered = fixture().http.postSignedForm(
            local, statusForm(MessageSid, TextMessageStatus::Delivered), Token, callback);
        QCOMPARE(delivered.status, 200);
        QCOMPARE(delivered.json().value(QStringLiteral("result")).toString(),
                 QStringLiteral("applied"));
        // A late "sent" never moves it back.
        const HttpResult late = fixture().http.postSignedForm(
            local, statusForm(MessageSid, TextMessageStatus::Sent), Token, callback);
        QCOMPARE(late.json().value(QStringLiteral("result")).toString(),
                 QStringLiteral("duplicate"));
        QCOMPARE(field(messagesOf(fixture().notification(id)), QStringLiteral("status")),
                 QStringList{TextMessageStatus::Delivered});

        const QString path = QStringLiteral("/notifications/sms/status");
        const HttpResult unknown = fixture().http.postSignedForm(
            fixture().url(path),
            statusForm(QStringLiteral("SM44444444444444444444444444444444"),
                       TextMessageStatus::Delivered),
            Token, PublicBase + path);
        QCOMPARE(unknown.status, 200);
        QCOMPARE(unknown.json().value(QStringLiteral("result")).toString(),
                 QStringLiteral("unknown"));
        QCOMPARE(twilio.messageForms.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSms)
#include "TestSms.moc"
