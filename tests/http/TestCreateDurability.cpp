// Creating calls in a burst: each pending row is in the store's file (another connection sees
// it) before Twilio is asked, though the burst's rows share their commits and syncs.
#include "EngineFixture.h"

#include "calls/CallStore.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using namespace flux;
using namespace flux::test;

namespace {

// A Twilio peer that, when a create arrives, looks in the store's file for the pending row the
// request names (its request_id rides in the Url parameter), then refuses with a 400 so that
// nothing is placed.
class CheckingTwilio : public QObject
{
public:
    explicit CheckingTwilio(QObject *parent = nullptr) : QObject(parent)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                QObject::connect(socket, &QTcpSocket::readyRead, this,
                                 [this, socket] { read(socket); });
        });
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    void watch(const QString &storePath) { m_storePath = storePath; }

    int asked = 0;
    int foundOnDisk = 0;

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QByteArray head = buffer.left(headerEnd).toLower();
        const qsizetype at = head.indexOf("content-length:");
        const int length =
            at < 0 ? 0 : head.mid(at + 15, head.indexOf("\r\n", at) - at - 15).trimmed().toInt();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        const QByteArray body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        ++asked;
        if (pendingOnDisk(requestIdIn(body)))
            ++foundOnDisk;
        const QByteArray json =
            "{\"code\":21211,\"message\":\"Invalid 'To' Phone Number\",\"status\":400}";
        socket->write(
            "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: " +
            QByteArray::number(json.size()) + "\r\n\r\n" + json);
    }
    static QString requestIdIn(const QByteArray &body)
    {
        const QUrlQuery form(QString::fromUtf8(body).replace(QLatin1Char('+'), QLatin1Char(' ')));
        const QUrl twimlUrl(form.queryItemValue(QStringLiteral("Url"), QUrl::FullyDecoded));
        return QUrlQuery(twimlUrl).queryItemValue(QStringLiteral("request_id"));
    }
    bool pendingOnDisk(const QString &requestId)
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

    QTcpServer m_server;
    QString m_storePath;
    QHash<QTcpSocket *, QByteArray> m_buffers;
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
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
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
