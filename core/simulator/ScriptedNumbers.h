// ScriptedNumbers: the simulator's documented test numbers and how the phone at each behaves.
#pragma once

#include <QString>

namespace flux::ScriptedNumbers {

// The only From number the simulator accepts, as if the account owned it (Twilio's own magic
// test number for a valid From).
inline const QString SimulatorFrom = QStringLiteral("+15005550006");

// Answers, and presses 1 once the prompt's <Gather> listens: the callee who acknowledges.
inline const QString PressesOne = QStringLiteral("+15555550101");
// Answers and never presses a key: the callee who listens and hangs up on the prompt.
inline const QString Silent = QStringLiteral("+15555550102");
// Is busy: the call ends "busy" without being answered.
inline const QString Busy = QStringLiteral("+15555550103");
// Rings until the call's Timeout passes: the call ends "no-answer".
inline const QString NeverAnswers = QStringLiteral("+15555550104");
// Cannot be reached: the call ends "failed" before it rings.
inline const QString Fails = QStringLiteral("+15555550105");
// Answers, and presses 2 once the prompt's <Gather> listens: the callee who declines.
inline const QString PressesTwo = QStringLiteral("+15555550106");

// What the phone at a number does. Any unlisted number is a person at a keypad: it rings,
// answers (by itself, or with Options::manualAnswer only when the person answers), and presses
// only what the control API or TwilioSimulator::pressDigits sends.
enum class Behaviour
{
    Person,
    PressesOne,
    Silent,
    Busy,
    NeverAnswers,
    Fails,
    PressesTwo
};

inline Behaviour behaviourOf(const QString &number)
{
    if (number == PressesOne)
        return Behaviour::PressesOne;
    if (number == Silent)
        return Behaviour::Silent;
    if (number == Busy)
        return Behaviour::Busy;
    if (number == NeverAnswers)
        return Behaviour::NeverAnswers;
    if (number == Fails)
        return Behaviour::Fails;
    if (number == PressesTwo)
        return Behaviour::PressesTwo;
    return Behaviour::Person;
}

// The key a scripted phone presses when a <Gather> listens; empty when it presses none.
inline QString scriptedKey(Behaviour behaviour)
{
    switch (behaviour) {
    case Behaviour::PressesOne:
        return QStringLiteral("1");
    case Behaviour::PressesTwo:
        return QStringLiteral("2");
    default:
        return {};
    }
}

} // namespace flux::ScriptedNumbers
