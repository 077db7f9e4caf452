#include "twilio/CalleeMenu.h"

#include "twilio/VoicePrompts.h"

#include <algorithm>

namespace flux {

CalleeMenu::CalleeMenu(int repeats) : m_repeats(std::clamp(repeats, 1, MaxRepeats)) {}

CalleeMenu::Decision CalleeMenu::answer(const QString &digits, Turn turn) const
{
    Decision decision;
    if (VoicePrompts::acknowledges(digits)) {
        decision.step = Step::Acknowledge;
        return decision;
    }
    const bool star = digits == QLatin1String("*");
    if (!star && !digits.isEmpty())
        decision.heardKey = digits;
    const bool readingsLeft = turn.heard < MaxReadings;
    if (star && readingsLeft) {
        decision.step = Step::Repeat;
        decision.next = {turn.counted, turn.heard + 1};
        return decision;
    }
    if (!star && readingsLeft && turn.counted < m_repeats) {
        decision.step = Step::Repeat;
        decision.next = {turn.counted + 1, turn.heard + 1};
        return decision;
    }
    decision.step = Step::GiveUp;
    decision.next = turn;
    return decision;
}

} // namespace flux
