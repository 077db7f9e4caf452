// When the store fails under a webhook or a call request: the answer is 5xx (so Twilio, or the
// script, tries again), nothing is half-written, and the retry then succeeds. The failures are
// real: another connection holds the write lock, or a trigger aborts a statement mid-transaction.
#include "EngineFixture.h"

#include "api/ApiServer.h"
#include "calls/CallStore.h"
#include "twilio/VoicePrompts.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace flux;
using namespace flux::test;

namespace {
const QString AccountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QByteArray Token = "store-fault-token";
const QString PublicBase = QStringLiteral("https://calls.example.com");
const QString Sid = QStringLiteral("CA33333333333333333333333333333333");

// Twilio's Calls.json on loopback: every create gets the same sid.
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
                  responder.send(HttpResponse::json(
                      HttpStatus::Created,
                      QJsonObject{{QStringLiteral("sid"), Sid},
                                  {QStringLiteral("status"), QStringLiteral("queued")},
                                  {QStringLiteral("to"),
                                   FormEncoding::value(request.form, QStringLiteral("To"))}}));
              }}});
        port = server.listenOn(QHostAddress::LocalHost, 0);
    }
    ApiServer server;
    quint16 port = 0;
    int creates = 0;
};

// A second connection to the store's file, as another process would open it.
class Intruder
{
public:
    explicit Intruder(const QString &path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), Name);
        db.setDatabaseName(path);
        db.open();
    }
    ~Intruder()
    {
        QSqlDatabase::database(Name).close();
        QSqlDatabase::removeDatabase(Name);
    }
    bool run(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(Name));
        if (q.exec(sql))
            return true;
        qWarning().noquote() << sql << "failed:" << q.lastError().text();
        return false;
    }

private:
    static inline const QString Name = QStringLiteral("intruder");
};
} // namespace

class TestStoreFaults : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScriptedTwilio> m_twilio;
    std::unique_ptr<EngineFixture> m_fixture;

    HttpResult signedPost(const QString &path, const FormParams &form)
    {
        return m_fixture->http.postSignedForm(m_fixture->url(path), form, Token, PublicBase + path);
    }
    HttpResult gather(const QString &digits)
    {
        return signedPost(QStringLiteral("/notifications/call/gather"),
                          {{QStringLiteral("CallSid"), Sid}, {QStringLiteral("Digits"), digits}});
    }
    HttpResult status(const QString &callStatus, int sequence)
    {
        return signedPost(QStringLiteral("/notifications/call/status"),
                          {{QStringLiteral("CallSid"), Sid},
                           {QStringLiteral("CallStatus"), callStatus},
                           {QStringLiteral("SequenceNumber"), QString::number(sequence)}});
    }
    CallRecord stored()
    {
        const auto found = m_fixture->engine().store()->call(Sid);
        return found && found.value() ? *found.value() : CallRecord{};
    }
    int events()
    {
        const auto found = m_fixture->engine().store()->events(Sid);
        return found ? int(found.value().size()) : -1;
    }
    HttpResult placeCall()
    {
        return m_fixture->http.postJson(
            m_fixture->url(QStringLiteral("/notifications/call")),
            {{QStringLiteral("phone_number"), QStringLiteral("+14155551234")},
             {QStringLiteral("task_title"), QStringLiteral("Certificate expires")}});
    }

