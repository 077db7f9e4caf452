// Creating calls in a burst: each pending row is in the store's file (another connection sees
// it) before Twilio is asked, though the burst's rows share their commits and syncs.
#include "EngineFixture.h"

#include "api/ApiServer.h"
#include "calls/CallStore.h"
#include "net/FormEncoding.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QUrlQuery>

using namespace flux;
using namespace flux::test;

namespace {

// A Twilio peer that, when a create arrives, looks in the store's file for the pending row the
// request names (its request_id rides in the Url parameter), then refuses with a 400 so that
// nothing is placed.
class CheckingTwilio
{
public:
    CheckingTwilio()
    {
        m_server.addRoutes({{HttpMethod::Post,
                             QStringLiteral("/2010-04-01/Accounts/{sid}/Calls.json"),
                             Route::Access::Public,
                             {},
                             QStringLiteral("create a call"),
                             [this](const HttpRequest &request, const Responder &responder) {
                                 ++asked;
                                 if (pendingOnDisk(requestIdIn(request.form)))
                                     ++foundOnDisk;
                                 responder.send(HttpResponse::json(
                                     HttpStatus::BadRequest,
                                     QJsonObject{{QStringLiteral("code"), 21211},
                                                 {QStringLiteral("message"),
                                                  QStringLiteral("Invalid 'To' Phone Number")},
                                                 {QStringLiteral("status"), 400}}));
                             }}});
        m_port = m_server.listenOn(QHostAddress::LocalHost, 0);
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    void watch(const QString &storePath) { m_storePath = storePath; }

    int asked = 0;
    int foundOnDisk = 0;

private:
    static QString requestIdIn(const FormParams &form)
    {
        const QUrl twimlUrl(FormEncoding::value(form, QStringLiteral("Url")));
        return QUrlQuery(twimlUrl).queryItemValue(QStringLiteral("request_id"));
    }
    bool pendingOnDisk(const QString &requestId) const
    {
        if (requestId.isEmpty())
            return false;
        const QString name = QStringLiteral("checking-twilio");
        bool found = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(m_storePath);
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
            if (db.open()) {
                QSqlQuery q(db);
                q.prepare(QStringLiteral("SELECT 1 FROM pending_calls WHERE request_id = ?"));
                q.addBindValue(requestId);
                found = q.exec() && q.next();
            }
        }
        QSqlDatabase::removeDatabase(name);
        return found;
    }

    ApiServer m_server;
    quint16 m_port = 0;
    QString m_storePath;
};

} // namespace

class TestCreateDurability : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachCallInABurstIsInTheFileBeforeTwilioIsAsked()
    {
        CheckingTwilio twilio;
        EngineFixture fixture(EngineFixture::liveConfig(
            twilio.url(), QStringLiteral("AC0123456789abcdef0123456789abcdef"), "tok-durable"));
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        twilio.watch(fixture.engine().storePath());

        constexpr int Burst = 24;
        QNetworkAccessManager network;
        int answered = 0;
        int refused = 0;
        for (int i = 0; i < Burst; ++i) {
            QNetworkRequest request(QUrl(fixture.url(QStringLiteral("/notifications/call"))));
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/json"));
            request.setRawHeader("Authorization", "Bearer " + fixture.engine().apiToken());
            QNetworkReply *reply = network.post(
                request, QByteArray("{\"phone_number\":\"+14155551234\",\"task_title\":\"Burst ") +
                             QByteArray::number(i) + "\"}");
            QObject::connect(reply, &QNetworkReply::finished, reply, [&answered, &refused, reply] {
                ++answered;
                // Twilio refused: the API says so (an error, not a call).
                if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() >= 400)
                    ++refused;
                reply->deleteLater();
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered, Burst, 20000);
        QCOMPARE(refused, Burst);
        QVERIFY(twilio.asked >= Burst);
        QCOMPARE(twilio.foundOnDisk, twilio.asked);
        // Refused with a 4xx: provably nothing placed, so no pending row is left behind.
        const auto pending = fixture.engine().store()->pendingCalls();
        QVERIFY(pending);
        QCOMPARE(pending.value().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCreateDurability)
#include "TestCreateDurability.moc"
