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

    CallRequest() = default;
    CallRequest(QString to, QString taskTitle, QString taskId = {})
        : to(std::move(to)), taskTitle(std::move(taskTitle)), taskId(std::move(taskId))
    {}

    QString to;        // E.164
    QString taskTitle; // read out to the callee
    QString taskId;    // optional, the caller's own reference
    // Set for the calls of a notification: the prompts' language for this callee (empty: the
    // desk's), and whether pressing 2 passes the task on to someone after them.
    QString language;
    bool canPassOn = false;
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
        RateLimited,   // the number had its calls for the hour: 429 with retryAfterSeconds
        Conflict,      // the notification is closed already: 409
        Invalid,       // a request naming what does not exist (an escalation list): 422
    };
    CallError() = default;
    CallError(Kind kind, QString message, int retryAfterSeconds = 0, QString field = {})
        : kind(kind), message(std::move(message)), retryAfterSeconds(retryAfterSeconds),
          field(std::move(field))
    {}

    Kind kind = Kind::Twilio;
    QString message;
    int retryAfterSeconds = 0; // RateLimited: when the number may be called again
    QString field;             // Invalid: the request field at fault
};

} // namespace flux
