// CallRequest: what a person or script asks for: ring this number about this task.
#pragma once

#include <QString>

namespace flux {

struct CallRequest
{
    // The longest task id accepted: it travels in the TwiML and Gather URLs.
    static constexpr int MaxTaskIdLength = 128;
    // The longest title whose sentence, in every language, still fits Twilio's <Say> limit.
    static int maxTitleLength();

    QString to;        // E.164
    QString taskTitle; // read out to the callee
    QString taskId;    // optional, the caller's own reference
};

struct CallError
{
    enum class Kind
    {
        NotConfigured, // live mode without Twilio credentials: 503
        Twilio,        // Twilio refused, or could not be reached: 500
        Store,         // the store failed: 500
        UnknownCall,   // 404
        Unavailable,   // shutting down: 503, so Twilio or the script tries again later
    };
    Kind kind = Kind::Twilio;
    QString message;
};

} // namespace flux
