// MainWindow: the desk: new-call form and live call list (notifications with their calls) on the
// left, the selected call or notification on the right, mode and webhook health in the status bar.
#pragma once

#include "base/Result.h"
#include "calls/CallRecord.h"
#include "calls/CallRequest.h"
#include "calls/Notification.h"
#include "engine/EngineClient.h"

#include <QMainWindow>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace flux {

class CallChangeBatch;
class CallDetailPane;
class CallRows;
class CallTreeModel;
class ContactBookDialog;
class NewCallForm;
class OpenNotificationsPrompt;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // The client must outlive the window; the app stops its engine before closing.
    explicit MainWindow(EngineClient *engine, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Docks a panel (the virtual phone, the log); its toggle goes in the View menu. Whether it is
    // shown, and where, is then what the person last left it as.
    void addPanel(QWidget *panel, const QString &title,
                  Qt::DockWidgetArea area = Qt::RightDockWidgetArea, bool visible = true,
                  const QKeySequence &toggleShortcut = {});
    QMenu *fileMenu() const { return m_fileMenu; }
    QMenu *viewMenu() const { return m_viewMenu; }

    NewCallForm *form() const { return m_form; }
    QTableView *callList() const { return m_list; }
    CallTreeModel *callModel() const { return m_model; }
    CallDetailPane *detailPane() const { return m_details; }
    QLineEdit *searchField() const { return m_search; }
    // File > Contacts… (Ctrl+Shift+K): opened on first use, then raised.
    ContactBookDialog *contactBook();
    // The selected call's sid, or the selected notification's id; empty when it is the other.
    QString selectedSid() const;
    QString selectedNotificationId() const;
    void selectCall(const QString &sid);
    // Selects the notification's row and shows its calls.
    void selectNotification(const QString &id);
    // What Call starts: one number, or an escalation.
    void placeNotification(const NotificationRequest &request);
    // Closes without asking about open notifications (a signal asked for it, not a person).
    void closeWithoutAsking();
    OpenNotificationsPrompt *closePrompt() const { return m_closePrompt; }

Q_SIGNALS:
    // The history has been read after an engine (re)start.
    void historyLoaded(int calls);
    // File > Settings (Ctrl+,): the app owns the saved settings and opens the dialog.
    void settingsRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void attach();
    void showHistory(const EngineClient::Facts &facts, const CallRows &history,
                     const QList<Notification> &notifications);
    void loadContactBook();
    void hangUp(const QString &sid);
    void cancelNotification(const QString &id);
    void deliverOutcomeAgain(const QString &id);
    // The selected notification's outcome webhook deliveries, read again.
    void refreshDeliveries(const QString &id);
    void refreshDetails();
    void showChanges(const QList<CallRecord> &changes, const QList<Notification> &notifications);
    void updateWebhookCounts();
    void restoreLayout();
    void saveLayout() const;

    EngineClient *m_engine;
    NewCallForm *m_form;
    CallTreeModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_list;
    QLineEdit *m_search;
    CallDetailPane *m_details;
    QSplitter *m_splitter;
    QMenu *m_fileMenu;
    QMenu *m_viewMenu;
    QLabel *m_modeLabel;
    QLabel *m_webhookLabel;
    QLabel *m_countsLabel;
    QLabel *m_twilioLabel;
    int m_webhooksAccepted = 0;
    int m_webhooksRejected = 0;
    QString m_pendingSelection;
    QString m_pendingRequest; // a call placed from here, not announced yet: selected when it is
    CallChangeBatch *m_changes;
    OpenNotificationsPrompt *m_closePrompt;
    bool m_closeConfirmed = false;
    ContactBookDialog *m_contactBook = nullptr;
};

} // namespace flux
