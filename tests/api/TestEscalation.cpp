// Notifications through the real engine in simulator mode, over real HTTP: a request calls its
// numbers in order, each up to its attempts with the wait between them, until someone presses 1;
// then nothing more is dialled. The simulator's scripted numbers play the callees.
#include "CallJson.h"
#include "EngineFixture.h"

#include "calls/CallStatus.h"
#include "calls/CallStore.h"
#include "calls/Notification.h"
#include "net/FormEncoding.h"
#include "simulator/ScriptedNumbers.h"
#include "simulator/TwilioSimulator.h"
#include "twilio/SignatureValidator.h"
#include "twilio/VoicePrompts.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace flux;
using namespace flux::test;

namespace {
const QString Title = QStringLiteral("Database is down");
// Simulated time runs this much faster, and the waits between attempts shrink with it: a
// 30-second wait takes 150 ms.
constexpr double Speed = 200.0;

QJsonObject request(const QString &first, const QStringList &escalation, int attempts = 1,
                    int retryAfter = 30)
{
    QJsonObject body{{QStringLiteral("phone_number"), first},
                     {QStringLiteral("task_title"), Title},
                     {QStringLiteral("attempts"), attempts},
                     {QStringLiteral("retry_after_seconds"), retryAfter}};
    if (!escalation.isEmpty())
        body.insert(QStringLiteral("escalation"), QJsonArray::fromStringList(escalation));
    return body;
}

QStringList attemptField(const QJsonObject &notification, const QString &field)
{
    QStringList values;
    for (const QJsonValue &a : notification.value(QStringLiteral("attempts")).toArray())
        values.append(a.toObject().value(field).toString());
    return values;
}
} // namespace

class TestEscalation : public QObject
{
    Q_OBJECT

    std::unique_ptr<EngineFixture> m_fixture;

    EngineFixture &fixture() { return *m_fixture; }

