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
        engine.placeCall({to, title, {}}, this, [](const auto &) {});
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
};

QTEST_MAIN(TestTaskNotifier)
#include "TestTaskNotifier.moc"
