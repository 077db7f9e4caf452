// SimulatorClock: the simulated phone network's one timer. Every step a simulated call or its
// voice session waits for (dialling, ringing, a ring timeout, a <Pause>, a scripted key) is a
// deadline here, so a storm of live calls costs Qt one timer instead of four per call: Qt's timer
// list is linear in the number of live timers (bench-call-storm measures the storm).
#pragma once

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QObject>

#include <functional>
#include <map>
#include <utility>

namespace flux {

class SimulatorClock : public QObject
{
    Q_OBJECT
public:
    // A step scheduled and not yet run, for cancel(). A default Ticket names no step.
    class Ticket
    {
    private:
        friend class SimulatorClock;
        qint64 m_dueNs = 0;
        quint64 m_id = 0; // 0: no step
    };

    // `speed`: simulated time runs this many times faster than real time (FLUX_SIM_SPEED).
    explicit SimulatorClock(double speed = 1.0, QObject *parent = nullptr);

    double speed() const { return m_speed; }
    // Runs `step` once `simulatedMs` of simulated time have passed (SimulatedTime::scaled), from
    // the event loop, never from inside this call. Steps due at the same moment run in the order
    // they were scheduled.
    Ticket after(qint64 simulatedMs, std::function<void()> step);
    // The same in real milliseconds, whatever the speed (a fault's delay is real time).
    Ticket afterRealMs(qint64 realMs, std::function<void()> step);
    // Drops the step if it has not run yet, and clears `ticket` either way, so cancelling a
    // step that already ran, or cancelling twice, does nothing.
    void cancel(Ticket &ticket);
    // Steps waiting for their time.
    qsizetype pending() const { return qsizetype(m_steps.size()); }

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    // When a step is due (nanoseconds on m_elapsed, so no step runs early by a rounding), then
    // the order it was scheduled in.
    using Key = std::pair<qint64, quint64>;
    void arm();

    double m_speed;
    QElapsedTimer m_elapsed;
    std::map<Key, std::function<void()>> m_steps;
    QBasicTimer m_timer;
    qint64 m_armedForNs = -1; // the due time m_timer is set for; -1 while it is stopped
    quint64 m_lastId = 0;
};

} // namespace flux
