#include "DesktopRun.h"

#include "ExitCodes.h"
#include "ShutdownSignals.h"

#include "MainWindow.h"
#include "base/LogCategories.h"
#include "engine/EngineThread.h"

#include <QApplication>

namespace flux {

int runDesktop(Config config)
{
    EngineThread engineThread;
    if (const auto started = engineThread.start(config); !started)
        return ExitCodes::fail(started.error().describe());

    MainWindow window(&engineThread);
    window.show();

    ShutdownSignals signals;
    QObject::connect(&signals, &ShutdownSignals::received, &window, [&window](int signal) {
        qCInfo(lcApp) << "received signal" << signal << "- closing the window";
        window.close();
    });
    const int status = QApplication::exec();
    // The engine stops before the window goes: nothing it posts can reach a destroyed widget.
    engineThread.stop();
    qCInfo(lcApp) << "stopped";
    return status;
}

} // namespace flux
