// The logging categories, one per area; --log-level sets the threshold for all of them and
// QT_LOGGING_RULES tunes single ones on top (e.g. "flux.sim.debug=true").
#pragma once

#include <QLoggingCategory>

namespace flux {
Q_DECLARE_LOGGING_CATEGORY(lcApp)    // flux.app: start-up, mode, shutdown
Q_DECLARE_LOGGING_CATEGORY(lcConfig) // flux.config
Q_DECLARE_LOGGING_CATEGORY(lcHttp)   // flux.http: the API and webhook server
Q_DECLARE_LOGGING_CATEGORY(lcApi)    // flux.api: the scripted API's resources
Q_DECLARE_LOGGING_CATEGORY(lcCalls)  // flux.calls: the call service
Q_DECLARE_LOGGING_CATEGORY(lcNotify) // flux.notify: notifications, their attempts and timers
Q_DECLARE_LOGGING_CATEGORY(lcStore)  // flux.store: SQLite
Q_DECLARE_LOGGING_CATEGORY(lcTwilio) // flux.twilio: the REST client
Q_DECLARE_LOGGING_CATEGORY(lcSim)    // flux.sim: the built-in Twilio simulator
} // namespace flux
