// CliRun: `flux-calldesk call|status|calls ...`, the command line that talks to a running desk
// over its HTTP API, without a window or an engine of its own.
#pragma once

#include <QStringList>

namespace flux {

// `arguments` as QCoreApplication::arguments() gives them; returns the exit status
// (cli/CliExitStatus.h). Needs a QCoreApplication, never a QApplication.
int runCli(const QStringList &arguments);

} // namespace flux
