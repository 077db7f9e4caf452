// CallDetailPane: one call in full: its timeline, what the callee heard and pressed, its sid; or
// one notification in full (NotificationDetailView).
#pragma once

#include "calls/CallRecord.h"
#include "calls/Notification.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QToolButton;

namespace flux {

class NotificationDetailView;

class CallDetailPane : public QWidget
{
    Q_OBJECT
public:
    explicit CallDetailPane(QWidget *parent = nullptr);

    void showCall(const CallRecord &call, const QList<CallEvent> &events);
    void showNotification(const Notification &notification);
    // Shows nothing selected.
    void clearCall();
    void showCancelError(const QString &message);
    // The language calls are spoken in (FLUX_LANGUAGE's code), for what the callee heard.
    void setSpokenLanguage(const QString &code) { m_spokenLanguage = code; }
    QString callSid() const { return m_call.sid; }
    // The notification shown, or empty while a call (or nothing) is.
    QString notificationId() const;

    QPushButton *hangUpButton() const { return m_hangUp; }
    QPushButton *callAgainButton() const { return m_callAgain; }
    QTreeWidget *timeline() const { return m_timeline; }
    QLabel *spokenLabel() const { return m_spoken; }
    QLabel *badgeLabel() const { return m_badge; }
    NotificationDetailView *notificationView() const { return m_notification; }

Q_SIGNALS:
    void hangUpRequested(const QString &sid);
    void callAgainRequested(const flux::CallRecord &call);
    void cancelEscalationRequested(const QString &notificationId);

private:
    CallRecord m_call;
    QString m_spokenLanguage = QStringLiteral("en");
    QLabel *m_heading;
    QLabel *m_badge;
    QLineEdit *m_sid;
    QToolButton *m_copySid;
    QLabel *m_spoken;
    QLabel *m_digits;
    QLabel *m_error;
    QTreeWidget *m_timeline;
    QPushButton *m_hangUp;
    QPushButton *m_callAgain;
    QWidget *m_body;
    NotificationDetailView *m_notification;
    QLabel *m_empty;
};

} // namespace flux
