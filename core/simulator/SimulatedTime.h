// SimulatedTime: how long things take on the simulated phone network, before Options::speed.
#pragma once

#include <QtGlobal>

#include <algorithm>
#include <cmath>

namespace flux::SimulatedTime {

// From the create request until Twilio starts dialling ("initiated").
constexpr int DialMs = 200;
// From dialling until the phone rings, or reports busy or failure.
constexpr int RingMs = 1000;
// How long a phone that answers rings first.
constexpr int AnswerAfterRingingMs = 2000;
// Ring time when the create request gives no Timeout (Twilio's default).
constexpr int DefaultRingTimeoutSeconds = 60;
// Text-to-speech pace, and the longest a single <Say> is allowed to take.
constexpr int SayMsPerCharacter = 60;
constexpr int SayMaxMs = 20000;
// <Pause> without a length, and <Gather> without a timeout, as Twilio defaults them.
constexpr int DefaultPauseSeconds = 1;
constexpr int DefaultGatherTimeoutSeconds = 5;
// How long after a <Gather> starts listening a scripted phone presses its key.
constexpr int ScriptedPressMs = 1000;
// Answering-machine detection (MachineDetection), from the answer until Twilio decides and
// fetches the TwiML. A person says "Hello?" and falls silent: Twilio hears the silence after a
// short greeting (its MachineDetectionSpeechEndThreshold, 1.2 s by default).
constexpr int HumanDetectedMs = 2000;
// A greeting that goes on past MachineDetectionSpeechThreshold (2.4 s by default): machine_start.
constexpr int MachineDetectedMs = 2400;
// A fax machine's calling tone.
constexpr int FaxDetectedMs = 3000;
// A voicemail's greeting, then its beep: it records from the end of the beep, and
// DetectMessageEnd answers machine_end_beep then.
constexpr int VoicemailGreetingMs = 6000;
constexpr int VoicemailBeepMs = 500;
// MachineDetectionTimeout when the create gives none, and the range Twilio accepts; past the
// timeout without a decision Twilio reports "unknown".
constexpr int DefaultMachineDetectionTimeoutSeconds = 30;
constexpr int MinMachineDetectionTimeoutSeconds = 3;
constexpr int MaxMachineDetectionTimeoutSeconds = 59;
// How long Twilio waits for a webhook to answer.
constexpr int WebhookTimeoutMs = 15000;
// A scaled webhook timeout never goes below this: it guards against a slow machine, not a slow
// simulated network, so a high speed must not turn a busy test host into a failed call.
constexpr int MinWebhookTimeoutMs = 2000;

// A simulated duration in real milliseconds at `speed` (2.0 runs twice as fast).
inline int scaled(qint64 ms, double speed)
{
    return int(std::clamp<double>(std::round(double(ms) / speed), 0.0, 24.0 * 3600 * 1000));
}

inline int webhookTimeoutMs(double speed)
{
    return std::max(scaled(WebhookTimeoutMs, speed), MinWebhookTimeoutMs);
}

} // namespace flux::SimulatedTime
