// NotificationDetailView: one notification in full: every attempt across its numbers, who is
// called next and when (a live countdown), who acknowledged, the texts (SMS) sent about it, and
// Cancel escalation; once closed, where its outcome webhook went, how each try went, and
// Deliver again.
#pragma once

#include "calls/Notification.h"
#include "calls/OutcomeEvent.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;
class QTreeWidget;

namespace flux {

class NotificationDetailView : public QWidget
{
    Q_OBJECT
public:
    enum AttemptColumn
    {
        Attempt,
        Number,
        Status,
        Why,
        Placed,
        AttemptColumnCount
    };

    enum DeliveryColumn
    {
        DeliveryReceiver,
        DeliveryStatus,
        DeliveryLastTry,
        DeliveryTries,
        DeliveryColumnCount
    };

    explicit NotificationDetailView(QWidget *parent = nullptr);

    void showNotification(const Notification &notification);
    // The contact book's names by number: people are shown as "Alice (+49…)".
    void setContactNames(const QHash<QString, QString> &names) { m_names = names; }
    // The engine refused to cancel: says why, and lets the person try again.
    void showCancelError(const QString &message);
    // The outcome webhook's deliveries of the notification shown (none: the list is hidden).
    void showDeliveries(const QList<OutcomeDelivery> &deliveries);
    // The engine refused to deliver again: says why.
    void showDeliverError(const QString &message);
    QString notificationId() const { return m_notification.id; }

    QLabel *progressLabel() const { return m_progress; }
    QLabel *errorLabel() const { return m_error; }
    QPushButton *cancelButton() const { return m_cancel; }
    QTreeWidget *attemptList() const { return m_attempts; }
    QTreeWidget *deliveryList() const { return m_deliveries; }
    QPushButton *deliverAgainButton() const { return m_deliverAgain; }
    // A text's status (TextMessageStatus) in the window's words.
    static QString textStatus(const QString &status);
    // A receiver's URL as the pane shows it: without user info, query or fragment, which may
    // hold the receiver's own token ("?…" says a query was there).
    static QString receiverText(const QString &url);

Q_SIGNALS:
    void cancelRequested(const QString &notificationId);
    void deliverAgainRequested(const QString &notificationId);

private:
    void updateProgress();

    Notification m_notification;
    QHash<QString, QString> m_names;
    QLabel *m_heading;
    QLabel *m_badge;
    QLabel *m_plan;
    QLabel *m_progress;
    QLabel *m_error;
    QTreeWidget *m_attempts;
    QPushButton *m_cancel;
    QTimer *m_tick;
    QLabel *m_deliveriesHeading;
    QTreeWidget *m_deliveries;
    QPushButton *m_deliverAgain;
};

} // namespace flux
