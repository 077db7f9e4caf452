// The window under load: the real MainWindow (with the virtual phone, the log and the
// notifier, wired as app/DesktopRun.cpp does) on a real engine in simulator mode, its GUI thread
// probed for stalls while signed status webhooks hammer the engine and new calls stream in.
// Prints figures, never passes or fails on them.
//   bench-gui-stall [history calls=100000] [seconds=10] [webhook threads=3] [calls/s=20]
// runs three fresh processes of itself: an empty history (start-up time, idle memory), the
// history alone (open time, memory), and the history under load. QT_QPA_PLATFORM=offscreen or
// xvfb-run both work.
#include "FreshProcess.h"
#include "HistoryFile.h"
#include "ProcessStats.h"
#include "StallProbe.h"
#include "WebhookLoad.h"

#include "CallTreeModel.h"
#include "LogSink.h"
#include "LogView.h"
#include "MainWindow.h"
#include "TaskNotifier.h"
#include "VirtualPhonePanel.h"

#include "engine/Engine.h"
#include "engine/EngineClient.h"
#include "engine/EngineThread.h"
#include "simulator/TwilioSimulator.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using namespace flux;
using namespace flux::bench;

namespace {

struct Options
{
    int historyCalls = 100000;
    int seconds = 10;
    int webhookThreads = 3;
    int callsPerSecond = 20;
};

// Notes the first paint of anything in the window.
class FirstPaint : public QObject
{
public:
    explicit FirstPaint(QWidget *window) : m_window(window) {}
    bool painted = false;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (!painted && event->type() == QEvent::Paint) {
            auto *widget = qobject_cast<QWidget *>(watched);
            painted = widget && widget->window() == m_window;
        }
        return false;
    }

private:
    QWidget *m_window;
};

