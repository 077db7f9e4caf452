#include "MainWindow.h"

#include "CallChangeBatch.h"
#include "CallDetailPane.h"
#include "CallRows.h"
#include "CallSortProxy.h"
#include "CallTreeModel.h"
#include "ContactBookDialog.h"
#include "NewCallForm.h"
#include "NotificationDetailView.h"
#include "OpenNotificationsPrompt.h"
#include "StatusBadgeDelegate.h"
#include "UiLog.h"

#include "engine/EngineClient.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace flux {

namespace {
// The history shown at start; older calls stay in the store and the API.
constexpr int HistoryLimit = 100000;
// The notifications read with it: each has a few calls, so these cover the calls above.
constexpr int NotificationLimit = 20000;
} // namespace

MainWindow::MainWindow(EngineClient *engine, QWidget *parent)
    : QMainWindow(parent), m_engine(engine), m_form(new NewCallForm(this)),
      m_model(new CallTreeModel(this)), m_proxy(new CallSortProxy(m_model, this)),
      m_list(new QTableView(this)), m_search(new QLineEdit(this)),
      m_details(new CallDetailPane(this)), m_splitter(new QSplitter(Qt::Horizontal, this)),
      m_modeLabel(new QLabel(this)), m_webhookLabel(new QLabel(this)),
      m_countsLabel(new QLabel(this)), m_twilioLabel(new QLabel(this)),
      m_changes(new CallChangeBatch(this)), m_closePrompt(new OpenNotificationsPrompt(engine, this))
{
    connect(m_changes, &CallChangeBatch::ready, this, &MainWindow::showChanges);
    setWindowTitle(tr("Flux Call Desk"));
    setObjectName(QStringLiteral("mainWindow"));

    m_list->setModel(m_proxy);
    m_list->setObjectName(QStringLiteral("callList"));
    m_list->setAccessibleName(tr("Calls"));
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(CallTreeModel::Time, Qt::DescendingOrder);
    m_list->setItemDelegateForColumn(CallTreeModel::Status, new StatusBadgeDelegate(m_list));
    m_list->verticalHeader()->hide();
    m_list->horizontalHeader()->setAccessibleName(tr("Call list columns"));
    m_list->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(false);
    m_list->horizontalHeader()->setStretchLastSection(false);
    m_list->horizontalHeader()->setSectionResizeMode(CallTreeModel::Task, QHeaderView::Stretch);
    m_list->setColumnWidth(CallTreeModel::Time, 150);
    m_list->setColumnWidth(CallTreeModel::Number, 130);
    m_list->setColumnWidth(CallTreeModel::Status, 140);
    m_list->setColumnWidth(CallTreeModel::Duration, 90);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setAccessibleName(tr("Search calls"));
    m_search->setPlaceholderText(tr("Search number, task or status (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_form);
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_list, 1);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);
    setTabOrder(m_form->callButton(), m_search);
    setTabOrder(m_search, m_list);

    // Menus and shortcuts.
    m_fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *newCall =
        m_fileMenu->addAction(tr("&New call"), this, [this] { m_form->focusNumber(); });
    newCall->setShortcut(QKeySequence::New);
    QAction *contacts = m_fileMenu->addAction(tr("&Contacts…"), this, [this] {
        contactBook()->show();
        contactBook()->raise();
        contactBook()->activateWindow();
    });
    contacts->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    QAction *settings =
        m_fileMenu->addAction(tr("&Settings…"), this, &MainWindow::settingsRequested);
    settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settings->setMenuRole(QAction::PreferencesRole);
    m_fileMenu->addSeparator();
    QAction *quit = m_fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *find = m_viewMenu->addAction(tr("&Search calls"), this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Flux Call Desk"), this, [this] {
        QMessageBox::about(this, tr("About Flux Call Desk"),
                           tr("<b>Flux Call Desk</b> %1<br>Phone a person about a critical task "
                              "and know they heard it.")
                               .arg(QStringLiteral(FLUX_VERSION)));
    });

    // Status bar: mode first, unmistakable.
    m_modeLabel->setObjectName(QStringLiteral("modeLabel"));
    m_modeLabel->setAccessibleName(tr("Mode"));
    m_webhookLabel->setObjectName(QStringLiteral("webhookLabel"));
    m_webhookLabel->setAccessibleName(tr("Webhook URL"));
    m_webhookLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_countsLabel->setObjectName(QStringLiteral("webhookCounts"));
    m_countsLabel->setAccessibleName(tr("Webhooks received and rejected"));
    m_twilioLabel->setObjectName(QStringLiteral("twilioLabel"));
    m_twilioLabel->setAccessibleName(tr("Twilio REST API"));
    statusBar()->addWidget(m_modeLabel);
    statusBar()->addWidget(m_webhookLabel, 1);
    statusBar()->addPermanentWidget(m_countsLabel);
    statusBar()->addPermanentWidget(m_twilioLabel);
    updateWebhookCounts();

    connect(m_form, &NewCallForm::callRequested, this, &MainWindow::placeNotification);
    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { refreshDetails(); });
    // Double-click or Enter on a notification shows or hides its calls.
    connect(m_list, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QString id = index.data(CallTreeModel::NotificationIdRole).toString();
        if (!id.isEmpty())
            m_model->setCollapsed(id, !m_model->isCollapsed(id));
    });
    connect(m_details, &CallDetailPane::hangUpRequested, this, &MainWindow::hangUp);
    connect(m_details, &CallDetailPane::cancelEscalationRequested, this,
            &MainWindow::cancelNotification);
    connect(m_details->notificationView(), &NotificationDetailView::deliverAgainRequested, this,
            &MainWindow::deliverOutcomeAgain);
    connect(m_engine, &EngineClient::outcomeDeliveryAttempted, this, [this](const QString &id) {
        if (id == selectedNotificationId())
            refreshDeliveries(id);
    });
    // A text's progress shows in the open notification's timeline as it comes.
    connect(m_engine, &EngineClient::textMessageChanged, this, [this](const QString &id) {
        if (id == selectedNotificationId())
            refreshDetails();
    });
    connect(m_details, &CallDetailPane::callAgainRequested, this, [this](const CallRecord &call) {
        NotificationRequest again;
        again.call = {call.to, call.taskTitle, call.taskId};
        placeNotification(again);
    });
    // Under load a change arrives per webhook: the list takes them a frame's worth at a time.
    connect(m_engine, &EngineClient::callPlaced, m_changes, &CallChangeBatch::add);
    connect(m_engine, &EngineClient::callUpdated, m_changes, &CallChangeBatch::add);
    connect(m_engine, &EngineClient::notificationChanged, m_changes,
            &CallChangeBatch::addNotification);
    connect(m_engine, &EngineClient::webhookAccepted, this, [this] {
        ++m_webhooksAccepted;
        m_changes->touch();
    });
    connect(m_engine, &EngineClient::webhookRejected, this, [this] {
        ++m_webhooksRejected;
        m_changes->touch();
    });
    connect(m_engine, &EngineClient::twilioReachabilityChanged, this, [this](bool reachable) {
        m_twilioLabel->setText(
            reachable ? tr("Twilio API: answering")
                      : tr("Twilio API: <b style=\"color:#d93025\">not reachable</b>"));
    });
    connect(m_engine, &EngineClient::contactsChanged, this, &MainWindow::loadContactBook);
    connect(m_engine, &EngineClient::engineStarted, this, &MainWindow::attach);
    if (m_engine->isRunning())
        attach();

    restoreLayout();
    m_form->focusNumber();
}

