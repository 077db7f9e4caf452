// CalleeMenu: what a keypress (or silence) at the prompt leads to. 1 acknowledges; "*" reads the
// message again at once; silence and any other key read it again until it has been read
// `repeats` times in all, then the call says goodbye. Each turn's counts travel in the gather
// URL, so the menu keeps no state between webhooks.
#pragma once

#include <QString>

namespace flux {

class CalleeMenu
{
public:
    // FLUX_PROMPT_REPEATS: readings in all that silence and other keys allow.
    static constexpr int DefaultRepeats = 3;
    static constexpr int MaxRepeats = 10;
    // Readings in all, "*" included: no call reads the message more often.
    static constexpr int MaxReadings = 12;

    // Where the callee is: the readings silence and other keys have used (the first included),
    // and every reading so far.
    struct Turn
    {
        int counted = 1;
        int heard = 1;
    };
    enum class Step
    {
        Acknowledge, // 1
        Repeat,      // read the message again, at `next`
        GiveUp,      // goodbye, not acknowledged
    };
    struct Decision
    {
        Step step = Step::GiveUp;
        Turn next;
        // The key to name back to the callee ("You pressed 2."): one that does nothing here.
        QString heardKey;
    };

    explicit CalleeMenu(int repeats = DefaultRepeats);
    int repeats() const { return m_repeats; }
    Decision answer(const QString &digits, Turn turn) const;

private:
    int m_repeats;
};

} // namespace flux
