// FaultPlan: the faults the simulator is told to inject: how it answers the next Calls creates
// and what befalls the status callbacks it sends. Set through POST /sim/faults or directly.
#pragma once

#include "base/Result.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace flux {

class FaultPlan
{
public:
    // What a create gets instead of Twilio's usual 201.
    struct CreateFault
    {
        int status = 500;           // the HTTP status of the error answer
        int code = 0;               // Twilio's error code; 0 means 20000 + status (20429, 20503...)
        int retryAfterSeconds = -1; // a Retry-After header, when >= 0
        bool hang = false;          // no answer at all: the client's timeout decides
        bool placeCall = false;     // the call is placed anyway: Twilio acted, the answer failed
    };
    // What happens to a status callback on its way to the app.
    struct CallbackFault
    {
        bool duplicate = false; // sent twice, as when Twilio retries one
        bool reorder = false;   // held back until the call's next callback has gone out
        int delayMs = 0;        // sent this much later (real milliseconds)
    };
    static constexpr int Always = -1;

    // The next `count` creates get `fault`.
    void failCreates(int count, const CreateFault &fault);
    // The next `count` status callbacks (Always: every one until cleared) get `fault`.
    void disturbCallbacks(int count, const CallbackFault &fault);
    void clear();

    // For the simulator: called once per create and per status callback; counts them.
    std::optional<CreateFault> nextCreate();
    std::optional<CallbackFault> nextCallback();

    // POST /sim/faults: {"creates": {"count", "status", "code", "retry_after", "hang",
    // "place_call"}, "callbacks": {"count", "duplicate", "reorder", "delay_ms"}}. Each section
    // given replaces the one in force; a missing count means 1 create, or every callback. The
    // error says which field is wrong.
    Result<void, QString> apply(const QJsonObject &json);
    // GET /sim/faults: the plan in force and what it has done so far.
    QJsonObject toJson() const;

    int createsSeen() const { return m_createsSeen; }
    int createsFailed() const { return m_createsFailed; }
    int callbacksDisturbed() const { return m_callbacksDisturbed; }

private:
    CreateFault m_create;
    int m_createsLeft = 0;
    CallbackFault m_callback;
    int m_callbacksLeft = 0;
    int m_createsSeen = 0;
    int m_createsFailed = 0;
    int m_callbacksDisturbed = 0;
};

} // namespace flux