MainWindow::~MainWindow() = default;

void MainWindow::addPanel(QWidget *panel, const QString &title, Qt::DockWidgetArea area,
                          bool visible, const QKeySequence &toggleShortcut)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(panel->objectName() + QStringLiteral("Dock"));
    dock->setWidget(panel);
    addDockWidget(area, dock);
    dock->setVisible(visible);
    QAction *toggle = dock->toggleViewAction();
    toggle->setShortcut(toggleShortcut);
    m_viewMenu->addAction(toggle);
    restoreState(QSettings().value(QStringLiteral("window/state")).toByteArray());
}

QString MainWindow::selectedSid() const
{
    const QModelIndex current = m_list->currentIndex();
    return current.isValid() ? current.data(CallTreeModel::SidRole).toString() : QString();
}

QString MainWindow::selectedNotificationId() const
{
    const QModelIndex current = m_list->currentIndex();
    return current.isValid() ? current.data(CallTreeModel::NotificationIdRole).toString()
                             : QString();
}

void MainWindow::selectCall(const QString &sid)
{
    const QModelIndex source = m_model->indexOf(sid);
    if (!source.isValid()) {
        m_pendingSelection = sid;
        return;
    }
    m_pendingSelection.clear();
    const QModelIndex index = m_proxy->mapFromSource(source);
    if (!index.isValid())
        return; // filtered out by the search
    m_list->setCurrentIndex(index);
    m_list->scrollTo(index);
}

