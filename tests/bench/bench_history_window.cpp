// Opens the window on a history of N calls (default 100,000) and prints how long it took to load
// and show them, to sort, to search and to scroll, and the process's memory. Figures, not verdicts.
//   bench-history-window [calls]        (QT_QPA_PLATFORM=offscreen works)
#include "CallTableModel.h"
#include "MainWindow.h"

#include "calls/CallStore.h"
#include "config/Config.h"
#include "engine/Engine.h"
#include "engine/EngineThread.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>

#include <cstdio>

using namespace flux;

namespace {

long rssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return -1;
}

// Writes N calls straight into a store file the way CallStore lays them out, in one transaction:
// going through CallStore would sync each call to disk, which is right for real calls but slow
// here.
void fill(const QString &path, int calls)
{
    {
        auto created = CallStore::open(path);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fill"));
    db.setDatabaseName(path);
    db.open();
    db.transaction();
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral(
        "INSERT INTO calls VALUES (?, ?, '+15005550006', ?, ?, ?, ?, ?, 3, ?, '', ?, ?)"));
    const QStringList statuses{QStringLiteral("completed"), QStringLiteral("busy"),
                               QStringLiteral("no-answer"), QStringLiteral("failed")};
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-30);
    for (int i = 0; i < calls; ++i) {
        const QString when = start.addSecs(i * 20).toString(Qt::ISODateWithMs);
        insert.addBindValue(QStringLiteral("CA%1").arg(i, 32, 10, QLatin1Char('0')));
        insert.addBindValue(QStringLiteral("+1415555%1").arg(i % 10000, 4, 10, QLatin1Char('0')));
        insert.addBindValue(QStringLiteral("Task number %1 needs attention").arg(i));
        insert.addBindValue(QStringLiteral("INC-%1").arg(i));
        insert.addBindValue(statuses.at(i % statuses.size()));
        insert.addBindValue(i % 3 == 0 ? QStringLiteral("acknowledged")
                                       : QStringLiteral("not_acknowledged"));
        insert.addBindValue(i % 3 == 0 ? QStringLiteral("1") : QStringLiteral(""));
        insert.addBindValue(i % 90);
        insert.addBindValue(when);
        insert.addBindValue(when);
        if (!insert.exec()) {
            std::fprintf(stderr, "insert failed\n");
            return;
        }
    }
    db.commit();
    db.close();
    db = {};
    QSqlDatabase::removeDatabase(QStringLiteral("fill"));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const int calls = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    Config config;
    config.mode = Config::Mode::Simulator;
    config.listenPort = 0;
    config.dataDir = dir.path();

    QElapsedTimer timer;
    timer.start();
    fill(QDir(dir.path()).filePath(QStringLiteral("calls-simulator.sqlite")), calls);
    std::printf("history: %d calls written in %lld ms\n", calls, timer.elapsed());
    const long rssBefore = rssKb();

    EngineThread engine;
    timer.restart();
    if (!engine.start(config).ok())
        return 1;
    MainWindow window(&engine);
    bool loaded = false;
    QObject::connect(&window, &MainWindow::historyLoaded, [&loaded] { loaded = true; });
    window.show();
    while (!loaded)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
    QCoreApplication::processEvents(); // the first paint with rows
    std::printf("open: engine start + window + %d calls shown in %lld ms\n",
                window.callModel()->rowCount(), timer.elapsed());

    timer.restart();
    window.callList()->sortByColumn(CallTableModel::Number, Qt::AscendingOrder);
    QCoreApplication::processEvents();
    std::printf("sort by number: %lld ms\n", timer.elapsed());
    timer.restart();
    window.callList()->sortByColumn(CallTableModel::Time, Qt::DescendingOrder);
    QCoreApplication::processEvents();
    std::printf("sort by time: %lld ms\n", timer.elapsed());

    timer.restart();
    // The window waits for a pause in typing before filtering; time the filtering itself.
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(window.callList()->model());
    proxy->setFilterFixedString(QStringLiteral("INC-4242"));
    QCoreApplication::processEvents();
    std::printf("search \"INC-4242\": %lld ms, %d rows match\n", timer.elapsed(),
                proxy->rowCount());
    timer.restart();
    proxy->setFilterFixedString(QString());
    QCoreApplication::processEvents();
    std::printf("search cleared: %lld ms\n", timer.elapsed());
    window.searchField()->clear();
    QCoreApplication::processEvents();

    // Scroll the whole list a page at a time, painting each page, and keep the slowest step.
    QScrollBar *bar = window.callList()->verticalScrollBar();
    qint64 slowest = 0;
    int pages = 0;
    timer.restart();
    QElapsedTimer step;
    for (int value = 0; value <= bar->maximum(); value += bar->pageStep() * 50, ++pages) {
        step.start();
        bar->setValue(value);
        window.callList()->viewport()->repaint();
        slowest = qMax(slowest, step.elapsed());
    }
    std::printf("scroll: %d jumps across the list in %lld ms, slowest %lld ms\n", pages,
                timer.elapsed(), slowest);
    std::printf("rss: %ld KiB before the window, %ld KiB with the history shown\n", rssBefore,
                rssKb());
    engine.stop();
    return 0;
}
