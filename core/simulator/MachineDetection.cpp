#include "simulator/MachineDetection.h"

#include "calls/CallStatus.h"
#include "simulator/SimulatedTime.h"

#include <algorithm>

namespace flux::MachineDetection {

std::optional<Mode> parseMode(const QString &value)
{
    if (value.isEmpty())
        return Mode::Off;
    // Twilio's values are case-sensitive.
    if (value == QLatin1String("Enable"))
        return Mode::Enable;
    if (value == QLatin1String("DetectMessageEnd"))
        return Mode::DetectMessageEnd;
    return std::nullopt;
}

int parseTimeout(const QString &value)
{
    bool ok = false;
    const int seconds = value.toInt(&ok);
    if (!ok)
        return SimulatedTime::DefaultMachineDetectionTimeoutSeconds;
    return std::clamp(seconds, SimulatedTime::MinMachineDetectionTimeoutSeconds,
                      SimulatedTime::MaxMachineDetectionTimeoutSeconds);
}

Verdict verdict(Mode mode, ScriptedNumbers::Behaviour behaviour, int timeoutSeconds)
{
    Verdict verdict;
    switch (behaviour) {
    case ScriptedNumbers::Behaviour::Voicemail:
        if (mode == Mode::DetectMessageEnd)
            verdict = {AnsweredBy::MachineEndBeep,
                       SimulatedTime::VoicemailGreetingMs + SimulatedTime::VoicemailBeepMs};
        else
            verdict = {AnsweredBy::MachineStart, SimulatedTime::MachineDetectedMs};
        break;
    case ScriptedNumbers::Behaviour::Fax:
        verdict = {AnsweredBy::Fax, SimulatedTime::FaxDetectedMs};
        break;
    default: // every other phone that answers is a person
        verdict = {AnsweredBy::Human, SimulatedTime::HumanDetectedMs};
        break;
    }
    const qint64 timeoutMs = qint64(timeoutSeconds) * 1000;
    if (verdict.afterMs > timeoutMs)
        verdict = {AnsweredBy::Unknown, timeoutMs};
    return verdict;
}

} // namespace flux::MachineDetection
