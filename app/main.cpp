// flux-calldesk: reads the configuration, then opens the window, or runs headless without one;
// `flux-calldesk call|status|calls` talks to a desk already running instead.
#include "CommandLine.h"
#include "ExitCodes.h"
#include "HeadlessRun.h"
#ifdef FLUX_GUI
#include "DesktopRun.h"
#endif

#include "base/LogCategories.h"
#include "base/LogOutput.h"
#include "cli/CliArguments.h"
#include "cli/CliRun.h"
#include "config/ConfigSources.h"

#include <QCoreApplication>
#include <QStandardPaths>
#ifdef FLUX_GUI
#include <QApplication>
#endif

#include <cstring>
#include <memory>

using namespace flux;

namespace {

#ifdef FLUX_GUI
bool wantsHeadless(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--headless") == 0)
            return true;
    }
    return false;
}

// A window needs a display; QT_QPA_PLATFORM (offscreen, xcb, ...) counts as asking for one.
bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}
#endif

// --log-level and --log-format, else FLUX_LOG_LEVEL and FLUX_LOG_FORMAT (not the .env file:
// logging starts before the configuration is read, so its problems are logged in the format
// asked for). An error names the bad value.
QString installLogOutput(const CommandLine &commandLine)
{
    const QString levelText = commandLine.logLevel.isEmpty()
                                  ? qEnvironmentVariable("FLUX_LOG_LEVEL", QStringLiteral("info"))
                                  : commandLine.logLevel;
    const QString formatText = commandLine.logFormat.isEmpty()
                                   ? qEnvironmentVariable("FLUX_LOG_FORMAT", QStringLiteral("text"))
                                   : commandLine.logFormat;
    const auto level = LogOutput::parseLevel(levelText);
    if (!level)
        return QStringLiteral("--log-level / FLUX_LOG_LEVEL: \"%1\" is not debug, info, warning "
                              "or error")
            .arg(levelText);
    const auto format = LogOutput::parseFormat(formatText);
    if (!format)
        return QStringLiteral("--log-format / FLUX_LOG_FORMAT: \"%1\" is not text or json")
            .arg(formatText);
    LogOutput::install(*level, *format);
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    // A client of a running desk: no window and no engine, so never a QApplication (it runs
    // from cron, without a display).
    if (argc > 1 && CliArguments::isCommand(QString::fromLocal8Bit(argv[1]))) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("flux-calldesk"));
        QCoreApplication::setApplicationVersion(QStringLiteral(FLUX_VERSION));
        return runCli(QCoreApplication::arguments());
    }

#ifdef FLUX_GUI
    const bool headless = wantsHeadless(argc, argv) || !hasDisplay();
    // QApplication only with a display: without one it would abort.
    std::unique_ptr<QCoreApplication> app(headless ? new QCoreApplication(argc, argv)
                                                   : new QApplication(argc, argv));
#else
    auto app = std::make_unique<QCoreApplication>(argc, argv);
#endif
    QCoreApplication::setApplicationName(QStringLiteral("flux-calldesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLUX_VERSION));

    const CommandLine commandLine = CommandLine::parse(QCoreApplication::arguments());
    if (const QString error = installLogOutput(commandLine); !error.isEmpty())
        return ExitCodes::fail(error);
    const ConfigSources sources{commandLine.overrides, QProcessEnvironment::systemEnvironment(),
                                commandLine.envFile,
                                QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)};
#ifdef FLUX_GUI
    if (!headless)
        return runDesktop(sources);
#endif

    // Headless runs read flags, environment and .env only: the window's saved settings and its
    // keychain belong to a desktop session.
    const auto config = sources.load({});
    if (!config)
        return ExitCodes::fail(config.error().describe());
#ifdef FLUX_GUI
    if (!commandLine.headless)
        qCInfo(lcApp)
            << "no display found: running headless (use a desktop session for the window)";
#else
    if (!commandLine.headless)
        qCInfo(lcApp) << "built without the window (FLUX_GUI=OFF): running headless";
#endif
    return runHeadless(config.value());
}
