// Reconciliation in live mode against a scripted Twilio peer on loopback: a call whose final
// callback was lost while the app was down gets its final status from the REST API after the
// restart; a create whose answer was lost is found in the list of calls; a 429 backs off.
#include "EngineFixture.h"

#include "api/ApiServer.h"
#include "calls/CallReconciler.h"
#include "calls/CallService.h"
#include "calls/CallStatus.h"
#include "calls/CallStore.h"
#include "net/FormEncoding.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace flux;
using namespace flux::test;

namespace {

const QString AccountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QByteArray AuthToken = "tok-reconcile";
const QString From = QStringLiteral("+15005550006");

QString twilioTime(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss +0000"));
}

QJsonObject callResource(const QString &sid, const QString &to, const QString &status,
                         const QDateTime &created)
{
    const bool ended = CallStatus::isFinal(status);
    return QJsonObject{
        {QStringLiteral("sid"), sid},
        {QStringLiteral("account_sid"), AccountSid},
        {QStringLiteral("to"), to},
        {QStringLiteral("from"), From},
        {QStringLiteral("status"), status},
        {QStringLiteral("direction"), QStringLiteral("outbound-api")},
        {QStringLiteral("date_created"), twilioTime(created)},
        {QStringLiteral("date_updated"), twilioTime(created.addSecs(40))},
        {QStringLiteral("start_time"), twilioTime(created)},
        {QStringLiteral("end_time"),
         ended ? QJsonValue(twilioTime(created.addSecs(40))) : QJsonValue()},
        {QStringLiteral("duration"), ended ? QJsonValue(QStringLiteral("31")) : QJsonValue()},
        {QStringLiteral("answered_by"), QJsonValue()},
    };
}

// Twilio's Calls resource as a script: creates are answered with a queued call, fetches from
// `calls` (404 for others), lists with `listed` over pages of two; every request is counted,
// and while `rateLimited` every request is answered 429.
class ScriptedTwilio
{
public:
    ScriptedTwilio()
    {
        const QString calls = QStringLiteral("/2010-04-01/Accounts/{AccountSid}/Calls.json");
        const QString call =
            QStringLiteral("/2010-04-01/Accounts/{AccountSid}/Calls/{CallSidJson}");
        m_server.addRoutes({
            {HttpMethod::Post,
             calls,
             Route::Access::Public,
             QStringLiteral("create"),
             {},
             [this](const HttpRequest &request, const Responder &responder) {
                 ++requests;
                 if (refused(responder))
                     return;
                 const QString sid =
                     QStringLiteral("CA%1").arg(++m_created, 32, 10, QLatin1Char('0'));
                 responder.send(HttpResponse::json(
                     HttpStatus::Created,
                     callResource(sid, FormEncoding::value(request.form, QStringLiteral("To")),
                                  CallStatus::Queued, QDateTime::currentDateTimeUtc())));
             }},
            {HttpMethod::Get,
             call,
             Route::Access::Public,
             QStringLiteral("fetch"),
             {},
             [this](const HttpRequest &request, const Responder &responder) {
                 ++requests;
                 ++fetches;
                 if (refused(responder))
                     return;
                 QString sid = request.pathParams.value(QStringLiteral("CallSidJson"));
                 sid.chop(5); // ".json"
                 if (!this->calls.contains(sid))
                     return responder.send(HttpResponse::json(
                         HttpStatus::NotFound,
                         QJsonObject{{QStringLiteral("code"), 20404},
                                     {QStringLiteral("message"),
                                      QStringLiteral("The requested resource was not found")},
                                     {QStringLiteral("status"), 404}}));
                 responder.send(HttpResponse::json(HttpStatus::Ok, this->calls.value(sid)));
             }},
            {HttpMethod::Get,
             calls,
             Route::Access::Public,
             QStringLiteral("list"),
             {},
             [this](const HttpRequest &request, const Responder &responder) {
                 ++requests;
                 ++lists;
                 if (refused(responder))
                     return;
                 listQueries.append(request.queryForm);
                 const int page =
                     FormEncoding::value(request.queryForm, QStringLiteral("Page")).toInt();
                 QJsonArray calls;
                 for (qsizetype i = page * 2; i < listed.size() && i < page * 2 + 2; ++i)
                     calls.append(listed.at(i));
                 const bool more = (page + 1) * 2 < listed.size();
                 const FormParams nextQuery{
                     {QStringLiteral("To"),
                      FormEncoding::value(request.queryForm, QStringLiteral("To"))},
                     {QStringLiteral("PageSize"), QStringLiteral("2")},
                     {QStringLiteral("Page"), QString::number(page + 1)}};
                 const QString next = QStringLiteral("/2010-04-01/Accounts/") + AccountSid +
                                      QStringLiteral("/Calls.json?") +
                                      QString::fromLatin1(FormEncoding::encode(nextQuery));
                 responder.send(HttpResponse::json(
                     HttpStatus::Ok, QJsonObject{{QStringLiteral("calls"), calls},
                                                 {QStringLiteral("page"), page},
                                                 {QStringLiteral("next_page_uri"),
                                                  more ? QJsonValue(next) : QJsonValue()}}));
             }},
        });
        m_port = m_server.listenOn(QHostAddress::LocalHost, 0);
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }

