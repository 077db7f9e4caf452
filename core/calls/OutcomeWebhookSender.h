// OutcomeWebhookSender: POSTs the store's outcome events to their receivers, signed, at least
// once: a 2xx ends a delivery, a 410 stops it, anything else is tried again with a growing,
// jittered wait until the retry window closes. Its timer is the earliest due time in the store,
// so a restart (even after kill -9) resumes every delivery not yet answered.
#pragma once

#include "calls/OutcomeEvent.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>

namespace flux {

class CallStore;

class OutcomeWebhookSender : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QByteArray secret;            // FLUX_OUTCOME_WEBHOOK_SECRET: never logged
        int retryBaseMs = 10 * 1000;  // FLUX_OUTCOME_RETRY_BASE_MS: the wait after the first try
        int retryCapMs = 3600 * 1000; // no wait is longer
        int timeoutMs = 10 * 1000;    // a try without a whole answer by then failed
    };

    OutcomeWebhookSender(CallStore *store, Options options, QObject *parent = nullptr);
    ~OutcomeWebhookSender() override;

    // Sends what is due now and arms the timer for the rest.
    void start();
    // Starts no more tries; those in flight are dropped and tried again at the next start.
    void stop();
    // New deliveries may be due (a notification closed, "deliver again").
    void wake();

    // The Flux-Signature header's value: "t=<t>,v1=<hex HMAC-SHA256 of "<t>.<body>">".
    static QByteArray signature(const QByteArray &secret, qint64 t, const QByteArray &body);
    // The wait before the try after `tries` tries: the base doubled per try up to the cap, its
    // upper half drawn at random, so receivers coming back up are not hit all at once.
    static qint64 retryDelayMs(int tries, qint64 baseMs, qint64 capMs);

Q_SIGNALS:
    // A try was recorded (the notification's deliveries changed).
    void deliveryAttempted(const QString &notificationId);

private:
    void runDue();
    void armTimer();
    void send(const OutcomeDelivery &delivery);
    void finished(const OutcomeDelivery &delivery, QNetworkReply *reply);

    CallStore *m_store;
    Options m_options;
    QNetworkAccessManager m_network;
    QTimer m_timer;
    bool m_running = false;
    // Tries in a row whose outcome the store would not take: each waits longer before the next
    // pass (they are still due there), so a failing disk is not hammered.
    int m_unrecorded = 0;
    QHash<qint64, QNetworkReply *> m_inFlight; // by delivery id
};

} // namespace flux
