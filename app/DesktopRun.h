// DesktopRun: the window, with the engine on its own thread behind it.
#pragma once

#include "config/Config.h"

namespace flux {
int runDesktop(Config config);
}