int runScenario(const QString &scenario, const Options &options)
{
    const qint64 mainReachedMs = processAgeMs();
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    const bool withHistory = scenario != QLatin1String("idle");
    if (withHistory &&
        !writeHistory(QDir(dir.path()).filePath(QStringLiteral("calls-simulator.sqlite")),
                      options.historyCalls)) {
        std::fprintf(stderr, "could not write the history\n");
        return 1;
    }
    const qint64 historyWrittenMs = processAgeMs();

    // As the desktop run has it, without the keychain and the settings dialog.
    LogSink log;
    Config config;
    config.mode = Config::Mode::Simulator;
    config.listenPort = 0;
    config.dataDir = dir.path();
    config.simulatorSpeed = 20;
    config.simulatorManualAnswer = true;
    config.callRateLimits = {0, 0};
    config.ratePerNumber = 0;
    EngineClient engine;
    if (!engine.start(config).ok())
        return 1;
    MainWindow window(&engine);
    auto *phone = new VirtualPhonePanel(&engine);
    phone->setObjectName(QStringLiteral("virtualPhone"));
    window.addPanel(phone, QStringLiteral("Virtual phone"));
    auto *logView = new LogView(&log);
    logView->setObjectName(QStringLiteral("logView"));
    window.addPanel(logView, QStringLiteral("Log"), Qt::BottomDockWidgetArea, false);
    TaskNotifier notifier(&engine);

    FirstPaint firstPaint(&window);
    qApp->installEventFilter(&firstPaint);
    bool loaded = false;
    QObject::connect(&window, &MainWindow::historyLoaded, [&loaded] { loaded = true; });
    // While the engine thread reads the history the window must stay responsive; the hand-over
    // itself (model reset and first sort) is one stretch of GUI work.
    StallProbe openProbe;
    openProbe.start();
    window.show();
    waitUntil(firstPaint.painted);
    const qint64 shownMs = processAgeMs();
    waitUntil(loaded);
    QCoreApplication::processEvents(); // the first paint with rows
    const qint64 historyShownMs = processAgeMs();
    openProbe.stop();
    qApp->removeEventFilter(&firstPaint);

    if (scenario == QLatin1String("idle")) {
        std::printf("start-up (empty history): main() reached %lld ms after exec, window painted "
                    "at %lld ms, history read at %lld ms\n",
                    mainReachedMs, shownMs, historyShownMs);
        runEventsFor(2000);
        std::printf("rss idle (empty history): %ld KiB (peak %ld KiB)\n", rssKb(), peakRssKb());
    } else if (scenario == QLatin1String("history")) {
        std::printf("open %d calls: window painted %lld ms and %d rows shown %lld ms after the "
                    "history was written (process age %lld ms)\n",
                    options.historyCalls, shownMs - historyWrittenMs,
                    window.callModel()->rowCount(), historyShownMs - historyWrittenMs,
                    historyShownMs);
        std::printf("  GUI thread while opening: longest stall %.1f ms (busy %.1f ms of it at "
                    "most)\n",
                    openProbe.longestMs(), openProbe.longestBusyMs());
        runEventsFor(2000);
        std::printf("rss with %d calls: %ld KiB (peak %ld KiB)\n", options.historyCalls, rssKb(),
                    peakRssKb());
    } else {
        runEventsFor(1000);
        const long rssBefore = rssKb();
        // The load signs as Twilio would, with the simulator's key: no business of the window's.
        Engine *e = engine.engineThread()->engine();
        long accepted = 0;
        QObject::connect(&engine, &EngineClient::webhookAccepted, [&accepted] { ++accepted; });
        WebhookLoad load({quint16(QUrl(e->listenUrl()).port()), e->publicBaseUrl(),
                          e->simulator()->authToken(), e->apiToken(), options.historyCalls});
        StallProbe probe;
        const double cpuBefore = threadCpuMs();
        probe.start();
        load.start(options.webhookThreads, options.callsPerSecond);
        runEventsFor(options.seconds * 1000);
        load.stop();
        probe.stop();
        const double cpuMs = threadCpuMs() - cpuBefore;
        const int rows = window.callModel()->rowCount();
        std::printf("load for %d s (%d webhook threads, %d calls/s) on %d calls:\n",
                    options.seconds, options.webhookThreads, options.callsPerSecond,
                    options.historyCalls);
        std::printf("  served: %ld status webhooks (%ld/s, %ld failed), %ld calls placed (%ld "
                    "failed); the window counted %ld webhooks accepted (ours and the "
                    "simulator's)\n",
                    load.webhooksServed(), load.webhooksServed() / qMax(1, options.seconds),
                    load.webhooksFailed(), load.callsPlaced(), load.callsFailed(), accepted);
        std::printf("  GUI thread: longest stall %.1f ms, p99 %.2f ms, %d stalls > 16 ms, %d "
                    "ticks; %.0f ms CPU (%.0f%% of one core)\n",
                    probe.longestMs(), probe.percentileMs(0.99), probe.countOver(16.0),
                    probe.samples(), cpuMs, 100.0 * cpuMs / (options.seconds * 1000.0));
        std::printf("  GUI thread busy within one gap (its own work, without waiting for a "
                    "core): longest %.1f ms, p99 %.2f ms, %d over 16 ms\n",
                    probe.longestBusyMs(), probe.busyPercentileMs(0.99), probe.countBusyOver(16.0));
        runEventsFor(1000);
        std::printf("  rss: %ld KiB before, %ld KiB after (peak %ld KiB); %d rows\n", rssBefore,
                    rssKb(), peakRssKb(), rows);
    }
    std::fflush(stdout);
    engine.stop();
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const QString scenario = takeScenario(args);
    Options options;
    if (!args.isEmpty())
        options.historyCalls = args.at(0).toInt();
    if (args.size() > 1)
        options.seconds = qMax(1, args.at(1).toInt());
    if (args.size() > 2)
        options.webhookThreads = args.at(2).toInt();
    if (args.size() > 3)
        options.callsPerSecond = args.at(3).toInt();
    if (!scenario.isEmpty())
        return runScenario(scenario, options);

    std::printf("bench-gui-stall: %d cores, load average before: ", QThread::idealThreadCount());
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    if (loadavg.open(QIODevice::ReadOnly))
        std::printf("%s", loadavg.readAll().constData());
    std::fflush(stdout);
    // Each scenario in a fresh process: start-up and memory figures must not inherit anything.
    runEachInFreshProcess(
        {QStringLiteral("idle"), QStringLiteral("history"), QStringLiteral("load")}, args);
    return 0;
}
