#include "FreshProcess.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QProcess>
#include <QTimer>

#include <cstdio>

namespace flux::bench {

QString takeScenario(QStringList &args)
{
    if (args.size() < 2 || args.first() != QLatin1String("--scenario"))
        return {};
    const QString scenario = args.at(1);
    args = args.mid(2);
    return scenario;
}

void runEachInFreshProcess(const QStringList &scenarios, const QStringList &args)
{
    for (const QString &each : scenarios) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedOutputChannel);
        child.setStandardErrorFile(QProcess::nullDevice());
        child.start(QCoreApplication::applicationFilePath(),
                    QStringList{QStringLiteral("--scenario"), each} + args);
        child.waitForFinished(-1);
        if (child.exitCode() != 0)
            std::printf("scenario %s failed (exit %d)\n", qPrintable(each), child.exitCode());
    }
}

void runEventsFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

void waitUntil(const bool &flag)
{
    while (!flag)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
}

} // namespace flux::bench
