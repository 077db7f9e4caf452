// Tests SimulatorClock on a real event loop: the order steps run in, cancellation, and what a
// step may do to the clock while it runs. No assert depends on how fast the machine is.
#include "simulator/SimulatorClock.h"

#include <QElapsedTimer>
#include <QStringList>
#include <QTest>

using namespace flux;

namespace {
constexpr int WaitMs = 5000;
} // namespace

class TestSimulatorClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stepsRunInTheOrderOfTheirDeadlinesNotOfScheduling()
    {
        SimulatorClock clock;
        QStringList ran;
        clock.after(60, [&ran] { ran.append(QStringLiteral("third")); });
        clock.after(20, [&ran] { ran.append(QStringLiteral("first")); });
        clock.after(40, [&ran] { ran.append(QStringLiteral("second")); });
        QCOMPARE(clock.pending(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(ran.size(), 3, WaitMs);
        QCOMPARE(ran, QStringList({QStringLiteral("first"), QStringLiteral("second"),
                                   QStringLiteral("third")}));
        QCOMPARE(clock.pending(), 0);
    }

    void stepsDueAtTheSameMomentRunInTheOrderScheduled()
    {
        SimulatorClock clock;
        QList<int> ran;
        for (int i = 0; i < 50; ++i)
            clock.after(5, [&ran, i] { ran.append(i); });
        QTRY_COMPARE_WITH_TIMEOUT(ran.size(), 50, WaitMs);
        for (int i = 0; i < 50; ++i)
            QCOMPARE(ran.at(i), i);
    }

    void noStepRunsInsideAfterEvenWithNoDelay()
    {
        SimulatorClock clock;
        bool ran = false;
        clock.after(0, [&ran] { ran = true; });
        QVERIFY(!ran);
        QTRY_VERIFY_WITH_TIMEOUT(ran, WaitMs);
    }

    void aCancelledStepNeverRunsAndTheOthersStillDo()
    {
        SimulatorClock clock;
        QStringList ran;
        SimulatorClock::Ticket earliest =
            clock.after(10, [&ran] { ran.append(QStringLiteral("cancelled")); });
        SimulatorClock::Ticket middle =
            clock.after(30, [&ran] { ran.append(QStringLiteral("cancelled too")); });
        clock.after(50, [&ran] { ran.append(QStringLiteral("kept")); });
        clock.cancel(earliest);
        clock.cancel(middle);
        QCOMPARE(clock.pending(), 1);
        clock.cancel(middle); // twice: nothing more happens
        QTRY_COMPARE_WITH_TIMEOUT(ran, QStringList{QStringLiteral("kept")}, WaitMs);
        // A later step that would have run by now, had the cancelled ones been kept.
        bool after = false;
        clock.after(60, [&after] { after = true; });
        QTRY_VERIFY_WITH_TIMEOUT(after, WaitMs);
        QCOMPARE(ran, QStringList{QStringLiteral("kept")});
    }

    void cancellingAStepThatAlreadyRanDoesNothing()
    {
        SimulatorClock clock;
        int first = 0;
        int second = 0;
        SimulatorClock::Ticket ticket = clock.after(0, [&first] { ++first; });
        clock.after(40, [&second] { ++second; });
        QTRY_COMPARE_WITH_TIMEOUT(first, 1, WaitMs);
        clock.cancel(ticket);
        QCOMPARE(clock.pending(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(second, 1, WaitMs);
        QCOMPARE(first, 1);
    }

    void aStepCanCancelAnotherDueAtTheSameMoment()
    {
        SimulatorClock clock;
        QStringList ran;
        SimulatorClock::Ticket victim;
        clock.after(20, [&] {
            ran.append(QStringLiteral("canceller"));
            clock.cancel(victim);
        });
        victim = clock.after(20, [&ran] { ran.append(QStringLiteral("victim")); });
        clock.after(40, [&ran] { ran.append(QStringLiteral("later")); });
        QTRY_COMPARE_WITH_TIMEOUT(ran.size(), 2, WaitMs);
        QCOMPARE(ran, QStringList({QStringLiteral("canceller"), QStringLiteral("later")}));
    }

    void aStepScheduledByAStepRunsLaterNotInsideIt()
    {
        SimulatorClock clock;
        QStringList ran;
        clock.after(10, [&] {
            ran.append(QStringLiteral("outer begins"));
            clock.after(0, [&ran] { ran.append(QStringLiteral("inner")); });
            ran.append(QStringLiteral("outer ends"));
        });
        QTRY_COMPARE_WITH_TIMEOUT(ran.size(), 3, WaitMs);
        QCOMPARE(ran, QStringList({QStringLiteral("outer begins"), QStringLiteral("outer ends"),
                                   QStringLiteral("inner")}));
    }

    void simulatedTimeIsScaledBySpeedAndRealTimeIsNot()
    {
        // At 10x, 1,000 simulated ms are 100 real ms: after 50 real ms, before 300.
        SimulatorClock fast(10.0);
        QStringList ran;
        fast.afterRealMs(300, [&ran] { ran.append(QStringLiteral("real 300")); });
        fast.after(1000, [&ran] { ran.append(QStringLiteral("simulated 1000")); });
        fast.afterRealMs(50, [&ran] { ran.append(QStringLiteral("real 50")); });
        QTRY_COMPARE_WITH_TIMEOUT(ran.size(), 3, WaitMs);
        QCOMPARE(ran, QStringList({QStringLiteral("real 50"), QStringLiteral("simulated 1000"),
                                   QStringLiteral("real 300")}));

        // At a tenth of real speed, 20 simulated ms are 200 real ms: after 100 real ms.
        SimulatorClock slow(0.1);
        ran.clear();
        slow.after(20, [&ran] { ran.append(QStringLiteral("simulated 20")); });
        slow.afterRealMs(100, [&ran] { ran.append(QStringLiteral("real 100")); });
        QTRY_COMPARE_WITH_TIMEOUT(ran.size(), 2, WaitMs);
        QCOMPARE(ran, QStringList({QStringLiteral("real 100"), QStringLiteral("simulated 20")}));
        QCOMPARE(SimulatorClock(0).speed(), 1.0); // no speed at all means real time
    }

    void aStepNeverRunsBeforeItsTime()
    {
        SimulatorClock clock;
        QElapsedTimer waited;
        waited.start();
        qint64 ranAfterMs = -1;
        clock.afterRealMs(30, [&] { ranAfterMs = waited.elapsed(); });
        QTRY_VERIFY_WITH_TIMEOUT(ranAfterMs >= 0, WaitMs);
        QVERIFY2(ranAfterMs >= 30, qPrintable(QString::number(ranAfterMs)));
    }
};

QTEST_GUILESS_MAIN(TestSimulatorClock)
#include "TestSimulatorClock.moc"
