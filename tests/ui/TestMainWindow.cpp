// The window on the real engine (its own thread, the simulator over loopback), driven like a
// person would: typing, clicking, the keyboard.
#include "EngineFixture.h"

#include "CallDetailPane.h"
#include "CallTreeModel.h"
#include "MainWindow.h"
#include "NewCallForm.h"
#include "VirtualPhonePanel.h"

#include "engine/EngineClient.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace flux;
using namespace flux::test;

class TestMainWindow : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineClient> m_engine;
    std::unique_ptr<MainWindow> m_window;

    QString statusOf(const QString &sid)
    {
        return m_window->callModel()->indexOf(sid, CallTreeModel::Status).data().toString();
    }
    QString placeThroughTheForm(const QString &number, const QString &title)
    {
        NewCallForm *form = m_window->form();
        QTest::keyClicks(form->numberField(), number);
        QTest::keyClicks(form->titleField(), title);
        if (!form->callButton()->isEnabled())
            return {};
        const QString before = m_window->selectedSid();
        QTest::mouseClick(form->callButton(), Qt::LeftButton);
        QDeadlineTimer deadline(10000);
        while (m_window->selectedSid() == before && !deadline.hasExpired())
            QTest::qWait(10);
        return m_window->selectedSid() == before ? QString() : m_window->selectedSid();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QSettings().clear();
        m_dir = std::make_unique<QTemporaryDir>();
        m_engine = std::make_unique<EngineClient>();
        QVERIFY(m_engine->start(EngineFixture::simulatorConfig(m_dir->path(), 25.0)).ok());
        m_window = std::make_unique<MainWindow>(m_engine.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_engine->stop();
        m_window.reset();
        m_engine.reset();
    }

    void placingACallClearsTheFormSelectsTheCallAndShowsItAcknowledged()
    {
        const QString sid =
            placeThroughTheForm(QStringLiteral("+15555550101"), QStringLiteral("Database is down"));
        QVERIFY(sid.startsWith(QLatin1String("CA")));
        QVERIFY(m_window->form()->numberField()->text().isEmpty());
        QVERIFY(m_window->form()->titleField()->text().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(sid), QStringLiteral("acknowledged"), 20000);

        CallDetailPane *details = m_window->detailPane();
        QTRY_COMPARE_WITH_TIMEOUT(details->callSid(), sid, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(details->timeline()->topLevelItemCount() >= 5,
                                 5000); // created, 3+ statuses, gather
        QTRY_VERIFY(details->spokenLabel()->text().contains(QStringLiteral("Task acknowledged")));
        QVERIFY(details->spokenLabel()->text().contains(
            QStringLiteral("You have a critical task: Database is down")));
        QTRY_VERIFY(!details->hangUpButton()->isEnabled());
    }

    void answeringOnTheVirtualPhoneAndPressingOneAcknowledgesTheRow()
    {
        // As the desktop app runs: a person answers the simulator's phone.
        Config config = EngineFixture::simulatorConfig(m_dir->path(), 10.0);
        config.simulatorManualAnswer = true;
        QVERIFY(m_engine->start(config).ok());
        auto *phone = new VirtualPhonePanel(m_engine.get());
        m_window->addPanel(phone, QStringLiteral("Virtual phone"));

        const QString sid =
            placeThroughTheForm(QStringLiteral("+14155550123"), QStringLiteral("Database is down"));
        QVERIFY(!sid.isEmpty());
        auto *answer = phone->findChild<QPushButton *>(QStringLiteral("answerButton"));
        QTRY_VERIFY_WITH_TIMEOUT(answer->isEnabled(), 10000);
        QTRY_COMPARE(statusOf(sid), QStringLiteral("ringing"));
        QTest::mouseClick(answer, Qt::LeftButton);

        auto *one = phone->findChild<QAbstractButton *>(QStringLiteral("key-1"));
        QTRY_VERIFY_WITH_TIMEOUT(one->isEnabled(), 10000); // the prompt's <Gather> listens
        QTest::mouseClick(one, Qt::LeftButton);

        QTRY_COMPARE_WITH_TIMEOUT(statusOf(sid), QStringLiteral("acknowledged"), 10000);
        CallDetailPane *details = m_window->detailPane();
        QTRY_VERIFY_WITH_TIMEOUT(details->timeline()->topLevelItemCount() >= 6, 10000);
        QVERIFY(details->spokenLabel()->text().contains(QStringLiteral("Task acknowledged")));
    }

    void invalidNumberKeepsCallDisabledAndSaysWhy()
    {
        NewCallForm *form = m_window->form();
        QTest::keyClicks(form->titleField(), QStringLiteral("Anything"));
        QTest::keyClicks(form->numberField(), QStringLiteral("0155 555"));
        QVERIFY(!form->callButton()->isEnabled());
        QVERIFY(form->hintLabel()->isVisible());
        QVERIFY(form->hintLabel()->text().contains(QStringLiteral("+14155551234")));
        QTest::keyClick(form->numberField(), Qt::Key_Return); // Enter does nothing either
        QTest::qWait(200);
        QCOMPARE(m_window->callModel()->rowCount(), 0);
        form->numberField()->clear();
        QTest::keyClicks(form->numberField(), QStringLiteral("+441234567890"));
        QVERIFY(form->callButton()->isEnabled());
    }

    void keyboardAloneCanPlaceACall()
    {
        NewCallForm *form = m_window->form();
        QTRY_VERIFY(form->numberField()->hasFocus());
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("+15555550102"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("Rotate keys"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->callModel()->rowCount(), 1, 10000);
        const QString sid = m_window->callModel()->rows().sid(0);
        QCOMPARE(m_window->callModel()->rows().taskTitle(0), QStringLiteral("Rotate keys"));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(sid), QStringLiteral("not acknowledged"), 20000);
    }

    void hangingUpARingingCallCancelsIt()
    {
        const QString sid =
            placeThroughTheForm(QStringLiteral("+15555550104"), QStringLiteral("Nobody home"));
        QVERIFY(!sid.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(sid), QStringLiteral("ringing"), 10000);
        QPushButton *hangUp = m_window->detailPane()->hangUpButton();
        QTRY_VERIFY(hangUp->isEnabled() && m_window->detailPane()->callSid() == sid);
        QTest::mouseClick(hangUp, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(sid), QStringLiteral("canceled"), 10000);
        QTRY_VERIFY(!hangUp->isEnabled());
    }

    void searchNarrowsTheList()
    {
        placeThroughTheForm(QStringLiteral("+15555550103"), QStringLiteral("Disk full"));
        placeThroughTheForm(QStringLiteral("+15555550105"), QStringLiteral("Certificate expires"));
        QTRY_COMPARE(m_window->callList()->model()->rowCount(), 2);
        QTest::keyClicks(m_window->searchField(), QStringLiteral("certif"));
        QTRY_COMPARE(m_window->callList()->model()->rowCount(), 1);
        QCOMPARE(m_window->callList()->model()->index(0, CallTreeModel::Number).data().toString(),
                 QStringLiteral("+15555550105"));
    }

    void historyIsShownAfterARestartAndTheLayoutIsRemembered()
    {
        const QString sid =
            placeThroughTheForm(QStringLiteral("+15555550103"), QStringLiteral("Busy line"));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(sid), QStringLiteral("busy"), 10000);
        m_window->resize(900, 640);
        m_window->callList()->setColumnWidth(CallTreeModel::Number, 211);
        m_window->close();

        m_engine->stop();
        QVERIFY(m_engine->start(EngineFixture::simulatorConfig(m_dir->path(), 25.0)).ok());
        MainWindow again(m_engine.get());
        again.show();
        QTRY_COMPARE_WITH_TIMEOUT(again.callModel()->rowCount(), 1, 10000);
        QCOMPARE(again.callModel()->rows().sid(0), sid);
        QCOMPARE(again.size(), QSize(900, 640));
        QCOMPARE(again.callList()->columnWidth(CallTreeModel::Number), 211);
    }

    void statusBarSaysSimulatorAndWhereWebhooksGo()
    {
        auto *mode = m_window->findChild<QLabel *>(QStringLiteral("modeLabel"));
        QTRY_VERIFY(mode->text().contains(QStringLiteral("SIMULATOR")));
        auto *webhook = m_window->findChild<QLabel *>(QStringLiteral("webhookLabel"));
        QVERIFY(webhook->text().contains(QStringLiteral("http://127.0.0.1:")));
        const QString sid =
            placeThroughTheForm(QStringLiteral("+15555550101"), QStringLiteral("Count me"));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(sid), QStringLiteral("acknowledged"), 20000);
        auto *counts = m_window->findChild<QLabel *>(QStringLiteral("webhookCounts"));
        QTRY_VERIFY(!counts->text().contains(QStringLiteral(": 0 received")));
        QVERIFY(counts->text().contains(QStringLiteral("0 rejected")));
        QTRY_VERIFY(m_window->findChild<QLabel *>(QStringLiteral("twilioLabel"))
                        ->text()
                        .contains(QStringLiteral("answering")));
    }

    void everyControlHasAnAccessibleName()
    {
        const auto widgets = m_window->findChildren<QWidget *>();
        QStringList unnamed;
        for (QWidget *widget : widgets) {
            const bool interactive = qobject_cast<QLineEdit *>(widget) ||
                                     qobject_cast<QAbstractButton *>(widget) ||
                                     qobject_cast<QAbstractItemView *>(widget);
            if (interactive && widget->isVisible() && widget->accessibleName().isEmpty() &&
                !qobject_cast<QAbstractButton *>(widget) /* buttons are named by their text */)
                unnamed << QLatin1String(widget->metaObject()->className()) + QStringLiteral(" ") +
                               widget->objectName();
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
