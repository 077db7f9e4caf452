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
// A voicemail answers: a greeting, a beep, then it records what is said until the call ends.
inline const QString Voicemail = QStringLiteral("+15555550107");
// A fax machine answers: it says nothing and presses nothing.
inline const QString Fax = QStringLiteral("+15555550108");
// Answers, asks for the message again (presses *) at the first <Gather> that listens, and
// presses 1 at the next: the callee who missed the title.
inline const QString RepeatsThenPressesOne = QStringLiteral("+15555550109");
// Busy at the first call, answers and presses 1 at the next, and so on: the callee a retry
// reaches.
inline const QString BusyThenPressesOne = QStringLiteral("+15555550110");

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
    PressesTwo,
    Voicemail,
    Fax,
    RepeatsThenPressesOne
};

inline Behaviour behaviourOf(const QString &number, int callsBefore = 0)
{
    if (number == BusyThenPressesOne)
        return callsBefore % 2 == 0 ? Behaviour::Busy : Behaviour::PressesOne;
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
    if (number == Voicemail)
        return Behaviour::Voicemail;
    if (number == Fax)
        return Behaviour::Fax;
    if (number == RepeatsThenPressesOne)
        return Behaviour::RepeatsThenPressesOne;
    return Behaviour::Person;
}

// A machine, not a person, answers the number.
inline bool isMachine(Behaviour behaviour)
{
    return behaviour == Behaviour::Voicemail || behaviour == Behaviour::Fax;
}

// The key a scripted phone presses when the `gatherIndex`th <Gather> of the call listens (0 for
// the first); empty when it presses none.
inline QString scriptedKey(Behaviour behaviour, int gatherIndex)
{
    switch (behaviour) {
    case Behaviour::PressesOne:
        return QStringLiteral("1");
    case Behaviour::PressesTwo:
        return QStringLiteral("2");
    case Behaviour::RepeatsThenPressesOne:
        return gatherIndex == 0 ? QStringLiteral("*") : QStringLiteral("1");
    default:
        return {};
    }
}

} // namespace flux::ScriptedNumbers
