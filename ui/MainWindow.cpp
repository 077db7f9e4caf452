#include "MainWindow.h"

#include "CallChangeBatch.h"
#include "CallDetailPane.h"
#include "CallRows.h"
#include "CallSortProxy.h"
#include "CallTableModel.h"
#include "ContactBookDialog.h"
#include "NewCallForm.h"
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
} // namespace

MainWindow::MainWindow(EngineClient *engine, QWidget *parent)
    : QMainWindow(parent), m_engine(engine), m_form(new NewCallForm(this)),
      m_model(new CallTableModel(this)), m_proxy(new CallSortProxy(m_model, this)),
      m_table(new QTableView(this)), m_search(new QLineEdit(this)),
      m_details(new CallDetailPane(this)), m_splitter(new QSplitter(Qt::Horizontal, this)),
      m_modeLabel(new QLabel(this)), m_webhookLabel(new QLabel(this)),
      m_countsLabel(new QLabel(this)), m_twilioLabel(new QLabel(this)),
      m_changes(new CallChangeBatch(this))
{
    connect(m_changes, &CallChangeBatch::ready, this, &MainWindow::showChanges);
    setWindowTitle(tr("Flux Call Desk"));
    setObjectName(QStringLiteral("mainWindow"));

    m_table->setModel(m_proxy);
    m_table->setObjectName(QStringLiteral("callList"));
    m_table->setAccessibleName(tr("Calls"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CallTableModel::Time, Qt::DescendingOrder);
    m_table->setItemDelegateForColumn(CallTableModel::Status, new StatusBadgeDelegate(m_table));
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setAccessibleName(tr("Call list columns"));
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(CallTableModel::Task, QHeaderView::Stretch);
    m_table->setColumnWidth(CallTableModel::Time, 90);
    m_table->setColumnWidth(CallTableModel::Number, 130);
    m_table->setColumnWidth(CallTableModel::Status, 140);
    m_table->setColumnWidth(CallTableModel::Duration, 90);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setAccessibleName(tr("Search calls"));
    m_search->setPlaceholderText(tr("Search number, task or status (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_form);
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_table, 1);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);
    setTabOrder(m_form->callButton(), m_search);
    setTabOrder(m_search, m_table);

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

    connect(m_form, &NewCallForm::callRequested, this, &MainWindow::placeCall);
    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { refreshDetails(); });
    connect(m_details, &CallDetailPane::hangUpRequested, this, &MainWindow::hangUp);
    connect(m_details, &CallDetailPane::callAgainRequested, this, [this](const CallRecord &call) {
        NotificationRequest again;
        again.call = {call.to, call.taskTitle, call.taskId};
        placeCall(again);
    });
    // Under load a change arrives per webhook: the list takes them a frame's worth at a time.
    connect(m_engine, &EngineClient::callPlaced, m_changes, &CallChangeBatch::add);
    connect(m_engine, &EngineClient::callUpdated, m_changes, &CallChangeBatch::add);
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
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.data(CallTableModel::SidRole).toString() : QString();
}

void MainWindow::selectCall(const QString &sid)
{
    const int row = m_model->rowOf(sid);
    if (row < 0) {
        m_pendingSelection = sid;
        return;
    }
    m_pendingSelection.clear();
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return; // filtered out by the search
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
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

    // Read and made compact on the engine thread: the window gets the rows in one go and never
    // holds the full records of a long history.
    m_engine->recentCalls<CallRows>(
        HistoryLimit, this, [this](const EngineClient::Facts &facts, const CallRows &history) {
            const bool simulator = facts.mode == Config::Mode::Simulator;
            m_modeLabel->setText(simulator ? tr(" SIMULATOR ") : tr(" LIVE "));
            m_modeLabel->setToolTip(
                simulator ? tr("Calls ring the built-in virtual phone, not real phones")
                          : tr("Calls ring real phones through Twilio"));
            m_modeLabel->setStyleSheet(
                QStringLiteral("QLabel { font-weight: bold; color: white; background: %1; "
                               "border-radius: 3px; padding: 1px 6px; }")
                    .arg(simulator ? QStringLiteral("#1a73e8") : QStringLiteral("#d93025")));
            m_webhookLabel->setText(tr("Webhooks at %1").arg(facts.publicBaseUrl));
            m_details->setSpokenLanguage(facts.language);
            m_changes->clear();
            m_model->reset(history);
            qCInfo(lcUi) << "history loaded:" << history.size() << "calls";
            Q_EMIT historyLoaded(history.size());
            if (!m_pendingSelection.isEmpty())
                selectCall(m_pendingSelection);
        });
}

void MainWindow::placeCall(const NotificationRequest &request)
{
    m_form->setBusy(true);
    m_engine->placeNotification(
        request, this, [this](const EngineClient::NotificationResult &result) {
            m_form->setBusy(false);
            if (!result) {
                m_form->showError(result.error().message);
                return;
            }
            m_form->clear();
            m_changes->flush(); // the list in order, with the first call, before it is selected
            m_search->clear();  // the new call must be visible to be selected
            const QList<NotificationAttempt> &attempts = result.value().attempts;
            if (!attempts.isEmpty() && !attempts.first().callSid.isEmpty())
                selectCall(attempts.first().callSid);
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

void MainWindow::showChanges(const QList<CallRecord> &changes)
{
    updateWebhookCounts();
    if (changes.isEmpty())
        return;
    m_model->upsert(changes);
    const QString selected = selectedSid();
    bool selectedChanged = false;
    for (const CallRecord &call : changes) {
        if (call.sid == m_pendingSelection)
            selectCall(call.sid);
        selectedChanged = selectedChanged || call.sid == selected;
    }
    if (selectedChanged)
        refreshDetails();
}

void MainWindow::refreshDetails()
{
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
    m_table->horizontalHeader()->restoreState(
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
                      m_table->horizontalHeader()->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    event->accept();
}

} // namespace flux
