// Notifications in the window, on a real engine (its own thread, the simulator over loopback):
// the escalation's calls under its row, the detail pane's countdown and Cancel escalation, and
// the question before closing or restarting pauses open notifications.
#include "EngineFixture.h"
#include "OutcomeReceiver.h"

#include "CallDetailPane.h"
#include "CallTreeModel.h"
#include "MainWindow.h"
#include "MemorySecretBackend.h"
#include "NotificationDetailView.h"
#include "OpenNotificationsPrompt.h"
#include "SavedSettings.h"
#include "SecretStore.h"
#include "SettingsDialog.h"

#include "engine/EngineClient.h"

#include <QAbstractButton>
#include <QDeadlineTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace flux;
using namespace flux::test;

namespace {

const QString Busy = QStringLiteral("+15555550103");         // always busy
const QString Acknowledges = QStringLiteral("+15555550101"); // answers and presses 1
const QString NoAnswer = QStringLiteral("+15555550104");     // never answers

// `first`, then `then`, `attempts` calls each; the engine waits `retryAfterSeconds` (divided by
// the simulator's speed) between the calls to one number, and calls the next number at once.
NotificationRequest escalation(const QString &first, const QString &then, int attempts,
                               int retryAfterSeconds)
{
    NotificationRequest request;
    request.call.to = first;
    request.call.taskTitle = QStringLiteral("Database is down");
    request.call.taskId = QStringLiteral("INC-7");
    request.escalation = {then};
    request.attempts = attempts;
    request.retryAfterSeconds = retryAfterSeconds;
    return request;
}

// "Next call to +1… in 0:09" -> 9; -1 when the text is not a countdown.
int secondsLeft(const QString &progress)
{
    static const QRegularExpression countdown(QStringLiteral(" in (\\d+):(\\d\\d)$"));
    const QRegularExpressionMatch match = countdown.match(progress);
    return match.hasMatch() ? match.captured(1).toInt() * 60 + match.captured(2).toInt() : -1;
}

} // namespace

class TestNotificationWindow : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineClient> m_engine;
    std::unique_ptr<MainWindow> m_window;

    CallTreeModel *model() const { return m_window->callModel(); }
    NotificationDetailView *story() const { return m_window->detailPane()->notificationView(); }
    QString cell(const QModelIndex &index) const { return index.data().toString(); }

    // Places `request` as the Call button does; the notification's id once its row is selected.
    QString place(const NotificationRequest &request)
    {
        m_window->placeNotification(request);
        QDeadlineTimer deadline(10000);
        while (m_window->selectedNotificationId().isEmpty() && !deadline.hasExpired())
            QTest::qWait(10);
        return m_window->selectedNotificationId();
    }
    // Restarts the engine at `speed` and waits for the window to have read its history again.
    void restart(double speed)
    {
        QSignalSpy loaded(m_window.get(), &MainWindow::historyLoaded);
        QVERIFY(m_engine->start(EngineFixture::simulatorConfig(m_dir->path(), speed)).ok());
        QVERIFY(loaded.wait(10000));
    }
    // Waits for the wait between two calls, the countdown showing.
    void waitForCountdown()
    {
        QTRY_VERIFY_WITH_TIMEOUT(secondsLeft(story()->progressLabel()->text()) > 0, 20000);
    }

