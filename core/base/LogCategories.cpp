#include "base/LogCategories.h"

namespace flux {
Q_LOGGING_CATEGORY(lcApp, "flux.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConfig, "flux.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "flux.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApi, "flux.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCalls, "flux.calls", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNotify, "flux.notify", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "flux.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTwilio, "flux.twilio", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSim, "flux.sim", QtInfoMsg)
} // namespace flux
