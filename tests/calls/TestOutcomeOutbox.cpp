// The outcome webhooks' outbox in a real SQLite file: the event is written with the close of
// its notification, once, with one delivery per receiver; tries move a delivery's due time;
// "deliver again" makes it due now; and the retry waits grow, jittered, up to their cap.
#include "CallStoreFixtures.h"

#include "calls/CallStore.h"
#include "calls/OutcomeWebhookSender.h"

#include <QTemporaryDir>
#include <QTest>

using namespace flux;
using namespace flux::testing;

namespace {
const QString Hook = QStringLiteral("https://hooks.example.com/flux");
const QString Own = QStringLiteral("https://own.example.com/cb?token=1");
} // namespace

class TestOutcomeOutbox : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CallStore> m_store;
    int m_count = 0;

    // An open notification with one attempt; `callbackUrl` its own receiver.
    QString open(const QString &callbackUrl)
    {
        Notification n;
        n.id = QStringLiteral("NO%1").arg(++m_count, 32, 10, QLatin1Char('0'));
        n.taskTitle = QStringLiteral("Disk full");
        n.taskId = QStringLiteral("T-1");
        n.numbers = {QStringLiteral("+15555550101")};
        n.callbackUrl = callbackUrl;
        n.createdAt = QDateTime::currentDateTimeUtc();
        NotificationAttempt first;
        first.number = n.numbers.first();
        PendingCall pending;
        pending.requestId = QStringLiteral("r%1").arg(m_count);
        pending.to = first.number;
        pending.taskTitle = n.taskTitle;
        const auto stored = m_store->insertNotification(n, first, pending);
        return stored ? n.id : QString();
    }

private Q_SLOTS:
    void init()
    {
        auto opened = CallStore::open(m_dir.filePath(QStringLiteral("outbox-%1.db").arg(m_count)));
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        m_store = std::move(opened.value());
    }
    void cleanup() { m_store.reset(); }

    void closingWritesOneEventWithADeliveryPerReceiver()
    {
        const QString id = open(Own);
        QVERIFY(!id.isEmpty());
        QVERIFY(m_store->deliveriesOf(id).value().isEmpty());
        QVERIFY(m_store
                    ->closeNotification(id, NotificationOutcome::NotAcknowledged, {},
                                        {Hook, Own}) // Own twice: one delivery
                    .value());
        const QList<OutcomeDelivery> deliveries = m_store->deliveriesOf(id).value();
        QCOMPARE(deliveries.size(), 2);
        QCOMPARE(deliveries.at(0).url, Own);
        QCOMPARE(deliveries.at(1).url, Hook);
        QCOMPARE(deliveries.at(0).eventId, deliveries.at(1).eventId);
        QVERIFY(deliveries.at(0).eventId.startsWith(QLatin1String("EV")));
        QCOMPARE(deliveries.at(0).state, DeliveryState::Pending);
        QVERIFY(deliveries.at(0).giveUpAt > QDateTime::currentDateTimeUtc().addSecs(23 * 3600));

        const QList<OutcomeDelivery> due =
            m_store->dueDeliveries(QDateTime::currentDateTimeUtc(), 10).value();
        QCOMPARE(due.size(), 2);
        QCOMPARE(due.at(0).body, due.at(1).body);
        QVERIFY(due.at(0).body.contains("\"type\":\"notification.not_acknowledged\""));

        // Closed already: no second event.
        QVERIFY(!m_store->closeNotification(id, NotificationOutcome::Canceled, {}, {Hook}).value());
        QCOMPARE(m_store->deliveriesOf(id).value().size(), 2);
    }

    void aNotificationWithoutReceiversHasNoEventUntilDeliveredAgain()
    {
        const QString id = open({});
        QVERIFY(m_store->closeNotification(id, NotificationOutcome::Canceled).value());
        QVERIFY(m_store->deliveriesOf(id).value().isEmpty());
        QVERIFY(!m_store->nextDeliveryAt().value().isValid());
        QCOMPARE(m_store->redeliver(id, {}).value(), 0);
        QCOMPARE(m_store->redeliver(id, {Hook}).value(), 1);
        QCOMPARE(m_store->deliveriesOf(id).value().first().url, Hook);
        QCOMPARE(m_store->redeliver(open(Own), {Hook}).value(), 0); // open: nothing to deliver
    }

    void triesMoveTheDueTimeAndDeliverAgainMakesItDueNow()
    {
        const QString id = open({});
        QVERIFY(m_store->closeNotification(id, NotificationOutcome::Canceled, {}, {Hook}).value());
        const qint64 deliveryId = m_store->deliveriesOf(id).value().first().id;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QDateTime later = now.addSecs(60);
        QVERIFY(m_store
                    ->recordDeliveryAttempt(deliveryId, {now, 503, QStringLiteral("HTTP 503")},
                                            DeliveryState::Pending, later)
                    .ok());
        QVERIFY(m_store->dueDeliveries(now.addSecs(1), 10).value().isEmpty());
        QCOMPARE(m_store->nextDeliveryAt().value(), later);
        QVERIFY(m_store
                    ->recordDeliveryAttempt(deliveryId, {now.addSecs(61), 200, {}},
                                            DeliveryState::Delivered, {})
                    .ok());
        QVERIFY(!m_store->nextDeliveryAt().value().isValid());
        OutcomeDelivery d = m_store->deliveriesOf(id).value().first();
        QCOMPARE(d.state, DeliveryState::Delivered);
        QCOMPARE(d.attemptCount, 2);
        QCOMPARE(d.attempts.size(), 2);
        QCOMPARE(d.attempts.at(0).status, 503);
        QCOMPARE(d.attempts.at(0).error, QStringLiteral("HTTP 503"));
        QCOMPARE(d.attempts.at(1).status, 200);

        QCOMPARE(m_store->redeliver(id, {}).value(), 1);
        d = m_store->deliveriesOf(id).value().first();
        QCOMPARE(d.state, DeliveryState::Pending);
        QCOMPARE(m_store->dueDeliveries(QDateTime::currentDateTimeUtc(), 10).value().size(), 1);
        QCOMPARE(d.attempts.size(), 2); // the history stays
    }

    void retryWaitsDoubleWithJitterUpToTheirCap()
    {
        const qint64 base = 10000;
        const qint64 cap = 3600 * 1000;
        for (int i = 0; i < 200; ++i) {
            for (int tries = 1; tries <= 20; ++tries) {
                qint64 ceiling = base;
                for (int n = 1; n < tries && ceiling < cap; ++n)
                    ceiling *= 2;
                ceiling = qMin(ceiling, cap);
                const qint64 wait = OutcomeWebhookSender::retryDelayMs(tries, base, cap);
                QVERIFY2(wait >= ceiling / 2 && wait <= ceiling,
                         qPrintable(QStringLiteral("%1 tries: %2").arg(tries).arg(wait)));
            }
        }
    }

    void theSignatureIsAnHmacOfTheTimeAndTheBody()
    {
        // The header a receiver recomputes: HMAC-SHA256 keyed with the secret over "<t>.<body>".
        QCOMPARE(
            OutcomeWebhookSender::signature("key", 1700000000, "{}"),
            QByteArray("t=1700000000,v1=") +
                QMessageAuthenticationCode::hash("1700000000.{}", "key", QCryptographicHash::Sha256)
                    .toHex());
    }
};

QTEST_GUILESS_MAIN(TestOutcomeOutbox)
#include "TestOutcomeOutbox.moc"
