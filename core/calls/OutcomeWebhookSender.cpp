#include "calls/OutcomeWebhookSender.h"

#include "base/LogCategories.h"
#include "calls/CallStore.h"

#include <QMessageAuthenticationCode>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QUrl>

namespace flux {

namespace {

// Deliveries started per turn of the event loop.
constexpr int DueSlice = 50;
// The longest single wait of the timer; it is armed again from the store when it fires.
constexpr qint64 MaxTimerMs = 3600 * 1000;
// While every due delivery is in flight, the timer looks again this often.
constexpr int InFlightPollMs = 1000;
// The longest wait between passes while the store refuses to record tries.
constexpr qint64 UnrecordedCapMs = 60 * 1000;

// Where it goes, for logs: scheme, host and port only, as a URL's path or query may hold a
// receiver's token.
QString origin(const QString &url)
{
    return QUrl(url)
        .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                  QUrl::RemoveUserInfo)
        .toString();
}

QString failureOf(QNetworkReply *reply, int status, int timeoutMs)
{
    if (status >= 300 && status < 400)
        return QStringLiteral("HTTP %1: redirects are not followed").arg(status);
    if (status > 0)
        return QStringLiteral("HTTP %1").arg(status);
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("connection refused");
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TimeoutError:
        return QStringLiteral("no answer within %1 s").arg(timeoutMs / 1000.0);
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("host not found");
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("connection closed without an answer");
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("TLS handshake failed");
    default:
        return QStringLiteral("network error %1").arg(int(reply->error()));
    }
}

} // namespace

OutcomeWebhookSender::OutcomeWebhookSender(CallStore *store, Options options, QObject *parent)
    : QObject(parent), m_store(store), m_options(std::move(options))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &OutcomeWebhookSender::runDue);
}

OutcomeWebhookSender::~OutcomeWebhookSender()
{
    stop();
}

QByteArray OutcomeWebhookSender::signature(const QByteArray &secret, qint64 t,
                                           const QByteArray &body)
{
    const QByteArray stamp = QByteArray::number(t);
    const QByteArray mac =
        QMessageAuthenticationCode::hash(stamp + '.' + body, secret, QCryptographicHash::Sha256);
    return "t=" + stamp + ",v1=" + mac.toHex();
}

qint64 OutcomeWebhookSender::retryDelayMs(int tries, qint64 baseMs, qint64 capMs)
{
    qint64 ceiling = qMax<qint64>(1, baseMs);
    for (int i = 1; i < tries && ceiling < capMs; ++i)
        ceiling *= 2;
    ceiling = qMin(ceiling, capMs);
    const qint64 half = ceiling / 2;
    return ceiling - half + QRandomGenerator::global()->bounded(half + 1);
}

void OutcomeWebhookSender::start()
{
    m_running = true;
    runDue();
}

void OutcomeWebhookSender::stop()
{
    m_running = false;
    m_timer.stop();
    const auto inFlight = m_inFlight;
    m_inFlight.clear();
    for (QNetworkReply *reply : inFlight) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void OutcomeWebhookSender::wake()
{
    if (!m_running || m_unrecorded > 0)
        return; // stopped, or waiting out a store that would not record: that pass comes
    if (!m_timer.isActive())
        runDue();
    else
        armTimer();
}

void OutcomeWebhookSender::runDue()
{
    if (!m_running)
        return;
    const auto due = m_store->dueDeliveries(QDateTime::currentDateTimeUtc(), DueSlice);
    if (!due) {
        qCWarning(lcNotify).noquote() << "outcome deliveries not read:" << due.error().message;
        m_timer.start(InFlightPollMs);
        return;
    }
    for (const OutcomeDelivery &delivery : due.value()) {
        if (!m_inFlight.contains(delivery.id))
            send(delivery);
    }
    armTimer();
}

void OutcomeWebhookSender::armTimer()
{
    if (!m_running)
        return;
    const auto next = m_store->nextDeliveryAt();
    if (!next) {
        qCWarning(lcNotify).noquote() << "next delivery time not read:" << next.error().message;
        m_timer.start(InFlightPollMs);
        return;
    }
    if (!next.value().isValid()) {
        m_timer.stop();
        return;
    }
    qint64 wait = QDateTime::currentDateTimeUtc().msecsTo(next.value());
    // Due and in flight: its answer arms the timer again; a slice's rest comes meanwhile.
    if (wait <= 0 && !m_inFlight.isEmpty())
        wait = InFlightPollMs;
    m_timer.start(int(qBound<qint64>(0, wait, MaxTimerMs)));
}

void OutcomeWebhookSender::send(const OutcomeDelivery &delivery)
{
    QNetworkRequest request{QUrl(delivery.url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArrayLiteral("FluxCallDesk/" FLUX_VERSION));
    // The time is the try's, so a receiver refusing old signatures accepts a late retry.
    request.setRawHeader(
        "Flux-Signature",
        signature(m_options.secret, QDateTime::currentSecsSinceEpoch(), delivery.body));
    request.setRawHeader("Flux-Event-Id", delivery.eventId.toLatin1());
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_options.timeoutMs);
    QNetworkReply *reply = m_network.post(request, delivery.body);
    m_inFlight.insert(delivery.id, reply);
    OutcomeDelivery sent = delivery;
    sent.body.clear();
    connect(reply, &QNetworkReply::finished, this, [this, sent, reply] { finished(sent, reply); });
}

void OutcomeWebhookSender::finished(const OutcomeDelivery &delivery, QNetworkReply *reply)
{
    reply->deleteLater();
    if (m_inFlight.value(delivery.id) != reply)
        return;
    m_inFlight.remove(delivery.id);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    DeliveryAttempt attempt{now, status, {}};
    QString state = DeliveryState::Delivered;
    QDateTime next;
    const int tries = delivery.attemptCount + 1;
    if (status < 200 || status >= 300) {
        attempt.error = failureOf(reply, status, m_options.timeoutMs);
        if (status == 410) {
            state = DeliveryState::Gone;
        } else {
            next = now.addMSecs(retryDelayMs(tries, m_options.retryBaseMs, m_options.retryCapMs));
            state = next <= delivery.giveUpAt ? DeliveryState::Pending : DeliveryState::Expired;
        }
    }
    if (const auto recorded = m_store->recordDeliveryAttempt(delivery.id, attempt, state, next);
        !recorded) {
        // Still due in the store: tried again at the next pass, which waits longer each time.
        const qint64 wait = retryDelayMs(++m_unrecorded, InFlightPollMs, UnrecordedCapMs);
        qCWarning(lcNotify).noquote()
            << "outcome event" << delivery.eventId << "try not stored:" << recorded.error().message
            << "; next pass in" << wait << "ms";
        if (m_running)
            m_timer.start(int(wait));
        return;
    }
    m_unrecorded = 0;
    const QString to = origin(delivery.url);
    if (state == DeliveryState::Delivered)
        qCInfo(lcNotify).noquote()
            << "outcome event" << delivery.eventId << "of notification" << delivery.notificationId
            << "delivered to" << to << "(try" << tries << ")";
    else if (state == DeliveryState::Pending)
        qCInfo(lcNotify).noquote()
            << "outcome event" << delivery.eventId << "to" << to << "failed:" << attempt.error
            << "; trying again at" << next.toString(Qt::ISODateWithMs);
    else
        qCWarning(lcNotify).noquote() << "outcome event" << delivery.eventId << "to" << to
                                      << "given up," << state + QLatin1Char(':') << attempt.error;
    Q_EMIT deliveryAttempted(delivery.notificationId);
    armTimer();
}

} // namespace flux
