#include "api/IdempotentRequests.h"

#include "base/LogCategories.h"
#include "calls/CallStore.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace flux::IdempotentRequests {

namespace {

ValidationError headerError(const QString &msg)
{
    return {
        {QStringLiteral("header"), QLatin1String(HeaderName)}, msg, QStringLiteral("value_error")};
}

bool isVisibleAscii(const QByteArray &text)
{
    for (const char c : text) {
        if (c < 0x21 || c > 0x7e)
            return false;
    }
    return true;
}

} // namespace

Result<IdempotencyKey, ValidationError> keyOf(const HttpRequest &request)
{
    bool present = false;
    QByteArray value;
    for (const auto &[name, headerValue] : request.headers) {
        if (name.compare(HeaderName, Qt::CaseInsensitive) == 0) {
            present = true;
            value = headerValue.trimmed();
        }
    }
    if (!present)
        return IdempotencyKey{};
    if (value.isEmpty() || value.size() > MaxKeyLength || !isVisibleAscii(value))
        return headerError(QStringLiteral("%1 must be 1 to %2 visible ASCII characters")
                               .arg(QLatin1String(HeaderName))
                               .arg(MaxKeyLength));
    // The same request however it is spelled: QJsonDocument writes an object's keys sorted.
    const QByteArray canonical =
        QJsonDocument::fromJson(request.body).toJson(QJsonDocument::Compact);
    return IdempotencyKey{
        QString::fromLatin1(value),
        QString::fromLatin1(
            QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex())};
}

std::optional<HttpResponse> earlierAnswer(const CallStore &store, const IdempotencyKey &key)
{
    const auto found = store.idempotentRequest(
        key.key, QDateTime::currentDateTimeUtc().addSecs(-qint64(KeptForHours) * 3600));
    if (!found)
        return HttpResponse::detail(HttpStatus::InternalServerError, found.error().message);
    if (!found.value())
        return std::nullopt;
    const IdempotentRequest &first = *found.value();
    if (first.key.requestHash != key.requestHash) {
        qCInfo(lcApi).noquote() << "refused a call request with 422: its Idempotency-Key was "
                                   "used with another body for notification"
                                << first.notificationId;
        return ValidationError::response({headerError(
            QStringLiteral("this %1 was used with another request body in the last %2 hours")
                .arg(QLatin1String(HeaderName))
                .arg(KeptForHours))});
    }
    if (!first.status) {
        return HttpResponse::detail(
            HttpStatus::Conflict,
            QStringLiteral("A request with this %1 is still being answered, or was when the "
                           "desk stopped: see GET /notifications/%2")
                .arg(QLatin1String(HeaderName), first.notificationId));
    }
    qCInfo(lcApi).noquote() << "replayed the answer for notification" << first.notificationId
                            << "to a repeated request";
    HttpResponse replay;
    replay.status = HttpStatus(*first.status);
    replay.body = first.body;
    replay.headers.append({QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true")});
    return replay;
}

void remember(CallStore &store, const IdempotencyKey &key, const HttpResponse &answer)
{
    if (key.isEmpty())
        return;
    const int status = int(answer.status);
    if (status < 200 || status >= 300) {
        // A failed first call closes its notification, unless Twilio may yet have placed it
        // (a timeout, a stop before Twilio answered): then the key stays taken, unanswered, so a
        // repeat hears 409 and the notification it created instead of ringing the phone again.
        const auto first = store.idempotentRequest(
            key.key, QDateTime::currentDateTimeUtc().addSecs(-qint64(KeptForHours) * 3600));
        if (first && first.value()) {
            const auto created = store.notification(first.value()->notificationId);
            if (!created || (created.value() && created.value()->isOpen())) {
                qCInfo(lcApi).noquote()
                    << "kept the Idempotency-Key of notification" << first.value()->notificationId
                    << "after an error: its call may be placed";
                return;
            }
        }
    }
    const auto saved = status >= 200 && status < 300
                           ? store.saveIdempotentAnswer(key.key, status, answer.body)
                           : store.releaseIdempotencyKey(key.key);
    if (!saved)
        qCWarning(lcApi).noquote()
            << "could not store the answer to an idempotent request:" << saved.error().message;
}

} // namespace flux::IdempotentRequests
