// HeadlessRun: the engine with no window: logs to stderr, stops cleanly on SIGINT/SIGTERM.
#pragma once

#include "config/Config.h"

namespace flux {
int runHeadless(const Config &config);
}