    QHash<QString, QJsonObject> calls; // what a fetch answers, by sid
    QList<QJsonObject> listed;         // what a list answers, newest first
    QList<FormParams> listQueries;
    bool rateLimited = false;
    int requests = 0;
    int fetches = 0;
    int lists = 0;

private:
    bool refused(const Responder &responder) const
    {
        if (!rateLimited)
            return false;
        responder.send(HttpResponse::json(
            HttpStatus::TooManyRequests,
            QJsonObject{{QStringLiteral("code"), 20429},
                        {QStringLiteral("message"), QStringLiteral("Too Many Requests")},
                        {QStringLiteral("status"), 429}}));
        return true;
    }

    ApiServer m_server;
    quint16 m_port = 0;
    int m_created = 0;
};

// The store file as the app left it, changed behind its back: the call heard nothing for long.
void age(const QString &storePath, const QString &sid, const QDateTime &updatedAt)
{
    const QString name = QStringLiteral("age-call");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(storePath);
        QVERIFY(db.open());
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE calls SET updated_at = ? WHERE sid = ?"));
        q.addBindValue(updatedAt.toUTC().toString(Qt::ISODateWithMs));
        q.addBindValue(sid);
        QVERIFY(q.exec());
        QCOMPARE(q.numRowsAffected(), 1);
    }
    QSqlDatabase::removeDatabase(name);
}

// Writes the store before the engine opens it, as an earlier run would have left it.
void prepareStore(const QString &storePath, const std::function<void(CallStore &)> &write)
{
    auto store = CallStore::open(storePath);
    QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
    write(*store.value());
    store.value()->close();
}

Config liveConfig(const ScriptedTwilio &twilio, const QString &dataDir)
{
    Config config = EngineFixture::liveConfig(twilio.url(), AccountSid, AuthToken, From);
    config.dataDir = dataDir;
    return config;
}

CallEvent lastStatusEvent(CallStore &store, const QString &sid)
{
    CallEvent last;
    const auto events = store.events(sid);
    for (const CallEvent &event : events.value()) {
        if (event.kind == CallEvent::Kind::Status)
            last = event;
    }
    return last;
}

} // namespace

