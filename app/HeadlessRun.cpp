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

    // The first signal drains: calls already sent to Twilio get their answer stored. A second
    // one stops at once.
    ShutdownSignals signals;
    QObject::connect(&signals, &ShutdownSignals::received, qApp, [&engine](int signal) {
        if (engine.isStopping()) {
            qCInfo(lcApp) << "received signal" << signal << "again - stopping now";
            QCoreApplication::quit();
            return;
        }
        qCInfo(lcApp) << "received signal" << signal << "- stopping";
        engine.stop();
    });
    QObject::connect(&engine, &Engine::stopped, qApp, &QCoreApplication::quit);
    const int status = QCoreApplication::exec();
    qCInfo(lcApp) << "stopped";
    return status;
}

} // namespace flux
