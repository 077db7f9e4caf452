#include "HeadlessRun.h"

#include "ExitCodes.h"
#include "ShutdownSignals.h"

#include "base/LogCategories.h"
#include "engine/Engine.h"

#include <QCoreApplication>

namespace flux {

int runHeadless(const Config &config)
{
    Engine engine(config);
    if (const auto started = engine.start(); !started)
        return ExitCodes::fail(started.error().describe());

    ShutdownSignals signals;
    QObject::connect(&signals, &ShutdownSignals::received, qApp, [](int signal) {
        qCInfo(lcApp) << "received signal" << signal << "- stopping";
        QCoreApplication::quit();
    });
    const int status = QCoreApplication::exec();
    qCInfo(lcApp) << "stopped";
    return status;
}

} // namespace flux