private Q_SLOTS:
    void init()
    {
        m_twilio = std::make_unique<ScriptedTwilio>();
        QVERIFY(m_twilio->port != 0);
        m_fixture = std::make_unique<EngineFixture>(EngineFixture::liveConfig(
            QStringLiteral("http://127.0.0.1:%1").arg(m_twilio->port), AccountSid, Token,
            QStringLiteral("+15005550006"), PublicBase));
        QVERIFY2(m_fixture->started(), qPrintable(m_fixture->startError()));
    }
    void cleanup()
    {
        m_fixture.reset();
        m_twilio.reset();
    }

    void lockedStoreAnswersWebhooks500AndTheRetryLands()
    {
        QCOMPARE(placeCall().status, 201);
        const int eventsBefore = events();
        {
            Intruder other(m_fixture->engine().storePath());
            QVERIFY(other.run(QStringLiteral("BEGIN EXCLUSIVE")));
            QElapsedTimer elapsed;
            elapsed.start();
            const HttpResult pressed = gather(QStringLiteral("1"));
            QCOMPARE(pressed.status, 500);
            QVERIFY2(pressed.body.contains("locked"), pressed.body.constData());
            QCOMPARE(status(QStringLiteral("in-progress"), 2).status, 500);
            QVERIFY(other.run(QStringLiteral("ROLLBACK")));
            // It waited for the lock (busy_timeout) before giving up, and did give up.
            QVERIFY2(elapsed.elapsed() >= 1500, qPrintable(QString::number(elapsed.elapsed())));
        }
        QCOMPARE(stored().outcome, CallOutcome::Pending);
        QCOMPARE(stored().status, CallStatus::Queued);
        QCOMPARE(events(), eventsBefore);

        // Twilio's retry.
        const HttpResult retried = gather(QStringLiteral("1"));
        QCOMPARE(retried.status, 200);
        QCOMPARE(retried.body, VoicePrompts::gatherAnswer(true));
        QCOMPARE(status(QStringLiteral("in-progress"), 2).status, 200);
        QCOMPARE(stored().outcome, CallOutcome::Acknowledged);
        QCOMPARE(stored().status, CallStatus::InProgress);
        QCOMPARE(events(), eventsBefore + 2);
    }

    void answerThatFailsHalfwayLeavesNoHalfAnswer()
    {
        QCOMPARE(placeCall().status, 201);
        const int eventsBefore = events();
        Intruder other(m_fixture->engine().storePath());
        // The outcome's UPDATE succeeds, then the event's INSERT is refused: all or nothing.
        QVERIFY(other.run(QStringLiteral(
            "CREATE TRIGGER refuse_gather BEFORE INSERT ON call_events WHEN NEW.kind = 'gather'"
            " BEGIN SELECT RAISE(ABORT, 'injected failure'); END")));
        const HttpResult pressed = gather(QStringLiteral("1"));
        QCOMPARE(pressed.status, 500);
        QVERIFY2(pressed.body.contains("injected failure"), pressed.body.constData());
        QCOMPARE(stored().outcome, CallOutcome::Pending);
        QCOMPARE(stored().digits, QString());
        QCOMPARE(events(), eventsBefore);

        QVERIFY(other.run(QStringLiteral("DROP TRIGGER refuse_gather")));
        QCOMPARE(gather(QStringLiteral("1")).status, 200);
        QCOMPARE(stored().outcome, CallOutcome::Acknowledged);
        QCOMPARE(events(), eventsBefore + 1);
    }

    void statusThatFailsHalfwayLeavesNoOrphanEvent()
    {
        QCOMPARE(placeCall().status, 201);
        const int eventsBefore = events();
        Intruder other(m_fixture->engine().storePath());
        // The event's INSERT succeeds, then the call's UPDATE is refused.
        QVERIFY(
            other.run(QStringLiteral("CREATE TRIGGER refuse_status BEFORE UPDATE OF status ON calls"
                                     " BEGIN SELECT RAISE(ABORT, 'injected failure'); END")));
        QCOMPARE(status(QStringLiteral("ringing"), 1).status, 500);
        QCOMPARE(events(), eventsBefore);
        QCOMPARE(stored().status, CallStatus::Queued);

        QVERIFY(other.run(QStringLiteral("DROP TRIGGER refuse_status")));
        const HttpResult retried = status(QStringLiteral("ringing"), 1);
        QCOMPARE(retried.status, 200);
        QCOMPARE(retried.json().value(QStringLiteral("result")).toString(),
                 QStringLiteral("applied"));
        QCOMPARE(events(), eventsBefore + 1);
    }

    void callRequestTheStoreCannotRecordIsNeverSentToTwilio()
    {
        Intruder other(m_fixture->engine().storePath());
        QVERIFY(other.run(QStringLiteral("CREATE TRIGGER refuse_pending BEFORE INSERT ON"
                                         " pending_calls BEGIN SELECT RAISE(ABORT, 'disk full');"
                                         " END")));
        const HttpResult refused = placeCall();
        QCOMPARE(refused.status, 500);
        QVERIFY2(refused.body.contains("disk full"), refused.body.constData());
        QCOMPARE(m_twilio->creates, 0);

        QVERIFY(other.run(QStringLiteral("DROP TRIGGER refuse_pending")));
        QCOMPARE(placeCall().status, 201);
        QCOMPARE(m_twilio->creates, 1);
    }
};

QTEST_GUILESS_MAIN(TestStoreFaults)
#include "TestStoreFaults.moc"