void MainWindow::selectNotification(const QString &id)
{
    m_model->setCollapsed(id, false);
    const QModelIndex index = m_proxy->mapFromSource(m_model->notificationIndex(id));
    if (!index.isValid())
        return;
    m_list->setCurrentIndex(index);
    m_list->scrollTo(index);
}

ContactBookDialog *MainWindow::contactBook()
{
    if (!m_contactBook)
        m_contactBook = new ContactBookDialog(m_engine, this);
    return m_contactBook;
}

// What the form completes and offers after the first number.
void MainWindow::loadContactBook()
{
    m_engine->contacts(this, [this](const Result<QList<Contact>, StoreError> &contacts) {
        m_engine->escalationLists(
            this, [this, contacts](const Result<QList<EscalationList>, StoreError> &lists) {
                if (!contacts || !lists) {
                    qCWarning(lcUi).noquote()
                        << "contact book not read:"
                        << (contacts ? lists.error().message : contacts.error().message);
                    return;
                }
                m_form->setContactBook(contacts.value(), lists.value());
                QHash<QString, QString> names;
                for (const Contact &contact : contacts.value())
                    names.insert(contact.number, contact.name);
                m_details->notificationView()->setContactNames(names);
            });
    });
}

void MainWindow::attach()
{
    m_form->setDefaults(m_engine->facts().attempts, m_engine->facts().retryAfterSeconds);
    loadContactBook();
    if (m_engine->facts().twilioConfigured)
        m_twilioLabel->setText(tr("Twilio API: not contacted yet"));
    else
        m_twilioLabel->setText(tr("Twilio API: <b style=\"color:#d93025\">not configured</b>"));

    // The notifications first, so the calls read next find their rows under them. Read and
    // made compact on the engine thread: the window gets the rows in one go and never holds the
    // full records of a long history.
    m_engine->notifications(
        CallStore::NotificationState::Any, NotificationLimit, this,
        [this](const QList<Notification> &notifications) {
            m_engine->recentCalls<CallRows>(
                HistoryLimit, this,
                [this, notifications](const EngineClient::Facts &facts, const CallRows &history) {
                    showHistory(facts, history, notifications);
                });
        });
}

void MainWindow::showHistory(const EngineClient::Facts &facts, const CallRows &history,
                             const QList<Notification> &notifications)
{
    const bool simulator = facts.mode == Config::Mode::Simulator;
    m_modeLabel->setText(simulator ? tr(" SIMULATOR ") : tr(" LIVE "));
    m_modeLabel->setToolTip(simulator ? tr("Calls ring the built-in virtual phone, not real phones")
                                      : tr("Calls ring real phones through Twilio"));
    m_modeLabel->setStyleSheet(
        QStringLiteral("QLabel { font-weight: bold; color: white; background: %1; "
                       "border-radius: 3px; padding: 1px 6px; }")
            .arg(simulator ? QStringLiteral("#1a73e8") : QStringLiteral("#d93025")));
    m_webhookLabel->setText(tr("Webhooks at %1").arg(facts.publicBaseUrl));
    m_details->setSpokenLanguage(facts.language);
    m_changes->clear();
    m_model->reset(history, notifications);
    qCInfo(lcUi) << "history loaded:" << history.size() << "calls," << notifications.size()
                 << "notifications";
    Q_EMIT historyLoaded(history.size());
    if (!m_pendingSelection.isEmpty())
        selectCall(m_pendingSelection);
}

void MainWindow::placeNotification(const NotificationRequest &request)
{
    m_form->setBusy(true);
    m_engine->placeNotification(
        request, this, [this](const EngineClient::NotificationResult &result) {
            m_form->setBusy(false);
            if (!result) {
                m_form->showError(result.error().message);
                return;
            }
            const Notification &notification = result.value();
            m_form->clear();
            m_changes->flush(); // the list in order before the new notification is added
            m_model->upsert(notification);
            m_search->clear(); // the new row must be visible to be selected
            if (notification.totalAttempts() > 1) {
                selectNotification(notification.id);
                return;
            }
            // One call: its row is the call's, added when the engine announces it (known by
            // its request id until the store has its sid).
            if (notification.attempts.isEmpty())
                return;
            const NotificationAttempt &first = notification.attempts.first();
            if (!first.callSid.isEmpty())
                selectCall(first.callSid);
            else
                m_pendingRequest = first.requestId;
        });
}

void MainWindow::hangUp(const QString &sid)
{
    m_engine->hangUp(sid, this, [this](const Result<CallRecord, CallError> &result) {
        if (!result)
            statusBar()->showMessage(tr("Could not hang up: %1").arg(result.error().message),
                                     10000);
    });
}

