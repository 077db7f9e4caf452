// kill -9 with an outcome event not yet delivered, then a restart: the event still goes out,
// with the id it had before, signed with the secret the first run generated. The real
// flux-calldesk binary runs in live mode against a Twilio simulator in this test process.
#include "LiveAppProcess.h"
#include "LocalPorts.h"
#include "LoopbackClient.h"
#include "OutcomeReceiver.h"

#include "calls/Notification.h"
#include "calls/OutcomeEvent.h"
#include "simulator/ScriptedNumbers.h"
#include "simulator/TwilioSimulator.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

using namespace flux;
using namespace flux::test;

namespace {
const QByteArray ApiToken = "outcome-restart-token";
} // namespace

class TestOutcomeWebhooksRestart : public QObject
{
    Q_OBJECT

    std::unique_ptr<TwilioSimulator> m_sim;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LiveAppProcess> m_app;
    LoopbackClient m_http;
    quint16 m_receiverPort = 0;

    QString base() const { return m_app->baseUrl(); }

    QJsonObject notification(const QString &id)
    {
        return m_http.get(base() + QStringLiteral("/notifications/") + id, m_app->auth()).json();
    }

private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("flux.sim.info=false")); }
    void init()
    {
        m_sim = std::make_unique<TwilioSimulator>(
            TwilioSimulator::Options{QHostAddress::LocalHost, 0, 1.0});
        QVERIFY(m_sim->start().ok());
        m_dir = std::make_unique<QTemporaryDir>();
        m_receiverPort = freePort();
        m_app = std::make_unique<LiveAppProcess>(
            QStringLiteral(FLUX_APP_BINARY), *m_sim, m_dir->path(), freePort(), ApiToken,
            QHash<QString, QString>{
                {QStringLiteral("FLUX_OUTCOME_WEBHOOK_URL"),
                 QStringLiteral("http://127.0.0.1:%1/outcome").arg(m_receiverPort)},
                {QStringLiteral("FLUX_OUTCOME_WEBHOOK_SECRET"), QString()},
                {QStringLiteral("FLUX_OUTCOME_RETRY_BASE_MS"), QStringLiteral("300")}});
        m_http.timeoutMs = 5000;
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning().noquote() << m_app->logs().right(20000);
        m_app.reset();
        m_sim.reset();
        m_dir.reset();
    }

    void anUndeliveredEventSurvivesAKillAndGoesOutAfterTheRestart()
    {
        QVERIFY2(m_app->start(), qPrintable(m_app->logs()));
        const QJsonObject body{{QStringLiteral("phone_number"), ScriptedNumbers::PressesOne},
                               {QStringLiteral("task_title"), QStringLiteral("Restart me")},
                               {QStringLiteral("task_id"), QStringLiteral("T-9")}};
        const HttpResult created =
            m_http.post(base() + QStringLiteral("/notifications/call"),
                        QJsonDocument(body).toJson(), "application/json", m_app->auth());
        QCOMPARE(created.status, 201);
        const QString id = created.json().value(QStringLiteral("notification_id")).toString();

        // Acknowledged, and its event tried while the receiver is down.
        QJsonObject delivery;
        QTRY_VERIFY_WITH_TIMEOUT(
            (delivery =
                 notification(id).value(QStringLiteral("deliveries")).toArray().first().toObject())
                    .value(QStringLiteral("attempts"))
                    .toArray()
                    .size() >= 1,
            30000);
        QCOMPARE(delivery.value(QStringLiteral("state")).toString(), DeliveryState::Pending);
        const QString eventId = delivery.value(QStringLiteral("event_id")).toString();
        QVERIFY(m_app->kill9());

        // The secret was generated once, owner-only, and is kept across starts.
        QFile secretFile(QDir(m_dir->path()).filePath(QStringLiteral("outcome-webhook-secret")));
        QVERIFY(secretFile.open(QIODevice::ReadOnly));
        const QByteArray secret = secretFile.readAll().trimmed();
        QVERIFY(secret.size() >= 32);
        QCOMPARE(secretFile.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());

        OutcomeReceiver receiver(m_receiverPort);
        QCOMPARE(receiver.port(), m_receiverPort);
        QVERIFY2(m_app->start(), qPrintable(m_app->logs()));
        QTRY_COMPARE_WITH_TIMEOUT(receiver.posts.size(), 1, 20000);
        const OutcomePost &post = receiver.posts.first();
        QCOMPARE(post.eventId(), eventId);
        QVERIFY(OutcomeReceiver::verify(post.signature, post.body, secret, post.receivedAtSecs));
        const QJsonObject n = post.json().value(QStringLiteral("notification")).toObject();
        QCOMPARE(n.value(QStringLiteral("notification_id")).toString(), id);
        QCOMPARE(n.value(QStringLiteral("acknowledged_by")).toString(),
                 ScriptedNumbers::PressesOne);
        QTRY_COMPARE_WITH_TIMEOUT(notification(id)
                                      .value(QStringLiteral("deliveries"))
                                      .toArray()
                                      .first()
                                      .toObject()
                                      .value(QStringLiteral("state"))
                                      .toString(),
                                  DeliveryState::Delivered, 5000);
        QVERIFY(QFile::exists(secretFile.fileName()));
        secretFile.close();
        QVERIFY(secretFile.open(QIODevice::ReadOnly));
        QCOMPARE(secretFile.readAll().trimmed(), secret);
    }
};

QTEST_GUILESS_MAIN(TestOutcomeWebhooksRestart)
#include "TestOutcomeWebhooksRestart.moc"
