#include "calls/TextMessageService.h"

#include "base/LogCategories.h"
#include "calls/NotificationService.h"
#include "calls/WebhookPaths.h"
#include "twilio/TwilioClient.h"

#include <QPointer>

namespace flux {

TextMessageService::TextMessageService(CallStore *store, TwilioClient *twilio,
                                       NotificationService *notifications, Options options,
                                       QObject *parent)
    : QObject(parent), m_store(store), m_twilio(twilio), m_options(std::move(options))
{
    connect(notifications, &NotificationService::notificationChanged, this,
            &TextMessageService::onNotificationChanged);
    // Without a REST client nothing could send them: none are owed.
    if (m_twilio) {
        notifications->setTextsOwed([fallback = m_options.fallback](const Notification &closed) {
            return owedOnClose(closed, fallback);
        });
    }
}

bool TextMessageService::owesTexts(const Notification &notification, Fallback fallback)
{
    return notification.outcome == NotificationOutcome::NotAcknowledged &&
           (notification.sms || fallback != Fallback::Off);
}

QList<TextMessage> TextMessageService::owedOnClose(const Notification &closed, Fallback fallback)
{
    QList<TextMessage> owed;
    if (!owesTexts(closed, fallback))
        return owed;
    for (const QString &number : closed.numbers) {
        TextMessage text;
        text.notificationId = closed.id;
        text.to = number;
        text.reason = TextMessageReason::NotAcknowledged;
        text.body = bodyFor(closed, text.reason);
        text.status = TextMessageStatus::Pending;
        text.createdAt = QDateTime::currentDateTimeUtc();
        owed.append(text);
    }
    return owed;
}

QString TextMessageService::bodyFor(const Notification &notification, const QString &reason)
{
    QString body = reason == TextMessageReason::NotAcknowledged
                       ? QStringLiteral("Flux: critical task not acknowledged: %1")
                       : QStringLiteral("Flux: calling you about a critical task: %1");
    body = body.arg(notification.taskTitle);
    if (!notification.taskId.isEmpty())
        body += QStringLiteral(" (task %1)").arg(notification.taskId);
    return body.left(CreateMessageParams::MaxBodyLength);
}

QString TextMessageService::resultName(StatusResult result)
{
    switch (result) {
    case StatusResult::Applied:
        return QStringLiteral("applied");
    case StatusResult::Duplicate:
        return QStringLiteral("duplicate");
    case StatusResult::Unknown:
        return QStringLiteral("unknown");
    }
    return {};
}

QString TextMessageService::statusCallbackUrl(qint64 id) const
{
    return m_options.publicBaseUrl + WebhookPaths::SmsStatus + QLatin1Char('?') +
           WebhookPaths::MessageIdParam + QLatin1Char('=') + QString::number(id);
}

void TextMessageService::start()
{
    const auto marked = m_store->markUnconfirmedTextMessages();
    if (!marked) {
        qCWarning(lcNotify).noquote() << "texts not checked:" << marked.error().message;
    } else if (marked.value() > 0) {
        qCWarning(lcNotify).noquote()
            << marked.value()
            << "text(s) from before the last stop were never confirmed by Twilio; they are not"
               " sent again (Twilio may have sent them) and show as unconfirmed";
    }
    if (m_options.fallback != Fallback::Off)
        qCInfo(lcNotify).noquote() << "FLUX_SMS_FALLBACK" << SmsFallback::name(m_options.fallback);
    sendOwed({});
}

void TextMessageService::onNotificationChanged(const Notification &n)
{
    // Stored with the close, when it owed any: a notification that could owe none is not
    // looked up (that is a write, and every status of its calls may announce it again).
    if (owesTexts(n, m_options.fallback))
        sendOwed(n.id);
    if (m_options.fallback != Fallback::EachAttempt)
        return;
    QList<TextMessage> texts;
    for (const NotificationAttempt &a : n.attempts) {
        if (!a.placedAt.isValid() || !a.error.isEmpty())
            continue;
        TextMessage text;
        text.notificationId = n.id;
        text.to = a.number;
        text.reason = TextMessageReason::attempt(a.index + 1); // from 1, as the API counts
        if (m_texted.contains(n.id + QLatin1Char('/') + text.reason))
            continue;
        text.body = bodyFor(n, text.reason);
        text.createdAt = QDateTime::currentDateTimeUtc();
        texts.append(text);
    }
    if (!texts.isEmpty())
        sendTexts(texts);
}

void TextMessageService::sendTexts(const QList<TextMessage> &texts)
{
    if (!m_twilio) {
        qCWarning(lcNotify) << "texts not sent: Twilio is not configured";
        return;
    }
    const auto stored = m_store->insertTextMessages(texts);
    if (!stored) {
        // Not remembered as texted: the notification's next change tries again.
        qCWarning(lcNotify).noquote() << "texts not stored, so not sent:" << stored.error().message;
        return;
    }
    // Stored or there before: either way never again this run.
    for (const TextMessage &text : texts)
        m_texted.insert(text.notificationId + QLatin1Char('/') + text.reason);
    for (const TextMessage &text : stored.value()) {
        Q_EMIT textMessageChanged(text);
        send(text);
    }
}

void TextMessageService::sendOwed(const QString &notificationId)
{
    if (!m_twilio)
        return;
    const auto claimed = m_store->claimPendingTextMessages(notificationId);
    if (!claimed) {
        qCWarning(lcNotify).noquote()
            << "owed texts not read, so not sent yet:" << claimed.error().message;
        return;
    }
    if (notificationId.isEmpty() && !claimed.value().isEmpty())
        qCInfo(lcNotify).noquote() << claimed.value().size()
                                   << "text(s) owed since before the last stop: sending them now";
    for (const TextMessage &text : claimed.value()) {
        Q_EMIT textMessageChanged(text);
        send(text);
    }
}

void TextMessageService::send(const TextMessage &text)
{
    CreateMessageParams params;
    params.to = text.to;
    params.from = m_options.fromNumber;
    params.body = text.body;
    params.statusCallback = statusCallbackUrl(text.id);
    qCInfo(lcNotify).noquote() << "texting" << text.to << "about notification"
                               << text.notificationId << "(" << text.reason << ")";
    QPointer<TextMessageService> self(this);
    m_twilio->createMessage(params, [self, text](const Result<TwilioMessage, TwilioError> &result) {
        if (!self)
            return;
        TextMessage now = text;
        if (result) {
            now.sid = result.value().sid;
            now.status =
                result.value().status.isEmpty() ? TextMessageStatus::Queued : result.value().status;
            now.error = result.value().errorCode;
        } else if (RetryPolicy::isTransient(result.error()) &&
                   !RetryPolicy::provesNothingPlaced(result.error())) {
            // Twilio may have it: a later callback (by message_id) still finds the text.
            now.status = TextMessageStatus::Unconfirmed;
            now.error = result.error().describe();
        } else {
            now.status = TextMessageStatus::Refused;
            now.error = result.error().describe();
        }
        if (const auto updated =
                self->m_store->updateTextMessage(now.id, now.sid, now.status, now.error);
            !updated) {
            qCWarning(lcNotify).noquote()
                << "text" << now.id << "not updated:" << updated.error().message;
            return;
        }
        if (result)
            qCInfo(lcNotify).noquote() << "text" << now.sid << "to" << now.to << now.status;
        else
            qCWarning(lcNotify).noquote() << "text to" << now.to << now.status << now.error;
        Q_EMIT self->textMessageChanged(now);
    });
}

Result<TextMessageService::StatusResult, StoreError>
TextMessageService::recordStatus(const QString &sid, qint64 id, const QString &status,
                                 const QString &errorCode)
{
    bool applied = false;
    const auto stored = m_store->applyTextMessageStatus(sid, id, status, errorCode, &applied);
    if (!stored)
        return stored.error();
    if (!stored.value()) {
        qCInfo(lcNotify).noquote() << "status" << status << "of unknown text" << sid;
        return StatusResult::Unknown;
    }
    if (!applied)
        return StatusResult::Duplicate;
    qCInfo(lcNotify).noquote() << "text" << sid << "to" << stored.value()->to << status;
    Q_EMIT textMessageChanged(*stored.value());
    return StatusResult::Applied;
}

} // namespace flux
