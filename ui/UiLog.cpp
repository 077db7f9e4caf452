#include "UiLog.h"
namespace flux {
Q_LOGGING_CATEGORY(lcUi, "flux.ui", QtInfoMsg)
}
