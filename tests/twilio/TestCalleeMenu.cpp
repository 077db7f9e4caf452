// CalleeMenu: what each key (or silence) leads to at each turn of the callee's menu.
#include "twilio/CalleeMenu.h"

#include <QTest>

using namespace flux;

class TestCalleeMenu : public QObject
{
    Q_OBJECT

    using Step = CalleeMenu::Step;

private Q_SLOTS:
    void oneAcknowledgesAtAnyTurn()
    {
        const CalleeMenu menu;
        for (const CalleeMenu::Turn turn : {CalleeMenu::Turn{1, 1}, CalleeMenu::Turn{3, 12}})
            QCOMPARE(menu.answer(QStringLiteral("1"), turn).step, Step::Acknowledge);
    }

    void silenceRepeatsUntilTheReadingsAreUsed()
    {
        const CalleeMenu menu(3);
        CalleeMenu::Turn turn;
        auto decision = menu.answer(QString(), turn);
        QCOMPARE(decision.step, Step::Repeat);
        QCOMPARE(decision.next.counted, 2);
        QCOMPARE(decision.next.heard, 2);
        QVERIFY(decision.heardKey.isEmpty());
        decision = menu.answer(QString(), decision.next);
        QCOMPARE(decision.step, Step::Repeat);
        QCOMPARE(decision.next.counted, 3);
        QCOMPARE(menu.answer(QString(), decision.next).step, Step::GiveUp);
    }

    void anotherKeyIsNamedAndCountsAsARepeat()
    {
        const CalleeMenu menu(2);
        const auto first = menu.answer(QStringLiteral("7"), {});
        QCOMPARE(first.step, Step::Repeat);
        QCOMPARE(first.heardKey, QStringLiteral("7"));
        QCOMPARE(first.next.counted, 2);
        const auto last = menu.answer(QStringLiteral("#"), first.next);
        QCOMPARE(last.step, Step::GiveUp);
        QCOMPARE(last.heardKey, QStringLiteral("#"));
    }

    void starRepeatsWithoutUsingARepeatUpToTheCap()
    {
        const CalleeMenu menu(1);
        // With one reading allowed, silence ends the call at once; "*" still repeats.
        QCOMPARE(menu.answer(QString(), {}).step, Step::GiveUp);
        CalleeMenu::Turn turn;
        int repeats = 0;
        for (;;) {
            const auto decision = menu.answer(QStringLiteral("*"), turn);
            QVERIFY(decision.heardKey.isEmpty());
            if (decision.step != Step::Repeat)
                break;
            QCOMPARE(decision.next.counted, 1);
            turn = decision.next;
            ++repeats;
        }
        QCOMPARE(repeats, CalleeMenu::MaxReadings - 1);
        QCOMPARE(turn.heard, CalleeMenu::MaxReadings);
    }

    void repeatsAreKeptInRange()
    {
        QCOMPARE(CalleeMenu(0).repeats(), 1);
        QCOMPARE(CalleeMenu(99).repeats(), CalleeMenu::MaxRepeats);
        QCOMPARE(CalleeMenu().repeats(), CalleeMenu::DefaultRepeats);
    }
};

QTEST_GUILESS_MAIN(TestCalleeMenu)
#include "TestCalleeMenu.moc"
