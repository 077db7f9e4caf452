// Notifications from a real engine on its own thread: an acknowledged task, and a call that ends
// without acknowledgment.
#include "TaskNotifier.h"

#include "EngineFixture.h"

#include "engine/EngineClient.h"

#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>

using namespace flux;
using namespace flux::test;

class TestTaskNotifier : public QObject
{
    Q_OBJECT

private:
    void placeCall(EngineClient &engine, const QString &to, const QString &title)
    {
        CallRequest request;
        request.to = to;
        request.taskTitle = title;
        engine.placeCall(request, this, [](const auto &) {});
    }
    // `first`, then `then`, one call each, 30 s apart (1.2 s at 25x).
    void escalate(EngineClient &engine, const QString &first, const QString &then)
    {
        NotificationRequest request;
        request.call.to = first;
        request.call.taskTitle = QStringLiteral("DB down");
        request.escalation = {then};
        request.attempts = 1;
        request.retryAfterSeconds = 30;
        engine.placeNotification(request, this, [](const auto &) {});
    }
    // Every notification shown so far, "title | body".
    static QStringList shown(const QSignalSpy &notified)
    {
        QStringList texts;
        for (const QList<QVariant> &arguments : notified)
            texts << arguments.at(0).toString() + QStringLiteral(" | ") +
                         arguments.at(1).toString();
        return texts;
    }

private Q_SLOTS:
    void announcesAnAcknowledgedTaskAndACallThatWasNeverAnswered()
    {
        QTemporaryDir dir;
        EngineClient engine;
        QVERIFY(engine.start(EngineFixture::simulatorConfig(dir.path(), 25)).ok());
        TaskNotifier notifier(&engine);
        QCOMPARE(notifier.trayIcon() != nullptr, QSystemTrayIcon::isSystemTrayAvailable());
        QSignalSpy notified(&notifier, &TaskNotifier::notified);
        // Connected after the notifier, so it has seen each update by the time this does.
        QStringList ended;
        connect(&engine, &EngineClient::callUpdated, this, [&ended](const CallRecord &call) {
            if (CallStatus::isFinal(call.status))
                ended << call.to;
        });

        placeCall(engine, QStringLiteral("+15555550101"), QStringLiteral("Database is down"));
        placeCall(engine, QStringLiteral("+15555550104"), QStringLiteral("Disk is full"));
        QTRY_VERIFY_WITH_TIMEOUT(notified.count() >= 2, 30000);

        QStringList shown;
        for (const QList<QVariant> &arguments : notified)
            shown << arguments.at(0).toString() + QStringLiteral(" | ") +
                         arguments.at(1).toString();
        shown.sort();
        QCOMPARE(shown,
                 (QStringList{QStringLiteral("Task acknowledged | +15555550101 acknowledged: "
                                             "Database is down"),
                              QStringLiteral("Task not acknowledged | Call to +15555550104 ended "
                                             "without acknowledgment (no answer): Disk is full")}));

        // The acknowledged call's completion is not announced again.
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 2, 30000);
        QCOMPARE(notified.count(), 2);
    }

    void followsTheEngineAcrossARestart()
    {
        QTemporaryDir dir;
        EngineClient engine;
        const Config config = EngineFixture::simulatorConfig(dir.path(), 25);
        QVERIFY(engine.start(config).ok());
        TaskNotifier notifier(&engine);
        QSignalSpy notified(&notifier, &TaskNotifier::notified);
        QVERIFY(engine.start(config).ok());

        placeCall(engine, QStringLiteral("+15555550106"), QStringLiteral("Pressed two"));
        QTRY_COMPARE_WITH_TIMEOUT(notified.count(), 1, 30000);
        QCOMPARE(notified.first().at(1).toString(),
                 QStringLiteral("Call to +15555550106 ended without acknowledgment (declined, "
                                "pressed 2): Pressed two"));
    }

    void anEscalationSaysOnceWhoAcknowledgedAndNotTheBusyCallBefore()
    {
        QTemporaryDir dir;
        EngineClient engine;
        QVERIFY(engine.start(EngineFixture::simulatorConfig(dir.path(), 25)).ok());
        TaskNotifier notifier(&engine);
        QSignalSpy notified(&notifier, &TaskNotifier::notified);
        int acknowledged = 0;
        connect(&engine, &EngineClient::notificationAcknowledged, this,
                [&acknowledged] { ++acknowledged; });

        escalate(engine, QStringLiteral("+15555550103"), QStringLiteral("+15555550101"));
        QTRY_COMPARE_WITH_TIMEOUT(acknowledged, 1, 30000);
        QTest::qWait(500); // anything the call's own signals would add
        QCOMPARE(shown(notified),
                 QStringList{QStringLiteral("Task acknowledged | +15555550101 acknowledged: "
                                            "DB down")});
    }

    void anEscalationThatCalledEveryoneSaysSoOnce()
    {
        QTemporaryDir dir;
        EngineClient engine;
        QVERIFY(engine.start(EngineFixture::simulatorConfig(dir.path(), 25)).ok());
        TaskNotifier notifier(&engine);
        QSignalSpy notified(&notifier, &TaskNotifier::notified);

        escalate(engine, QStringLiteral("+15555550103"), QStringLiteral("+15555550105"));
        QTRY_COMPARE_WITH_TIMEOUT(notified.count(), 1, 30000);
        QTest::qWait(500);
        QCOMPARE(shown(notified),
                 QStringList{QStringLiteral("Task not acknowledged | Nobody acknowledged after 2 "
                                            "calls: DB down")});
    }
};

QTEST_MAIN(TestTaskNotifier)
#include "TestTaskNotifier.moc"
