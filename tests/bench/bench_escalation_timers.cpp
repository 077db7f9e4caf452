// Open notifications and their timers, under the real window: N notifications wait for their
// next attempt, due over a spread of seconds; the engine (simulator mode) places each when due.
// Prints the memory they hold, how late each attempt fired against its due time (p50/p99/max),
// and the GUI thread's longest stall while they fire. Never passes or fails on the figures.
//   bench-escalation-timers [notifications=10000] [spread seconds=30]
// runs two fresh processes of itself: an empty store (memory baseline) and the timers.
// QT_QPA_PLATFORM=offscreen or xvfb-run both work.
#include "FreshProcess.h"
#include "HistoryFile.h"
#include "ProcessStats.h"
#include "StallProbe.h"

#include "MainWindow.h"

#include "calls/CallStore.h"
#include "engine/EngineClient.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace flux;
using namespace flux::bench;

namespace {

struct Options
{
    int notifications = 10000;
    int spreadSeconds = 30;
};

// The first attempt of each was refused by Twilio (an attempt with an error and no call), so
// each waits for its second and last, due `firstDueMs` from now plus its share of the spread.
// Written straight into the file in one transaction, as HistoryFile writes calls: through
// CallStore each would be synced to disk on its own.
bool writeOpenNotifications(const QString &path, const Options &options, qint64 firstDueMs,
                            std::vector<qint64> &dueMs)
{
    return fillStore(path, [&](QSqlDatabase &db) {
        bool ok = true;
        QSqlQuery notification(db);
        notification.prepare(QStringLiteral(
            "INSERT INTO notifications (id, task_title, task_id, numbers, attempts, retry_after,"
            " list_name, outcome, next_attempt, due_at, acknowledged_by, acknowledged_call,"
            " acknowledged_at, created_at, closed_at) VALUES (?, ?, ?, '+15555550103', 2, 30, '',"
            " 'pending', 1, ?, '', '', NULL, ?, NULL)"));
        QSqlQuery attempt(db);
        attempt.prepare(QStringLiteral(
            "INSERT INTO notification_attempts (notification_id, attempt, number, request_id,"
            " placed_at, error) VALUES (?, 0, '+15555550103', ?, ?, 'bench: not placed')"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QString created =
            QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).toString(Qt::ISODateWithMs);
        dueMs.reserve(size_t(options.notifications));
        for (int i = 0; i < options.notifications && ok; ++i) {
            const qint64 due =
                now + firstDueMs +
                qint64(options.spreadSeconds) * 1000 * i / qMax(1, options.notifications);
            dueMs.push_back(due);
            const QString id = QStringLiteral("NO%1").arg(i, 32, 10, QLatin1Char('0'));
            notification.addBindValue(id);
            notification.addBindValue(QStringLiteral("Timer %1 is due").arg(i));
            notification.addBindValue(QStringLiteral("TIMER-%1").arg(i));
            notification.addBindValue(
                QDateTime::fromMSecsSinceEpoch(due, Qt::UTC).toString(Qt::ISODateWithMs));
            notification.addBindValue(created);
            attempt.addBindValue(id);
            attempt.addBindValue(QStringLiteral("bench-%1").arg(i));
            attempt.addBindValue(created);
            ok = notification.exec() && attempt.exec();
        }
        return ok;
    });
}

double percentile(std::vector<qint64> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(p * double(values.size())));
    return double(values[index]);
}

int runScenario(const QString &scenario, const Options &options)
{
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    const QString storePath = QDir(dir.path()).filePath(QStringLiteral("calls-simulator.sqlite"));
    const bool timers = scenario == QLatin1String("timers");
    std::vector<qint64> dueMs;
    // Due from 8 s on: the window has opened and settled by then.
    constexpr qint64 FirstDueMs = 8000;
    if (timers && !writeOpenNotifications(storePath, options, FirstDueMs, dueMs)) {
        std::fprintf(stderr, "could not write the notifications\n");
        return 1;
    }

    Config config;
    config.mode = Config::Mode::Simulator;
    config.listenPort = 0;
    config.dataDir = dir.path();
    config.simulatorSpeed = 50; // the busy number ends each call in about 25 ms
    config.callRateLimits = {0, 0};
    config.ratePerNumber = 0;
    EngineClient engine;
    if (!engine.start(config).ok())
        return 1;
    MainWindow window(&engine);
    bool loaded = false;
    QObject::connect(&window, &MainWindow::historyLoaded, [&loaded] { loaded = true; });
    window.show();
    waitUntil(loaded);
    runEventsFor(2000);
    const long rssWaiting = rssKb();

    if (!timers) {
        std::printf("rss with no notification: %ld KiB\n", rssWaiting);
        std::fflush(stdout);
        engine.stop();
        return 0;
    }
    std::printf("rss with %d open notifications waiting: %ld KiB\n", options.notifications,
                rssWaiting);

    // Until every notification is closed (each makes its last call, busy) or a minute past the
    // last due time.
    StallProbe probe;
    probe.start();
    QElapsedTimer clock;
    clock.start();
    int open = options.notifications;
    const qint64 deadline = dueMs.back() + 60000;
    while (open > 0 && QDateTime::currentMSecsSinceEpoch() < deadline) {
        runEventsFor(500);
        bool answered = false;
        engine.openNotificationCount(&window, [&](int count) {
            open = count;
            answered = true;
        });
        waitUntil(answered);
    }
    probe.stop();
    const long rssAfter = rssKb();
    engine.stop();

    // Each attempt's placed_at (stored as it was placed) against its due time.
    std::vector<qint64> lateMs;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("read"));
        db.setDatabaseName(storePath);
        db.open();
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT notification_id, placed_at FROM notification_attempts"
                              " WHERE attempt = 1"));
        while (q.next()) {
            const int index = q.value(0).toString().mid(2).toInt();
            const qint64 placed =
                QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
            lateMs.push_back(placed - dueMs.at(size_t(index)));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("read"));

    std::printf("%zu of %d attempts placed, %d notifications still open after %.1f s\n",
                lateMs.size(), options.notifications, open, clock.elapsed() / 1000.0);
    std::printf("  lateness against the due time: p50 %.0f ms, p99 %.0f ms, max %.0f ms\n",
                percentile(lateMs, 0.50), percentile(lateMs, 0.99), percentile(lateMs, 1.0));
    std::printf("  GUI thread while they fired: longest stall %.1f ms, p99 %.2f ms, %d stalls "
                "> 16 ms (busy: longest %.1f ms)\n",
                probe.longestMs(), probe.percentileMs(0.99), probe.countOver(16.0),
                probe.longestBusyMs());
    std::printf("  rss after: %ld KiB (peak %ld KiB)\n", rssAfter, peakRssKb());
    std::fflush(stdout);
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
        options.notifications = qMax(1, args.at(0).toInt());
    if (args.size() > 1)
        options.spreadSeconds = qMax(1, args.at(1).toInt());
    if (!scenario.isEmpty())
        return runScenario(scenario, options);

    std::printf("bench-escalation-timers: %d notifications due over %d s, %d cores\n",
                options.notifications, options.spreadSeconds, QThread::idealThreadCount());
    std::fflush(stdout);
    // Each scenario in a fresh process: start-up and memory figures must not inherit anything.
    runEachInFreshProcess({QStringLiteral("empty"), QStringLiteral("timers")}, args);
    return 0;
}