class TestReconciliation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aCallWhoseFinalCallbackWasLostDuringARestartIsSettledFromTheRestApi()
    {
        ScriptedTwilio twilio;
        QTemporaryDir dataDir;
        QString sid;
        QString storePath;
        {
            EngineFixture before(liveConfig(twilio, dataDir.path()));
            QVERIFY2(before.started(), qPrintable(before.startError()));
            sid = before.placeCall(QStringLiteral("+14155550123"), QStringLiteral("Disk full"));
            QVERIFY(!sid.isEmpty());
            storePath = before.engine().storePath();
        } // down before the call's callbacks came; Twilio went on without us
        age(storePath, sid, QDateTime::currentDateTimeUtc().addSecs(-600));
        QJsonObject ended = callResource(sid, QStringLiteral("+14155550123"), CallStatus::Completed,
                                         QDateTime::currentDateTimeUtc().addSecs(-590));
        ended.insert(QStringLiteral("answered_by"), QStringLiteral("human"));
        twilio.calls.insert(sid, ended);
        const int requestsBefore = twilio.requests;

        EngineFixture after(liveConfig(twilio, dataDir.path()));
        QVERIFY2(after.started(), qPrintable(after.startError()));
        const QJsonObject call = after.waitForFinal(sid, 10000);
        QCOMPARE(call.value(QStringLiteral("status")).toString(), CallStatus::Completed);
        QCOMPARE(call.value(QStringLiteral("outcome")).toString(), CallOutcome::NotAcknowledged);
        QCOMPARE(twilio.fetches, 1);
        QCOMPARE(twilio.requests, requestsBefore + 1);

        const CallEvent event = lastStatusEvent(*after.engine().store(), sid);
        QCOMPARE(event.status, CallStatus::Completed);
        QCOMPARE(event.detail, CallReconciler::eventDetail());
        QCOMPARE(event.sequence, -1);
        QCOMPARE(event.answeredBy, AnsweredBy::Human);
        QCOMPARE(event.durationSeconds, 31);
        const auto stored = after.engine().store()->call(sid);
        QCOMPARE(stored.value()->durationSeconds, 31);
        QCOMPARE(stored.value()->answeredBy, AnsweredBy::Human);
    }

    void aCallThatHeardFromTwilioRecentlyIsNotAskedAbout()
    {
        ScriptedTwilio twilio;
        QTemporaryDir dataDir;
        QString sid;
        {
            EngineFixture before(liveConfig(twilio, dataDir.path()));
            QVERIFY2(before.started(), qPrintable(before.startError()));
            sid = before.placeCall(QStringLiteral("+14155550123"), QStringLiteral("Fresh"));
            QVERIFY(!sid.isEmpty());
        }
        EngineFixture after(liveConfig(twilio, dataDir.path()));
        QVERIFY2(after.started(), qPrintable(after.startError()));
        bool passed = false;
        QObject::connect(after.engine().reconciler(), &CallReconciler::passFinished,
                         [&passed](const CallReconciler::Pass &) { passed = true; });
        QTRY_VERIFY(passed);
        QCOMPARE(twilio.fetches, 0);
        QCOMPARE(after.call(sid).value(QStringLiteral("status")).toString(), CallStatus::Queued);
    }

    void aCreateWhoseAnswerWasLostIsFoundInTheListOfCalls()
    {
        ScriptedTwilio twilio;
        QTemporaryDir dataDir;
        const QDateTime requestedAt = QDateTime::currentDateTimeUtc().addSecs(-300);
        const QString to = QStringLiteral("+14155550177");
        prepareStore(
            QDir(dataDir.path()).filePath(QStringLiteral("calls.sqlite")), [&](CallStore &store) {
                PendingCall pending{
                    QStringLiteral("req-lost"), to,         From, QStringLiteral("Lost answer"),
                    QStringLiteral("T-9"),      requestedAt};
                QVERIFY(store.insertPending(pending));
                CallRecord other;
                other.sid = QStringLiteral("CA-known-later");
                other.to = to;
                other.from = From;
                other.status = CallStatus::Completed;
                QVERIFY(store.insertCall(other));
            });
        // Newest first, over two pages: a later call this desk knows, the lost one, and one
        // from before the request.
        const QString lostSid = QStringLiteral("CA-lost");
        twilio.listed = {
            callResource(QStringLiteral("CA-known-later"), to, CallStatus::Completed,
                         requestedAt.addSecs(60)),
            callResource(QStringLiteral("CA-other-later"), to, CallStatus::Completed,
                         requestedAt.addSecs(3600)),
            callResource(lostSid, to, CallStatus::NoAnswer, requestedAt.addSecs(2)),
            callResource(QStringLiteral("CA-before"), to, CallStatus::Completed,
                         requestedAt.addSecs(-1800)),
        };

        EngineFixture fixture(liveConfig(twilio, dataDir.path()));
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        QStringList placed;
        QObject::connect(fixture.engine().calls(), &CallService::callPlaced,
                         [&placed](const CallRecord &call) { placed.append(call.sid); });
        const QJsonObject call = fixture.waitForFinal(lostSid, 10000);
        QCOMPARE(call.value(QStringLiteral("status")).toString(), CallStatus::NoAnswer);
        QCOMPARE(call.value(QStringLiteral("task_title")).toString(),
                 QStringLiteral("Lost answer"));
        QCOMPARE(call.value(QStringLiteral("task_id")).toString(), QStringLiteral("T-9"));
        QCOMPARE(call.value(QStringLiteral("reason")).toString(), CallReason::NoAnswer);
        QCOMPARE(placed, QStringList{lostSid});
        QCOMPARE(fixture.engine().store()->pendingCalls().value().size(), 0);
        QCOMPARE(lastStatusEvent(*fixture.engine().store(), lostSid).detail,
                 CallReconciler::eventDetail());
        QVERIFY(!fixture.engine().store()->call(QStringLiteral("CA-other-later")).value());

        QCOMPARE(twilio.lists, 2); // both pages
        const FormParams &query = twilio.listQueries.first();
        QCOMPARE(FormEncoding::value(query, QStringLiteral("To")), to);
        QCOMPARE(FormEncoding::value(query, QStringLiteral("From")), From);
        QCOMPARE(FormEncoding::value(query, QStringLiteral("StartTime>")),
                 requestedAt.addSecs(-60).date().toString(Qt::ISODate));
        QVERIFY(FormEncoding::contains(query, QStringLiteral("PageSize")));
    }

    void anOldRequestTwilioListsNoCallForIsDropped()
    {
        ScriptedTwilio twilio;
        QTemporaryDir dataDir;
        prepareStore(
            QDir(dataDir.path()).filePath(QStringLiteral("calls.sqlite")), [&](CallStore &store) {
                QVERIFY(store.insertPending({QStringLiteral("req-old"),
                                             QStringLiteral("+14155550178"),
                                             From,
                                             QStringLiteral("Never rang"),
                                             {},
                                             QDateTime::currentDateTimeUtc().addSecs(-1200)}));
                QVERIFY(store.insertPending({QStringLiteral("req-young"),
                                             QStringLiteral("+14155550179"),
                                             From,
                                             QStringLiteral("Maybe later"),
                                             {},
                                             QDateTime::currentDateTimeUtc().addSecs(-300)}));
            });
        EngineFixture fixture(liveConfig(twilio, dataDir.path()));
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        CallReconciler::Pass pass;
        bool passed = false;
        QObject::connect(fixture.engine().reconciler(), &CallReconciler::passFinished,
                         [&](const CallReconciler::Pass &finished) {
                             pass = finished;
                             passed = true;
                         });
        QTRY_VERIFY(passed);
        QCOMPARE(twilio.lists, 2);
        QCOMPARE(pass.dropped, 1);
        const auto pending = fixture.engine().store()->pendingCalls();
        QCOMPARE(pending.value().size(), 1);
        QCOMPARE(pending.value().first().requestId, QStringLiteral("req-young"));
    }

    void aRateLimitEndsThePassAndDoublesTheWaitUntilAPassGoesThrough()
    {
        ScriptedTwilio twilio;
        QTemporaryDir dataDir;
        const QString storePath = QDir(dataDir.path()).filePath(QStringLiteral("calls.sqlite"));
        QStringList sids;
        prepareStore(storePath, [&](CallStore &store) {
            for (int i = 0; i < 3; ++i) {
                CallRecord call;
                call.sid = QStringLiteral("CA-stuck-%1").arg(i);
                call.to = QStringLiteral("+1415555014%1").arg(i);
                call.from = From;
                call.status = CallStatus::InProgress;
                call.initiatedAt = QDateTime::currentDateTimeUtc().addSecs(-900);
                call.updatedAt = call.initiatedAt.addSecs(i);
                QVERIFY(store.insertCall(call));
                sids.append(call.sid);
            }
        });
        for (const QString &sid : std::as_const(sids))
            twilio.calls.insert(sid, callResource(sid, QStringLiteral("+14155550140"),
                                                  CallStatus::Completed,
                                                  QDateTime::currentDateTimeUtc().addSecs(-900)));
        twilio.rateLimited = true;

        Config config = liveConfig(twilio, dataDir.path());
        config.reconcileSeconds = 300;
        EngineFixture fixture(config);
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        CallReconciler *reconciler = fixture.engine().reconciler();
        QList<CallReconciler::Pass> passes;
        QObject::connect(reconciler, &CallReconciler::passFinished,
                         [&passes](const CallReconciler::Pass &pass) { passes.append(pass); });

        QTRY_COMPARE(passes.size(), 1);
        QVERIFY(passes.last().rateLimited);
        QCOMPARE(twilio.requests, 1); // the first 429 ends the pass: no retry, no second call
        QCOMPARE(reconciler->nextPassSeconds(), 600);

        reconciler->reconcileNow();
        QTRY_COMPARE(passes.size(), 2);
        QCOMPARE(twilio.requests, 2);
        QCOMPARE(reconciler->nextPassSeconds(), 1200);

        twilio.rateLimited = false;
        reconciler->reconcileNow();
        QTRY_COMPARE(passes.size(), 3);
        QVERIFY(!passes.last().rateLimited);
        QCOMPARE(passes.last().settled, 3);
        QCOMPARE(twilio.requests, 2 + 3);
        QCOMPARE(reconciler->nextPassSeconds(), 300);
        for (const QString &sid : std::as_const(sids))
            QCOMPARE(fixture.call(sid).value(QStringLiteral("status")).toString(),
                     CallStatus::Completed);
    }

    void aPassAsksAboutAtMostItsShareOfCalls()
    {
        ScriptedTwilio twilio;
        QTemporaryDir dataDir;
        prepareStore(QDir(dataDir.path()).filePath(QStringLiteral("calls.sqlite")),
                     [&](CallStore &store) {
                         for (int i = 0; i < 25; ++i) {
                             CallRecord call;
                             call.sid = QStringLiteral("CA-ringing-%1").arg(i);
                             call.to = QStringLiteral("+14155550150");
                             call.from = From;
                             call.status = CallStatus::Ringing;
                             call.initiatedAt = QDateTime::currentDateTimeUtc().addSecs(-900);
                             QVERIFY(store.insertCall(call));
                         }
                     });
        EngineFixture fixture(liveConfig(twilio, dataDir.path()));
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        bool passed = false;
        QObject::connect(fixture.engine().reconciler(), &CallReconciler::passFinished,
                         [&passed](const CallReconciler::Pass &) { passed = true; });
        QTRY_VERIFY(passed);
        // Twilio knows none of them (404): each is asked once, and only 20 in a pass.
        QCOMPARE(twilio.fetches, CallReconciler::Options().maxRequestsPerPass);
    }
};

QTEST_GUILESS_MAIN(TestReconciliation)
#include "TestReconciliation.moc"
