#include "DesktopRun.h"

#include "ExitCodes.h"
#include "ShutdownSignals.h"

#include "KeychainSecretBackend.h"
#include "LogSink.h"
#include "LogView.h"
#include "MainWindow.h"
#include "OpenNotificationsPrompt.h"
#include "SavedSettings.h"
#include "SecretStore.h"
#include "SettingsDialog.h"
#include "TaskNotifier.h"
#include "Translations.h"
#include "VirtualPhonePanel.h"

#include "base/LogCategories.h"
#include "engine/EngineClient.h"

#include <QApplication>
#include <QIcon>
#include <QPointer>

namespace flux {

namespace {

// In the window a person answers the virtual phone; scripts and headless runs keep it automatic.
Result<Config, ConfigError> loadForWindow(const ConfigSources &sources, const SavedSettings &saved)
{
    auto config = sources.load(saved.values());
    if (config)
        config.value().simulatorManualAnswer = true;
    return config;
}

// The id of packaging/'s desktop entry, metainfo and icon.
const QString AppId = QStringLiteral("io.github.fluxcalldesk.FluxCallDesk");

// The installed theme icon, else the copies built in (a run from the build tree).
QIcon appIcon()
{
    QIcon builtIn;
    for (const int size : {16, 32, 48, 64, 128, 256})
        builtIn.addFile(QStringLiteral(":/icons/%1x%1/apps/%2.png").arg(size).arg(AppId));
    return QIcon::fromTheme(AppId, builtIn);
}

} // namespace

int runDesktop(const ConfigSources &sources)
{
    LogSink log; // first, so the log view has the start-up lines too
    // Wayland compositors find the desktop entry, and with it the icon, by this name; the tray
    // notifier shows the window icon too.
    QGuiApplication::setDesktopFileName(AppId);
    QApplication::setWindowIcon(appIcon());
    SecretStore secrets(std::make_unique<KeychainSecretBackend>());
    secrets.loadToken();
    SavedSettings saved(&secrets);

    const auto config = loadForWindow(sources, saved);
    if (!config)
        return ExitCodes::fail(config.error().describe());
    // Before any widget is built: each takes its words once, in the language installed then.
    Translations translations;
    translations.install(config.value().language);
    EngineClient engine;
    if (const auto started = engine.start(config.value()); !started)
        return ExitCodes::fail(started.error().describe());

    MainWindow window(&engine);
    auto *phone = new VirtualPhonePanel(&engine);
    phone->setObjectName(QStringLiteral("virtualPhone"));
    window.addPanel(phone, QCoreApplication::translate("DesktopRun", "Virtual phone"),
                    Qt::RightDockWidgetArea, true, QKeySequence(Qt::CTRL | Qt::Key_P));
    auto *logView = new LogView(&log);
    logView->setObjectName(QStringLiteral("logView"));
    window.addPanel(logView, QCoreApplication::translate("DesktopRun", "Log"),
                    Qt::BottomDockWidgetArea, false, QKeySequence(Qt::CTRL | Qt::Key_L));
    TaskNotifier notifier(&engine);

    QPointer<SettingsDialog> dialog;
    QObject::connect(&window, &MainWindow::settingsRequested, &window, [&] {
        if (!dialog) {
            dialog = new SettingsDialog(&saved, sources, &window);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            // A restart pauses the open notifications: the dialog says so before it applies.
            auto *prompt = new OpenNotificationsPrompt(&engine, dialog);
            dialog->setRestartConfirmation(
                [prompt](std::function<void()> proceed) { prompt->confirm(std::move(proceed)); });
            // Applying restarts the engine with the new settings; the window stays open.
            QObject::connect(dialog, &SettingsDialog::settingsApplied, dialog, [&] {
                const auto reloaded = loadForWindow(sources, saved);
                if (!reloaded) {
                    dialog->showApplyError(reloaded.error().variable, reloaded.error().problem);
                    return;
                }
                if (const auto restarted = engine.start(reloaded.value()); !restarted)
                    dialog->showApplyError(restarted.error().variable, restarted.error().problem);
            });
        }
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
    });
    window.show();

    ShutdownSignals signals;
    QObject::connect(&signals, &ShutdownSignals::received, &window, [&window](int signal) {
        qCInfo(lcApp) << "received signal" << signal << "- closing the window";
        window.closeWithoutAsking(); // no one may be there to answer a question
    });
    const int status = QApplication::exec();
    // The engine stops before the window goes: nothing it posts can reach a destroyed widget.
    engine.stop();
    qCInfo(lcApp) << "stopped";
    return status;
}

} // namespace flux
