// The log view: every thread's messages, a bounded memory, the level and text filters, and the
// previous message handler still writing to stderr.
#include "LogSink.h"
#include "LogView.h"

#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace flux;

namespace {
// Not under flux.*, whose debug lines the test environment turns off.
Q_LOGGING_CATEGORY(lcViewTest, "logview.test", QtDebugMsg)

QStringList recorded;
QtMessageHandler testHandler = nullptr;
void record(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    recorded << message;
    testHandler(type, context, message);
}
} // namespace

class TestLogView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filtersByLevelAndText()
    {
        LogSink sink;
        LogView view(&sink);
        qCDebug(lcViewTest) << "debug line";
        qCInfo(lcViewTest) << "info line CA0001";
        qCWarning(lcViewTest) << "warning line";
        qCCritical(lcViewTest) << "error line CA0001";
        const auto text = [&view] { return view.textView()->toPlainText(); };
        QTRY_VERIFY(text().contains(QStringLiteral("error line")));
        // Info and above at first.
        QVERIFY(!text().contains(QStringLiteral("debug line")));
        QVERIFY(text().contains(QStringLiteral("info line")));
        QVERIFY(text().contains(QStringLiteral("logview.test")));

        view.setMinimumLevel(LogEntry::Level::Debug);
        QCOMPARE(text().count(QLatin1Char('\n')), 3);
        view.setMinimumLevel(LogEntry::Level::Warning);
        QCOMPARE(text().count(QLatin1Char('\n')), 1);
        QVERIFY(text().contains(QStringLiteral("warning line")));
        QVERIFY(text().contains(QStringLiteral("error line")));
        view.setMinimumLevel(LogEntry::Level::Error);
        QVERIFY(!text().contains(QStringLiteral("warning line")));
        QVERIFY(text().contains(QStringLiteral("error line")));

        view.setMinimumLevel(LogEntry::Level::Debug);
        view.setFilterText(QStringLiteral("ca0001"));
        QCOMPARE(text().count(QLatin1Char('\n')), 1);
        QVERIFY(text().contains(QStringLiteral("info line")));
        view.setFilterText(QStringLiteral("no.such.category"));
        QVERIFY(text().isEmpty());

        // A new line is filtered as it arrives, too.
        view.setFilterText({});
        view.setMinimumLevel(LogEntry::Level::Warning);
        qCInfo(lcViewTest) << "later info";
        qCWarning(lcViewTest) << "later warning";
        QTRY_VERIFY(text().contains(QStringLiteral("later warning")));
        QVERIFY(!text().contains(QStringLiteral("later info")));
    }

    void showsMessagesLoggedOnAnotherThread()
    {
        LogSink sink;
        LogView view(&sink);
        QSignalSpy logged(&sink, &LogSink::logged);
        QThread *worker = QThread::create([] {
            for (int i = 0; i < 100; ++i)
                qCInfo(lcViewTest) << "from the engine thread" << i;
        });
        worker->start();
        QVERIFY(worker->wait(10000));
        delete worker;
        QTRY_VERIFY(view.textView()->toPlainText().contains(QStringLiteral("thread 99")));
        QCOMPARE(view.textView()->toPlainText().count(QStringLiteral("from the engine thread")),
                 100);
        // Delivered in batches, not one queued call per line.
        QVERIFY(logged.count() < 100);
    }

    void keepsTheLastLinesAndStillPassesEveryLineOn()
    {
        recorded.clear();
        testHandler = qInstallMessageHandler(record);
        {
            LogSink sink(3);
            for (int i = 1; i <= 5; ++i)
                qCInfo(lcViewTest).noquote() << QStringLiteral("line %1").arg(i);
            const QList<LogEntry> kept = sink.entries();
            QCOMPARE(kept.size(), 3);
            QCOMPARE(kept.first().message, QStringLiteral("line 3"));
            QCOMPARE(kept.last().message, QStringLiteral("line 5"));
            QCOMPARE(kept.last().category, QStringLiteral("logview.test"));
            QCOMPARE(kept.last().level, LogEntry::Level::Info);
        }
        QCOMPARE(recorded.size(), 5);
        // The sink is gone and its predecessor is back in place.
        qCInfo(lcViewTest) << "after";
        QCOMPARE(recorded.size(), 6);
        qInstallMessageHandler(testHandler);
    }

    void aSecondSinkTakesOverAndHandsBack()
    {
        LogSink first;
        {
            LogSink second;
            qCInfo(lcViewTest) << "to the second";
            QCOMPARE(second.entries().size(), 1);
        }
        qCInfo(lcViewTest) << "to the first";
        QCOMPARE(first.entries().size(), 1);
        QCOMPARE(first.entries().first().message, QStringLiteral("to the first"));
    }

    void followsNewLinesUnlessScrolledUp()
    {
        LogSink sink;
        LogView view(&sink);
        view.resize(400, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QScrollBar *scroll = view.textView()->verticalScrollBar();
        for (int i = 0; i < 200; ++i)
            qCInfo(lcViewTest) << "first" << i;
        QTRY_VERIFY(view.textView()->toPlainText().contains(QStringLiteral("first 199")));
        QVERIFY(scroll->maximum() > 0);
        QCOMPARE(scroll->value(), scroll->maximum());

        scroll->setValue(0);
        for (int i = 0; i < 50; ++i)
            qCInfo(lcViewTest) << "second" << i;
        QTRY_VERIFY(view.textView()->toPlainText().contains(QStringLiteral("second 49")));
        QCOMPARE(scroll->value(), 0);

        scroll->setValue(scroll->maximum());
        qCInfo(lcViewTest) << "third";
        QTRY_VERIFY(view.textView()->toPlainText().contains(QStringLiteral("third")));
        QCOMPARE(scroll->value(), scroll->maximum());
    }
};

QTEST_MAIN(TestLogView)
#include "TestLogView.moc"
