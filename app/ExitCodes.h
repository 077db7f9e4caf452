// ExitCodes: how flux-calldesk ends when it cannot start, for scripts and service managers.
#pragma once

#include "base/LogCategories.h"
#include "base/LogOutput.h"

#include <QString>

#include <cstdio>

namespace flux::ExitCodes {
// A setting is wrong, a port is taken, the store cannot be opened: one line on stderr.
constexpr int BadConfig = 2;

inline int fail(const QString &message)
{
    // With --log-format json every stderr line is a JSON object, this one too.
    if (LogOutput::format() == LogOutput::Format::Json) {
        qCCritical(lcConfig).noquote() << message;
        return BadConfig;
    }
    std::fprintf(stderr, "flux-calldesk: %s\n", qPrintable(message));
    return BadConfig;
}
} // namespace flux::ExitCodes
