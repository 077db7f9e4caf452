// FreshProcess: what the window benches share: each scenario runs in a process of its own (so
// start-up and memory figures inherit nothing), and the event loop is run for a while or until
// a flag is set.
#pragma once

#include <QStringList>

namespace flux::bench {

// Removes "--scenario NAME" from the front of `args` and returns NAME; empty when absent.
QString takeScenario(QStringList &args);
// Runs this program again once per scenario, as "--scenario NAME" followed by `args`, one after
// the other, its output forwarded and its error output dropped (the app logs every webhook
// there; a terminal would become the bottleneck).
void runEachInFreshProcess(const QStringList &scenarios, const QStringList &args);
void runEventsFor(int ms);
void waitUntil(const bool &flag);

} // namespace flux::bench