private Q_SLOTS:
    void theReceiverIsShownWithoutItsTokenBearingParts()
    {
        QCOMPARE(NotificationDetailView::receiverText(
                     QStringLiteral("https://user:pw@hooks.example.com/flux/in?token=s3cret#x")),
                 QStringLiteral("https://hooks.example.com/flux/in?…"));
        QCOMPARE(NotificationDetailView::receiverText(QStringLiteral("http://127.0.0.1:9/hook")),
                 QStringLiteral("http://127.0.0.1:9/hook"));
    }

    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QSettings().clear();
        m_dir = std::make_unique<QTemporaryDir>();
        m_engine = std::make_unique<EngineClient>();
        QVERIFY(m_engine->start(EngineFixture::simulatorConfig(m_dir->path(), 25.0)).ok());
        m_window = std::make_unique<MainWindow>(m_engine.get());
        QSignalSpy loaded(m_window.get(), &MainWindow::historyLoaded);
        QVERIFY(loaded.wait(10000));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_engine->stop();
        m_window.reset();
        m_engine.reset();
    }

    void anEscalationShowsEachCallUnderItsNotificationUntilOneIsAcknowledged()
    {
        // Busy first, then at once the next number, who presses 1.
        const QString id = place(escalation(Busy, Acknowledges, 1, 30));
        QVERIFY(id.startsWith(QLatin1String("NO")));
        const QModelIndex row = model()->notificationIndex(id);
        QVERIFY(row.isValid());
        QCOMPARE(cell(row.siblingAtColumn(CallTreeModel::Task)),
                 QStringLiteral("Database is down (INC-7)"));
        QTRY_COMPARE_WITH_TIMEOUT(cell(row.siblingAtColumn(CallTreeModel::Status)),
                                  QStringLiteral("acknowledged"), 30000);
        QCOMPARE(cell(row.siblingAtColumn(CallTreeModel::Number)), Acknowledges);

        // Two calls under it, first to last, and nothing else in the list.
        QTRY_COMPARE_WITH_TIMEOUT(model()->callsOf(id).size(), 2, 10000);
        QCOMPARE(model()->rowCount(), 3);
        const QStringList calls = model()->callsOf(id);
        QCOMPARE(cell(model()->indexOf(calls.at(0), CallTreeModel::Number)), Busy);
        QCOMPARE(cell(model()->indexOf(calls.at(1), CallTreeModel::Number)), Acknowledges);
        QTRY_COMPARE(cell(model()->indexOf(calls.at(0), CallTreeModel::Status)),
                     QStringLiteral("busy"));
        QTRY_COMPARE(cell(model()->indexOf(calls.at(1), CallTreeModel::Status)),
                     QStringLiteral("acknowledged"));
        QCOMPARE(cell(model()->indexOf(calls.at(1), CallTreeModel::Task)),
                 QStringLiteral("attempt 2 of 2"));

        // The list shows them so: its row, then its calls in attempt order, although the list
        // is sorted newest first.
        QAbstractItemModel *shown = m_window->callList()->model();
        QCOMPARE(shown->rowCount(), 3);
        QCOMPARE(shown->index(0, 0).data(CallTreeModel::NotificationIdRole).toString(), id);
        QCOMPARE(shown->index(1, CallTreeModel::Number).data().toString(), Busy);
        QCOMPARE(shown->index(2, CallTreeModel::Number).data().toString(), Acknowledges);

        // The pane tells the whole story, and there is nothing left to cancel.
        QTRY_VERIFY(story()->progressLabel()->text().startsWith(QStringLiteral("Acknowledged by ") +
                                                                Acknowledges));
        QTRY_COMPARE(story()->attemptList()->topLevelItemCount(), 2);
        QCOMPARE(story()->attemptList()->topLevelItem(0)->text(NotificationDetailView::Status),
                 QStringLiteral("busy"));
        QCOMPARE(story()->attemptList()->topLevelItem(1)->text(NotificationDetailView::Status),
                 QStringLiteral("acknowledged"));
        QVERIFY(!story()->cancelButton()->isEnabled());
    }

    void thePaneShowsEveryTryOfTheOutcomeWebhookAndDeliversAgain()
    {
        OutcomeReceiver receiver;
        receiver.script = {500, 200};
        Config config = EngineFixture::simulatorConfig(m_dir->path(), 25.0);
        config.outcomeWebhookUrl = receiver.url();
        config.outcomeRetryBaseMs = 100;
        QSignalSpy loaded(m_window.get(), &MainWindow::historyLoaded);
        QVERIFY(m_engine->start(config).ok());
        QVERIFY(loaded.wait(10000));

        const QString id = place(escalation(Acknowledges, Busy, 1, 30));
        QVERIFY(!id.isEmpty());
        QTreeWidget *deliveries = story()->deliveryList();
        QTRY_COMPARE_WITH_TIMEOUT(deliveries->topLevelItemCount(), 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(
            deliveries->topLevelItem(0)->text(NotificationDetailView::DeliveryStatus),
            QStringLiteral("delivered"), 10000);
        QTreeWidgetItem *row = deliveries->topLevelItem(0);
        QCOMPARE(row->text(NotificationDetailView::DeliveryReceiver), receiver.url());
        QCOMPARE(row->text(NotificationDetailView::DeliveryTries), QStringLiteral("2"));
        QVERIFY(
            row->text(NotificationDetailView::DeliveryLastTry).startsWith(QLatin1String("200")));
        QVERIFY(deliveries->isVisible());
        QVERIFY(story()->deliverAgainButton()->isEnabled());

        QTest::mouseClick(story()->deliverAgainButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.posts.size(), 3, 10000);
        QCOMPARE(receiver.posts.last().eventId(), receiver.posts.first().eventId());
        QTRY_COMPARE_WITH_TIMEOUT(
            deliveries->topLevelItem(0)->text(NotificationDetailView::DeliveryTries),
            QStringLiteral("3"), 10000);
        QTRY_VERIFY(story()->deliverAgainButton()->isEnabled());
    }

    void thePaneNamesThePeopleTheContactBookKnows()
    {
        Contact alice;
        alice.name = QStringLiteral("Alice");
        alice.number = Acknowledges;
        bool saved = false;
        QObject saving;
        m_engine->saveContact(alice, &saving,
                              [&saved](const auto &result) { saved = result.ok(); });
        QTRY_VERIFY(saved);

        const QString id = place(escalation(Busy, Acknowledges, 1, 30));
        QTRY_VERIFY_WITH_TIMEOUT(story()->progressLabel()->text().startsWith(
                                     QStringLiteral("Acknowledged by Alice (+15555550101) at ")),
                                 30000);
        QTRY_COMPARE(story()->attemptList()->topLevelItemCount(), 2);
        QCOMPARE(story()->attemptList()->topLevelItem(0)->text(NotificationDetailView::Number),
                 Busy);
        QCOMPARE(story()->attemptList()->topLevelItem(1)->text(NotificationDetailView::Number),
                 QStringLiteral("Alice (+15555550101)"));
        QCOMPARE(model()->notificationIdOf(model()->callsOf(id).value(1)), id);
    }

    void theNextCallCountsDownAndCancelEscalationStopsIt()
    {
        // Busy twice, 120 s apart: 12 s at 10x, long enough to watch, short enough to wait for.
        restart(10.0);
        const QString id = place(escalation(Busy, NoAnswer, 2, 120));
        QVERIFY(!id.isEmpty());
        waitForCountdown();
        const QString before = story()->progressLabel()->text();
        QVERIFY2(before.startsWith(QStringLiteral("Next call to ") + Busy), qPrintable(before));
        QVERIFY(secondsLeft(before) <= 12);
        QTRY_VERIFY_WITH_TIMEOUT(
            secondsLeft(story()->progressLabel()->text()) < secondsLeft(before), 3000);
        const QModelIndex row = model()->notificationIndex(id);
        QCOMPARE(cell(row.siblingAtColumn(CallTreeModel::Status)),
                 QStringLiteral("attempt 2 of 4"));
        QCOMPARE(cell(row.siblingAtColumn(CallTreeModel::Number)), Busy); // called again next

        QPushButton *cancel = story()->cancelButton();
        QVERIFY(cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cell(row.siblingAtColumn(CallTreeModel::Status)),
                                  QStringLiteral("canceled"), 5000);
        QTRY_VERIFY(story()->progressLabel()->text().startsWith(QStringLiteral("Canceled at ")));
        QVERIFY(!cancel->isEnabled());
        QVERIFY(story()->errorLabel()->isHidden());

        // The engine agrees, and nobody is called again.
        std::optional<Notification> stored;
        m_engine->notificationDetails(
            id, this, [&stored](const std::optional<Notification> &n) { stored = n; });
        QTRY_VERIFY(stored.has_value());
        QCOMPARE(stored->outcome, NotificationOutcome::Canceled);
        QCOMPARE(stored->attempts.size(), 1);
        QCOMPARE(model()->callsOf(id).size(), 1);
    }

    void aCancelTheEngineRefusesSaysWhyInThePane()
    {
        restart(10.0);
        const QString id = place(escalation(Busy, NoAnswer, 2, 120));
        waitForCountdown();
        Notification stale;
        QObject reading; // answers after this test returned are dropped with it
        m_engine->notificationDetails(id, &reading, [&stale](const std::optional<Notification> &n) {
            stale = n.value_or(Notification{});
        });
        QTRY_COMPARE(stale.id, id);
        // Canceled elsewhere (the API), while the pane still shows it open.
        bool canceled = false;
        m_engine->cancelNotification(id, this,
                                     [&canceled](const auto &result) { canceled = result.ok(); });
        QTRY_VERIFY(canceled);
        QTRY_VERIFY(!story()->cancelButton()->isEnabled());
        story()->showNotification(stale);
        QVERIFY(story()->cancelButton()->isEnabled());

        QTest::mouseClick(story()->cancelButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!story()->errorLabel()->isHidden(), 5000);
        QVERIFY2(story()->errorLabel()->text().startsWith(
                     QStringLiteral("Could not cancel the escalation: ")),
                 qPrintable(story()->errorLabel()->text()));
    }

    void theTextsSentFollowTheCallsInTheTimeline()
    {
        NotificationDetailView view;
        Notification n;
        n.id = QStringLiteral("NO0123456789abcdef0123456789abcdef");
        n.taskTitle = QStringLiteral("Disk full");
        n.numbers = {Busy};
        n.outcome = NotificationOutcome::NotAcknowledged;
        NotificationAttempt attempt;
        attempt.number = Busy;
        attempt.error = QStringLiteral("refused");
        attempt.placedAt = QDateTime::currentDateTimeUtc();
        n.attempts = {attempt};
        TextMessage text;
        text.to = Busy;
        text.sid = QStringLiteral("SM0123456789abcdef0123456789abcdef");
        text.status = TextMessageStatus::Undelivered;
        text.error = QStringLiteral("30003");
        text.createdAt = QDateTime::currentDateTimeUtc();
        n.texts = {text};
        view.showNotification(n);
        QTreeWidget *timeline = view.attemptList();
        QCOMPARE(timeline->topLevelItemCount(), 2);
        const QTreeWidgetItem *row = timeline->topLevelItem(1);
        QCOMPARE(row->text(NotificationDetailView::Attempt), QStringLiteral("SMS"));
        QCOMPARE(row->text(NotificationDetailView::Status), QStringLiteral("text undelivered"));
        QCOMPARE(row->text(NotificationDetailView::Why), QStringLiteral("30003"));
        QCOMPARE(row->toolTip(NotificationDetailView::Status), text.sid);
    }

    void closingWhileANotificationIsOpenAsksFirst()
    {
        restart(10.0);
        place(escalation(Busy, NoAnswer, 2, 120));
        waitForCountdown();
        OpenNotificationsPrompt *prompt = m_window->closePrompt();

        m_window->close();
        QTRY_VERIFY_WITH_TIMEOUT(prompt->question() && prompt->question()->isVisible(), 5000);
        QCOMPARE(prompt->question()->text(),
                 QStringLiteral("1 notification is still open. It pauses now and resumes, on "
                                "schedule, the next time Flux Call Desk starts."));
        QTest::mouseClick(
            prompt->question()->findChild<QPushButton *>(QStringLiteral("cancelButton")),
            Qt::LeftButton);
        QTRY_VERIFY(!prompt->question());
        QTest::qWait(100);
        QVERIFY(m_window->isVisible());

        m_window->close();
        QTRY_VERIFY_WITH_TIMEOUT(prompt->question() && prompt->question()->isVisible(), 5000);
        QTest::mouseClick(
            prompt->question()->findChild<QPushButton *>(QStringLiteral("continueButton")),
            Qt::LeftButton);
        QTRY_VERIFY(!m_window->isVisible());
    }

    void closingWithNothingOpenDoesNotAsk()
    {
        const QString id = place(escalation(Busy, Acknowledges, 1, 30));
        QTRY_COMPARE_WITH_TIMEOUT(cell(model()->notificationIndex(id, CallTreeModel::Status)),
                                  QStringLiteral("acknowledged"), 30000);
        bool asked = false;
        QTimer watch;
        connect(&watch, &QTimer::timeout, this,
                [&] { asked = asked || m_window->closePrompt()->question(); });
        watch.start(5);
        m_window->close();
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(), 5000);
        QVERIFY(!asked);
    }

    void applyingSettingsWhileANotificationIsOpenAsksFirst()
    {
        restart(10.0);
        place(escalation(Busy, NoAnswer, 2, 120));
        waitForCountdown();

        QTemporaryDir settingsDir;
        SecretStore secrets{std::make_unique<MemorySecretBackend>()};
        secrets.loadToken();
        SavedSettings saved(&secrets, settingsDir.filePath(QStringLiteral("settings.ini")));
        ConfigSources sources;
        sources.dotEnvPath = settingsDir.filePath(QStringLiteral("absent.env"));
        sources.defaultDataDir = settingsDir.path();
        SettingsDialog dialog(&saved, sources);
        auto *prompt = new OpenNotificationsPrompt(m_engine.get(), &dialog);
        dialog.setRestartConfirmation(
            [prompt](std::function<void()> proceed) { prompt->confirm(std::move(proceed)); });
        QSignalSpy applied(&dialog, &SettingsDialog::settingsApplied);
        dialog.show();
        QLineEdit *url = nullptr;
        for (QLineEdit *edit : dialog.findChildren<QLineEdit *>()) {
            if (edit->accessibleName() == QLatin1String("Public base URL"))
                url = edit;
        }
        QVERIFY(url);
        url->setText(QStringLiteral("https://calls.example.com/flux"));
        QAbstractButton *apply = nullptr;
        for (QAbstractButton *button : dialog.findChildren<QAbstractButton *>()) {
            if (button->accessibleName() == QLatin1String("Apply"))
                apply = button;
        }
        QVERIFY(apply && apply->isEnabled());

        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(prompt->question() && prompt->question()->isVisible(), 5000);
        QCOMPARE(applied.count(), 0); // nothing restarts while the question is open
        QTest::mouseClick(
            prompt->question()->findChild<QPushButton *>(QStringLiteral("cancelButton")),
            Qt::LeftButton);
        QTRY_VERIFY(!prompt->question());
        QCOMPARE(applied.count(), 0);

        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(prompt->question() && prompt->question()->isVisible(), 5000);
        QTest::mouseClick(
            prompt->question()->findChild<QPushButton *>(QStringLiteral("continueButton")),
            Qt::LeftButton);
        QTRY_COMPARE(applied.count(), 1);
    }
};

QTEST_MAIN(TestNotificationWindow)
#include "TestNotificationWindow.moc"
