// TextMessageService: texts (SMS) the task to a notification's numbers when it ends not
// acknowledged, through Twilio's Messages API, when its request said `sms: true` or
// FLUX_SMS_FALLBACK asks for it; with FLUX_SMS_FALLBACK=each_attempt also to the number of each
// attempt placed. Each text is stored before Twilio is asked, once per notification, number and
// reason, so a restart never texts twice; a text whose create Twilio never answered is marked
// unconfirmed at the next start and not sent again (Twilio may have it). The texts a close owes
// are stored in the closing write itself (Pending), so a stop right after a close still sends
// them, at the next start.
#pragma once

#include "base/Result.h"
#include "calls/CallStore.h"
#include "calls/Notification.h"
#include "calls/SmsFallback.h"
#include "calls/TextMessage.h"

#include <QObject>
#include <QSet>

#include <functional>
#include <optional>

namespace flux {

class NotificationService;
class TwilioClient;

class TextMessageService : public QObject
{
    Q_OBJECT
public:
    // FLUX_SMS_FALLBACK
    using Fallback = SmsFallback::Mode;
    struct Options
    {
        Fallback fallback = Fallback::Off;
        QString fromNumber;    // Twilio's number, as for calls
        QString publicBaseUrl; // where Twilio reaches the status webhook, no trailing slash
    };
    // What the text says (at most Twilio's 1600 characters).
    static QString bodyFor(const Notification &notification, const QString &reason);
    // The texts a notification owes once closed: one per number when it ended not
    // acknowledged and it asked for them (`sms`) or `fallback` is on; Pending, not yet stored.
    static QList<TextMessage> owedOnClose(const Notification &closed, Fallback fallback);
    // Whether a notification ended not acknowledged owes texts: it asked, or `fallback` is on.
    static bool owesTexts(const Notification &notification, Fallback fallback);

    // `twilio` may be null (live mode without credentials): then nothing is texted.
    TextMessageService(CallStore *store, TwilioClient *twilio, NotificationService *notifications,
                       Options options, QObject *parent = nullptr);

    // Texts from before a restart that Twilio never answered become unconfirmed; texts owed by
    // a close that came just before the stop are sent now.
    void start();

    enum class StatusResult
    {
        Applied,
        Duplicate, // as far along already: nothing changed
        Unknown,   // no such text
    };
    static QString resultName(StatusResult result);
    // A status callback: MessageSid, MessageStatus, ErrorCode, and the message_id its URL
    // carries (0: none).
    Result<StatusResult, StoreError> recordStatus(const QString &sid, qint64 id,
                                                  const QString &status, const QString &errorCode);
    const Options &options() const { return m_options; }
    QString statusCallbackUrl(qint64 id) const;

Q_SIGNALS:
    // Stored: a text was asked of Twilio, answered, or its status changed.
    void textMessageChanged(const flux::TextMessage &text);

private:
    void onNotificationChanged(const Notification &notification);
    // Stores the texts not stored before and sends those.
    void sendTexts(const QList<TextMessage> &texts);
    // Sends the Pending texts of `notificationId` (empty: of all).
    void sendOwed(const QString &notificationId);
    void send(const TextMessage &text);

    CallStore *m_store;
    TwilioClient *m_twilio;
    Options m_options;
    QSet<QString> m_texted; // "id/reason" already handed to the store this run
};

} // namespace flux
