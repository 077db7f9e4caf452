// Opens the window on a history of N calls (default 100,000) and prints how long it took to load
// and show them, to sort, to search and to scroll, and the process's memory. Figures, not verdicts.
//   bench-history-window [calls]        (QT_QPA_PLATFORM=offscreen works)
#include "HistoryFile.h"
#include "ProcessStats.h"

#include "CallTreeModel.h"
#include "MainWindow.h"

#include "calls/CallStore.h"
#include "config/Config.h"
#include "engine/EngineClient.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>

#include <cstdio>

using namespace flux;
using namespace flux::bench;

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
    writeHistory(QDir(dir.path()).filePath(QStringLiteral("calls-simulator.sqlite")), calls);
    std::printf("history: %d calls written in %lld ms\n", calls, timer.elapsed());
    const long rssBefore = rssKb();

    EngineClient engine;
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
    window.callList()->sortByColumn(CallTreeModel::Number, Qt::AscendingOrder);
    QCoreApplication::processEvents();
    std::printf("sort by number: %lld ms\n", timer.elapsed());
    timer.restart();
    window.callList()->sortByColumn(CallTreeModel::Time, Qt::DescendingOrder);
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