void MainWindow::cancelNotification(const QString &id)
{
    m_engine->cancelNotification(
        id, this, [this, id](const EngineClient::NotificationResult &result) {
            if (!result) {
                qCWarning(lcUi).noquote()
                    << "canceling notification" << id << "failed:" << result.error().message;
                if (m_details->notificationId() == id)
                    m_details->showCancelError(result.error().message);
                return;
            }
            m_model->upsert(result.value());
            if (m_details->notificationId() == id)
                m_details->showNotification(result.value());
        });
}

void MainWindow::deliverOutcomeAgain(const QString &id)
{
    m_engine->deliverOutcomeAgain(
        id, this, [this, id](const EngineClient::DeliveriesResult &result) {
            if (m_details->notificationId() != id)
                return;
            if (!result) {
                qCWarning(lcUi).noquote() << "delivering the outcome of" << id
                                          << "again failed:" << result.error().message;
                m_details->notificationView()->showDeliverError(result.error().message);
                return;
            }
            m_details->notificationView()->showDeliveries(result.value());
        });
}

void MainWindow::refreshDeliveries(const QString &id)
{
    m_engine->outcomeDeliveries(id, this, [this, id](const QList<OutcomeDelivery> &deliveries) {
        if (m_details->notificationId() == id)
            m_details->notificationView()->showDeliveries(deliveries);
    });
}

void MainWindow::showChanges(const QList<CallRecord> &changes,
                             const QList<Notification> &notifications)
{
    updateWebhookCounts();
    // Notifications first: a new call then finds the row it goes under.
    const QString selectedNotification = selectedNotificationId();
    for (const Notification &notification : notifications) {
        m_model->upsert(notification);
        if (notification.id == selectedNotification) {
            m_details->showNotification(notification);
            if (!notification.isOpen())
                refreshDeliveries(notification.id); // its outcome event is queued now
        }
    }
    if (changes.isEmpty())
        return;
    m_model->upsert(changes);
    const QString selected = selectedSid();
    bool selectedChanged = false;
    for (const CallRecord &call : changes) {
        if (call.sid == m_pendingSelection ||
            (!m_pendingRequest.isEmpty() && call.requestId == m_pendingRequest)) {
            m_pendingRequest.clear();
            selectCall(call.sid);
        }
        // A call of the selected notification: its attempt's status is in the pane too.
        selectedChanged = selectedChanged || call.sid == selected ||
                          (!selectedNotification.isEmpty() &&
                           m_model->notificationIdOf(call.sid) == selectedNotification);
    }
    if (selectedChanged)
        refreshDetails();
}

void MainWindow::refreshDetails()
{
    if (const QString id = selectedNotificationId(); !id.isEmpty()) {
        m_engine->notificationDetails(id, this,
                                      [this, id](const std::optional<Notification> &notification) {
                                          if (id != selectedNotificationId())
                                              return; // the selection moved on while we read
                                          if (notification) {
                                              m_details->showNotification(*notification);
                                              refreshDeliveries(id);
                                          } else
                                              m_details->clearCall();
                                      });
        return;
    }
    const QString sid = selectedSid();
    if (sid.isEmpty()) {
        m_details->clearCall();
        return;
    }
    m_engine->callDetails(sid, this, [this, sid](const EngineClient::CallDetails &details) {
        if (sid != selectedSid())
            return; // the selection moved on while we read
        if (details.call)
            m_details->showCall(*details.call, details.events);
        else
            m_details->clearCall();
    });
}

void MainWindow::updateWebhookCounts()
{
    m_countsLabel->setText(
        tr("Webhooks: %1 received · %2 rejected").arg(m_webhooksAccepted).arg(m_webhooksRejected));
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1100, 700);
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    m_list->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("window/callColumns")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("window/callColumns"),
                      m_list->horizontalHeader()->saveState());
}

void MainWindow::closeWithoutAsking()
{
    m_closeConfirmed = true;
    close();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Before asking: a close the person then takes back has saved nothing wrong.
    saveLayout();
    if (!m_closeConfirmed) {
        // Closing stops the engine: open notifications pause until the next start. Say so
        // first; the window closes once the person (or an empty count) agrees.
        event->ignore();
        // Closed from the event loop: a close() inside this event would be refused as nested.
        m_closePrompt->confirm([this] {
            QMetaObject::invokeMethod(this, &MainWindow::closeWithoutAsking, Qt::QueuedConnection);
        });
        return;
    }
    event->accept();
}

} // namespace flux