    // Waits until the notification is closed and its last call is final; returns it.
    QJsonObject waitForClosed(const QString &id, int timeoutMs = 30000)
    {
        QJsonObject n;
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            n = fixture().notification(id);
            const QStringList statuses = attemptField(n, QStringLiteral("status"));
            if (n.value(QStringLiteral("state")).toString() == QLatin1String("closed") &&
                (statuses.isEmpty() || CallStatus::isFinal(statuses.last())))
                return n;
            QTest::qWait(20);
        }
        return n;
    }

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<EngineFixture>(EngineFixture::simulatorConfig({}, Speed));
        QVERIFY2(fixture().started(), qPrintable(fixture().startError()));
    }
    void cleanup() { m_fixture.reset(); }

    void aSeedRequestIsANotificationOfOneCall()
    {
        const QString id =
            fixture().notify({{QStringLiteral("phone_number"), ScriptedNumbers::Silent},
                              {QStringLiteral("task_title"), Title}});
        QVERIFY(QRegularExpression(QStringLiteral("^NO[0-9a-f]{32}$")).match(id).hasMatch());
        const QJsonObject n = waitForClosed(id);
        QCOMPARE(n.value(QStringLiteral("outcome")).toString(),
                 NotificationOutcome::NotAcknowledged);
        QCOMPARE(n.value(QStringLiteral("attempts_per_number")).toInt(), 1);
        QCOMPARE(attemptField(n, QStringLiteral("number")), QStringList{ScriptedNumbers::Silent});
        QCOMPARE(attemptField(n, QStringLiteral("reason")), QStringList{CallReason::NoInput});
    }

    void acknowledgedAtTheFirstNumberCallsNobodyElse()
    {
        const QString id =
            fixture().notify(request(ScriptedNumbers::PressesOne, {ScriptedNumbers::Silent}, 2));
        const QJsonObject n = waitForClosed(id);
        QCOMPARE(n.value(QStringLiteral("outcome")).toString(), NotificationOutcome::Acknowledged);
        QCOMPARE(n.value(QStringLiteral("acknowledged_by")).toString(),
                 ScriptedNumbers::PressesOne);
        const QStringList sids = attemptField(n, QStringLiteral("call_sid"));
        QCOMPARE(sids.size(), 1);
        QCOMPARE(n.value(QStringLiteral("acknowledged_call_sid")).toString(), sids.first());
        QVERIFY(!n.value(QStringLiteral("acknowledged_at")).toString().isEmpty());
        QVERIFY(n.value(QStringLiteral("next_attempt_at")).isNull());
        // Nobody after the first was ever dialled.
        QTest::qWait(300);
        QCOMPARE(fixture().engine().simulator()->calls().size(), 1);
    }

    void acknowledgedAtTheSecondNumber()
    {
        const QString id = fixture().notify(
            request(ScriptedNumbers::Busy, {ScriptedNumbers::PressesOne, ScriptedNumbers::Silent}));
        const QJsonObject n = waitForClosed(id);
        QCOMPARE(n.value(QStringLiteral("outcome")).toString(), NotificationOutcome::Acknowledged);
        QCOMPARE(attemptField(n, QStringLiteral("number")),
                 (QStringList{ScriptedNumbers::Busy, ScriptedNumbers::PressesOne}));
        QCOMPARE(attemptField(n, QStringLiteral("reason")),
                 (QStringList{CallReason::Busy, QString()}));
        QCOMPARE(n.value(QStringLiteral("acknowledged_by")).toString(),
                 ScriptedNumbers::PressesOne);
    }

    void acknowledgedAtTheLastNumberAfterRetries()
    {
        // Two attempts each: the busy number twice (a wait between), voicemail twice, then the
        // last person, who is busy first and answers the retry.
        const QString id = fixture().notify(
            request(ScriptedNumbers::Busy,
                    {ScriptedNumbers::Voicemail, ScriptedNumbers::BusyThenPressesOne}, 2));
        const QJsonObject n = waitForClosed(id);
        QCOMPARE(n.value(QStringLiteral("outcome")).toString(), NotificationOutcome::Acknowledged);
        QCOMPARE(
            attemptField(n, QStringLiteral("number")),
            (QStringList{ScriptedNumbers::Busy, ScriptedNumbers::Busy, ScriptedNumbers::Voicemail,
                         ScriptedNumbers::Voicemail, ScriptedNumbers::BusyThenPressesOne,
                         ScriptedNumbers::BusyThenPressesOne}));
        QCOMPARE(attemptField(n, QStringLiteral("reason")),
                 (QStringList{CallReason::Busy, CallReason::Busy, CallReason::Voicemail,
                              CallReason::Voicemail, CallReason::Busy, QString()}));
        QCOMPARE(n.value(QStringLiteral("acknowledged_by")).toString(),
                 ScriptedNumbers::BusyThenPressesOne);
        // The retry of a number waited retry_after_seconds (30 s, 150 ms at this speed); the
        // next number was called at once.
        const QJsonArray attempts = n.value(QStringLiteral("attempts")).toArray();
        const auto placed = [&](int i) {
            return QDateTime::fromString(
                attempts.at(i).toObject().value(QStringLiteral("placed_at")).toString(),
                Qt::ISODateWithMs);
        };
        QVERIFY2(placed(0).msecsTo(placed(1)) >= 150,
                 qPrintable(QString::number(placed(0).msecsTo(placed(1)))));
    }

    void exhaustedWhenNobodyAcknowledges()
    {
        const QString id =
            fixture().notify(request(ScriptedNumbers::Busy, {ScriptedNumbers::Voicemail}, 2));
        const QJsonObject n = waitForClosed(id);
        QCOMPARE(n.value(QStringLiteral("outcome")).toString(),
                 NotificationOutcome::NotAcknowledged);
        QCOMPARE(n.value(QStringLiteral("state")).toString(), QStringLiteral("closed"));
        QCOMPARE(attemptField(n, QStringLiteral("outcome")),
                 QStringList(4, CallOutcome::NotAcknowledged));
        QVERIFY(n.value(QStringLiteral("acknowledged_by")).isNull());
        QCOMPARE(fixture().engine().simulator()->calls().size(), 4);
    }

    void twoPassesTheTaskOnAtOnceAndIsOfferedOnlyWithSomeoneNext()
    {
        // Three attempts a number and a long wait, but 2 skips the first number's others: the
        // next person is called at once.
        const QString id = fixture().notify(
            request(ScriptedNumbers::PressesTwo, {ScriptedNumbers::PressesOne}, 3, 3600));
        const QJsonObject n = waitForClosed(id);
        QCOMPARE(n.value(QStringLiteral("outcome")).toString(), NotificationOutcome::Acknowledged);
        QCOMPARE(attemptField(n, QStringLiteral("number")),
                 (QStringList{ScriptedNumbers::PressesTwo, ScriptedNumbers::PressesOne}));
        QCOMPARE(attemptField(n, QStringLiteral("reason")),
                 (QStringList{CallReason::PassedOn, QString()}));
        const QStringList sids = attemptField(n, QStringLiteral("call_sid"));
        const QStringList first =
            strings(fixture().simulatedCall(sids.first()).value(QStringLiteral("transcript")));
        QVERIFY2(first.contains(VoicePrompts::PassedOn),
                 qPrintable(first.join(QLatin1String(" | "))));
        // The TwiML offers 2 after the seed's sentence only where someone is called next.
        const auto prompt = [this](const QString &extra) {
            const QString path = QStringLiteral("/notifications/call/twiml");
            const QString query = QStringLiteral("?task_title=Disk%20full") + extra;
            return fixture()
                .http
                .postSignedForm(fixture().url(path + query),
                                {{QStringLiteral("CallSid"),
                                  QStringLiteral("CA00000000000000000000000000000043")}},
                                fixture().engine().simulator()->authToken(),
                                fixture().engine().publicBaseUrl() + path + query)
                .body;
        };
        const QByteArray offered = prompt(QStringLiteral("&pass_on=1"));
        QVERIFY2(offered.contains(VoicePrompts::PassOnHint.toUtf8()), offered.constData());
        QVERIFY(offered.contains("pass_on=1")); // the gather URL carries it on
        QVERIFY(!prompt(QString()).contains(VoicePrompts::PassOnHint.toUtf8()));
        // The last person has nobody after them: 2 is not offered, and 1 acknowledged.
        const QStringList last =
            strings(fixture().simulatedCall(sids.last()).value(QStringLiteral("transcript")));
        QCOMPARE(last.first(), VoicePrompts::taskSentence(Title));
        QCOMPARE(last.last(), VoicePrompts::Acknowledged);
    }

    void twoOnTheLastNumberIsAKeyLikeAnyOther()
    {
        const QString id = fixture().notify(request(ScriptedNumbers::PressesTwo, {}, 1));
        const QJsonObject n = waitForClosed(id);
        QCOMPARE(attemptField(n, QStringLiteral("reason")), QStringList{CallReason::Declined});
        const QJsonObject call =
            fixture().simulatedCall(attemptField(n, QStringLiteral("call_sid")).first());
        QVERIFY(
            !strings(call.value(QStringLiteral("transcript"))).contains(VoicePrompts::PassOnHint));
    }

    void aContactHearsTheMessageInTheirLanguageAndIsNamedAfter()
    {
        Contact anna;
        anna.name = QStringLiteral("Anna Beispiel");
        anna.number = ScriptedNumbers::PressesOne;
        anna.language = QStringLiteral("de");
        QVERIFY(fixture().engine().store()->saveContact(anna));
        EscalationList list;
        list.name = QStringLiteral("Datenbank");
        list.contactIds = {fixture().engine().store()->contactByNumber(anna.number).value()->id};
        list.attempts = 1;
        list.retryAfterSeconds = 30;
        QVERIFY(fixture().engine().store()->saveEscalationList(list));

        QJsonObject body{{QStringLiteral("phone_number"), ScriptedNumbers::Busy},
                         {QStringLiteral("task_title"), Title},
                         {QStringLiteral("escalation_list"), list.name}};
        const QJsonObject n = waitForClosed(fixture().notify(body));
        QCOMPARE(n.value(QStringLiteral("escalation_list")).toString(), list.name);
        QCOMPARE(attemptField(n, QStringLiteral("number")),
                 (QStringList{ScriptedNumbers::Busy, anna.number}));
        QCOMPARE(n.value(QStringLiteral("outcome")).toString(), NotificationOutcome::Acknowledged);
        const QStringList heard =
            strings(fixture()
                        .simulatedCall(attemptField(n, QStringLiteral("call_sid")).last())
                        .value(QStringLiteral("transcript")));
        QCOMPARE(heard.first(), VoicePrompts::taskSentence(Title, QStringLiteral("de")));
        QCOMPARE(heard.last(), VoicePrompts::German::Acknowledged);
    }

    void cancelDuringAWaitDialsNothingMore()
    {
        const QString id = fixture().notify(
            request(ScriptedNumbers::Busy, {ScriptedNumbers::PressesOne}, 3, 3600));
        QJsonObject n;
        QTRY_VERIFY_WITH_TIMEOUT(
            !(n = fixture().notification(id)).value(QStringLiteral("next_attempt_at")).isNull(),
            10000);
        QCOMPARE(n.value(QStringLiteral("next_number")).toString(), ScriptedNumbers::Busy);
        const HttpResult canceled =
            fixture().http.post(fixture().url(QStringLiteral("/notifications/%1/cancel").arg(id)),
                                {}, "application/json");
        QCOMPARE(canceled.status, 200);
        QCOMPARE(canceled.json().value(QStringLiteral("outcome")).toString(),
                 NotificationOutcome::Canceled);
        QVERIFY(canceled.json().value(QStringLiteral("next_attempt_at")).isNull());
        // A second cancel is a conflict, and nothing more is dialled.
        QCOMPARE(fixture()
                     .http
                     .post(fixture().url(QStringLiteral("/notifications/%1/cancel").arg(id)), {},
                           "application/json")
                     .status,
                 409);
        QTest::qWait(400);
        QCOMPARE(fixture().engine().simulator()->calls().size(), 1);
        QCOMPARE(attemptField(fixture().notification(id), QStringLiteral("number")).size(), 1);
    }

    void cancelDuringACallHangsItUp()
    {
        // A person at an unlisted number answers and listens; nobody presses a key.
        const QString person = QStringLiteral("+15555559999");
        const QString id = fixture().notify(request(person, {ScriptedNumbers::PressesOne}, 1));
        QString sid;
        QTRY_VERIFY_WITH_TIMEOUT(
            !(sid = attemptField(fixture().notification(id), QStringLiteral("call_sid")).value(0))
                 .isEmpty(),
            10000);
        QTRY_COMPARE_WITH_TIMEOUT(fixture().call(sid).value(QStringLiteral("status")).toString(),
                                  CallStatus::InProgress, 10000);
        const HttpResult canceled =
            fixture().http.post(fixture().url(QStringLiteral("/notifications/%1/cancel").arg(id)),
                                {}, "application/json");
        QCOMPARE(canceled.status, 200);
        const QJsonObject call = fixture().waitForFinal(sid);
        QCOMPARE(call.value(QStringLiteral("status")).toString(), CallStatus::Completed);
        QTest::qWait(300);
        const QJsonObject n = fixture().notification(id);
        QCOMPARE(n.value(QStringLiteral("outcome")).toString(), NotificationOutcome::Canceled);
        QCOMPARE(attemptField(n, QStringLiteral("number")), QStringList{person});
        QCOMPARE(fixture().engine().simulator()->calls().size(), 1);
    }

    void someoneCalledAfterTheAcknowledgmentHearsWhoAndWhen()
    {
        const QString id =
            fixture().notify(request(ScriptedNumbers::Busy, {ScriptedNumbers::PressesOne}));
        const QJsonObject n = waitForClosed(id);
        QCOMPARE(n.value(QStringLiteral("outcome")).toString(), NotificationOutcome::Acknowledged);
        // Twilio asks for the TwiML of the first attempt's request once more (a late call of
        // the same notification): the callee hears it was acknowledged already.
        const auto found = fixture().engine().store()->notification(id);
        QVERIFY(found && found.value());
        const QString requestId = found.value()->attempts.first().requestId;
        const QString path = QStringLiteral("/notifications/call/twiml");
        const QString query =
            QStringLiteral("?task_title=%1&request_id=%2")
                .arg(QString::fromLatin1(QUrl::toPercentEncoding(Title)), requestId);
        const FormParams form{
            {QStringLiteral("CallSid"), QStringLiteral("CA00000000000000000000000000000042")},
            {QStringLiteral("To"), ScriptedNumbers::Busy}};
        const HttpResult twiml = fixture().http.postSignedForm(
            fixture().url(path + query), form, fixture().engine().simulator()->authToken(),
            fixture().engine().publicBaseUrl() + path + query);
        QCOMPARE(twiml.status, 200);
        QVERIFY2(twiml.body.contains("already acknowledged by +15555550101 at"),
                 twiml.body.constData());
        QVERIFY(!twiml.body.contains("<Gather"));
    }

    void theNumberLimitRefusesWithRetryAfterAndAnEscalationWaits()
    {
        m_fixture.reset();
        Config config = EngineFixture::simulatorConfig({}, Speed);
        config.ratePerNumber = 2;
        m_fixture = std::make_unique<EngineFixture>(config);
        QVERIFY(fixture().started());
        // Two calls to the number are allowed in the hour, the third request is refused.
        QVERIFY(!fixture().notify(request(ScriptedNumbers::Busy, {}, 1)).isEmpty());
        QVERIFY(!fixture().notify(request(ScriptedNumbers::Busy, {}, 1)).isEmpty());
        const HttpResult refused =
            fixture().http.postJson(fixture().url(QStringLiteral("/notifications/call")),
                                    request(ScriptedNumbers::Busy, {}));
        QCOMPARE(refused.status, 429);
        bool ok = false;
        int retryAfter = 0;
        for (const auto &[name, value] : refused.headers) {
            if (name.compare("Retry-After", Qt::CaseInsensitive) == 0)
                retryAfter = value.toInt(&ok);
        }
        QVERIFY(ok && retryAfter > 3500 && retryAfter <= 3601);
        QVERIFY(refused.json()
                    .value(QStringLiteral("detail"))
                    .toString()
                    .contains(ScriptedNumbers::Busy));
        // An escalation that reaches the number waits for the hour rather than failing.
        const QString id =
            fixture().notify(request(ScriptedNumbers::Silent, {ScriptedNumbers::Busy}, 1));
        QJsonObject n;
        QTRY_VERIFY_WITH_TIMEOUT(
            !(n = fixture().notification(id)).value(QStringLiteral("next_attempt_at")).isNull(),
            10000);
        QCOMPARE(n.value(QStringLiteral("next_number")).toString(), ScriptedNumbers::Busy);
        QCOMPARE(n.value(QStringLiteral("state")).toString(), QStringLiteral("open"));
        const QDateTime due = QDateTime::fromString(
            n.value(QStringLiteral("next_attempt_at")).toString(), Qt::ISODateWithMs);
        QVERIFY(QDateTime::currentDateTimeUtc().secsTo(due) > 3500);
    }

    void listsOpenAndClosedNotifications()
    {
        const QString closed = fixture().notify(request(ScriptedNumbers::PressesOne, {}));
        waitForClosed(closed);
        const QString open =
            fixture().notify(request(ScriptedNumbers::Busy, {ScriptedNumbers::Silent}, 2, 3600));
        QTRY_VERIFY_WITH_TIMEOUT(
            !fixture().notification(open).value(QStringLiteral("next_attempt_at")).isNull(), 10000);
        const auto ids = [this](const QString &query) {
            QStringList found;
            const HttpResult listed =
                fixture().http.get(fixture().url(QStringLiteral("/notifications") + query));
            for (const QJsonValue &n :
                 listed.json().value(QStringLiteral("notifications")).toArray())
                found.append(n.toObject().value(QStringLiteral("notification_id")).toString());
            return found;
        };
        QCOMPARE(ids(QStringLiteral("?state=open")), QStringList{open});
        QCOMPARE(ids(QStringLiteral("?state=closed")), QStringList{closed});
        QCOMPARE(ids(QString()), (QStringList{open, closed}));
        QCOMPARE(ids(QStringLiteral("?limit=1")), QStringList{open});
        QCOMPARE(
            fixture().http.get(fixture().url(QStringLiteral("/notifications?state=done"))).status,
            422);
        QCOMPARE(fixture().http.get(fixture().url(QStringLiteral("/notifications?limit=0"))).status,
                 422);
        QCOMPARE(fixture().http.get(fixture().url(QStringLiteral("/notifications/NOnope"))).status,
                 404);
        QCOMPARE(fixture()
                     .http
                     .post(fixture().url(QStringLiteral("/notifications/NOnope/cancel")), {},
                           "application/json")
                     .status,
                 404);
        // The seed's own paths are not notifications.
        QCOMPARE(fixture().http.get(fixture().url(QStringLiteral("/notifications/call"))).status,
                 405);
    }

    void badEscalationFieldsAre422sNamingTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QJsonArray>("loc");
        const auto loc = [](const QString &field) {
            return QJsonArray{QStringLiteral("body"), field};
        };
        QTest::newRow("escalation not a list")
            << QStringLiteral("escalation") << QJsonValue(QStringLiteral("+15555550101"))
            << loc(QStringLiteral("escalation"));
        QTest::newRow("escalation bad number")
            << QStringLiteral("escalation")
            << QJsonValue(QJsonArray{ScriptedNumbers::Silent, QStringLiteral("555")})
            << QJsonArray{QStringLiteral("body"), QStringLiteral("escalation"), 1};
        QJsonArray eleven;
        for (int i = 0; i < 11; ++i)
            eleven.append(QStringLiteral("+1555555010%1").arg(i % 10));
        QTest::newRow("escalation too long") << QStringLiteral("escalation") << QJsonValue(eleven)
                                             << loc(QStringLiteral("escalation"));
        QTest::newRow("attempts 0")
            << QStringLiteral("attempts") << QJsonValue(0) << loc(QStringLiteral("attempts"));
        QTest::newRow("attempts 6")
            << QStringLiteral("attempts") << QJsonValue(6) << loc(QStringLiteral("attempts"));
        QTest::newRow("attempts text")
            << QStringLiteral("attempts") << QJsonValue(QStringLiteral("2"))
            << loc(QStringLiteral("attempts"));
        QTest::newRow("attempts fraction")
            << QStringLiteral("attempts") << QJsonValue(1.5) << loc(QStringLiteral("attempts"));
        QTest::newRow("wait too short") << QStringLiteral("retry_after_seconds") << QJsonValue(29)
                                        << loc(QStringLiteral("retry_after_seconds"));
        QTest::newRow("wait too long") << QStringLiteral("retry_after_seconds") << QJsonValue(3601)
                                       << loc(QStringLiteral("retry_after_seconds"));
        QTest::newRow("unknown list")
            << QStringLiteral("escalation_list") << QJsonValue(QStringLiteral("Nobody"))
            << loc(QStringLiteral("escalation_list"));
        QTest::newRow("blank list")
            << QStringLiteral("escalation_list") << QJsonValue(QStringLiteral(" "))
            << loc(QStringLiteral("escalation_list"));
    }

    void badEscalationFieldsAre422sNamingTheField()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QJsonArray, loc);
        QJsonObject body{{QStringLiteral("phone_number"), ScriptedNumbers::PressesOne},
                         {QStringLiteral("task_title"), Title}};
        body.insert(field, value);
        const HttpResult refused =
            fixture().http.postJson(fixture().url(QStringLiteral("/notifications/call")), body);
        QCOMPARE(refused.status, 422);
        const QJsonArray detail = refused.json().value(QStringLiteral("detail")).toArray();
        QCOMPARE(detail.size(), 1);
        QCOMPARE(detail.first().toObject().value(QStringLiteral("loc")).toArray(), loc);
        // Nothing was stored or dialled.
        QVERIFY(fixture()
                    .http.get(fixture().url(QStringLiteral("/notifications")))
                    .json()
                    .value(QStringLiteral("notifications"))
                    .toArray()
                    .isEmpty());
        QCOMPARE(fixture().engine().simulator()->calls().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEscalation)
#include "TestEscalation.moc"
