// flux-calldesk: reads the configuration, starts the engine and, for now, runs it headless.
#include "CommandLine.h"
#include "ShutdownSignals.h"

#include "base/LogCategories.h"
#include "config/ConfigLoader.h"
#include "engine/Engine.h"

#include <QCoreApplication>
#include <QStandardPaths>

#include <cstdio>

using namespace flux;

namespace {
constexpr int ExitBadConfig = 2;

int fail(const QString &message)
{
    std::fprintf(stderr, "flux-calldesk: %s\n", qPrintable(message));
    return ExitBadConfig;
}
} // namespace

int main(int argc, char *argv[])
{
    qSetMessagePattern(QStringLiteral(
        "%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-warning}warning %{endif}%{if-critical}error "
        "%{endif}%{category}: %{message}"));
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("flux-calldesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLUX_VERSION));

    const CommandLine commandLine = CommandLine::parse(QCoreApplication::arguments());
    const auto config = ConfigLoader::load(
        commandLine.overrides, QProcessEnvironment::systemEnvironment(), commandLine.envFile,
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    if (!config)
        return fail(config.error().describe());

    if (!commandLine.headless) {
        qCInfo(lcApp) << (qEnvironmentVariableIsEmpty("DISPLAY") &&
                                  qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
                              ? "no display found: running headless"
                              : "this build has no desktop window yet: running headless");
    }

    Engine engine(config.value());
    if (const auto started = engine.start(); !started)
        return fail(started.error().describe());

    // The first signal drains: calls already sent to Twilio get their answer stored. A second
    // one stops at once.
    ShutdownSignals signals;
    QObject::connect(&signals, &ShutdownSignals::received, &app, [&engine](int signal) {
        if (engine.isStopping()) {
            qCInfo(lcApp) << "received signal" << signal << "again - stopping now";
            QCoreApplication::quit();
            return;
        }
        qCInfo(lcApp) << "received signal" << signal << "- stopping";
        engine.stop();
    });
    QObject::connect(&engine, &Engine::stopped, &app, &QCoreApplication::quit);
    const int status = app.exec();
    qCInfo(lcApp) << "stopped";
    return status;
}
