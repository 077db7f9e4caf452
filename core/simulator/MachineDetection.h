// MachineDetection: Twilio's answering-machine detection as the simulator plays it: the modes a
// create may ask for, and what detection concludes about each phone, and when.
#pragma once

#include "simulator/ScriptedNumbers.h"

#include <QString>

#include <optional>

namespace flux::MachineDetection {

enum class Mode
{
    Off,              // no MachineDetection: the TwiML is fetched at the answer, no AnsweredBy
    Enable,           // AnsweredBy as soon as Twilio can tell: machine_start for a machine
    DetectMessageEnd, // for a machine, only once its greeting has ended: machine_end_beep
};

// The create's MachineDetection value: empty is Off; nullopt for a value Twilio refuses.
std::optional<Mode> parseMode(const QString &value);

// The create's MachineDetectionTimeout in seconds: Twilio's default when empty or not a number,
// else kept within the range Twilio accepts.
int parseTimeout(const QString &value);

struct Verdict
{
    QString answeredBy; // Twilio's AnsweredBy value
    qint64 afterMs = 0; // simulated time from the answer to the decision
};

// What detection in `mode` (not Off) concludes about a phone that behaves as `behaviour`, and
// when: "unknown" at the timeout when the decision would come later.
Verdict verdict(Mode mode, ScriptedNumbers::Behaviour behaviour, int timeoutSeconds);

} // namespace flux::MachineDetection
