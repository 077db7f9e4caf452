// DesktopRun: the window, with the engine on its own thread behind it.
#pragma once

#include "config/ConfigSources.h"

namespace flux {
// Loads the configuration with the window's saved settings and runs until the window closes.
int runDesktop(const ConfigSources &sources);
} // namespace flux
