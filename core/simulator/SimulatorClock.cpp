#include "simulator/SimulatorClock.h"

#include "simulator/SimulatedTime.h"

#include <QTimerEvent>

#include <algorithm>
#include <limits>

namespace flux {

namespace {
constexpr qint64 NsPerMs = 1000 * 1000;
} // namespace

SimulatorClock::SimulatorClock(double speed, QObject *parent)
    : QObject(parent), m_speed(speed > 0 ? speed : 1.0)
{
    m_elapsed.start();
}

SimulatorClock::Ticket SimulatorClock::after(qint64 simulatedMs, std::function<void()> step)
{
    return afterRealMs(SimulatedTime::scaled(simulatedMs, m_speed), std::move(step));
}

SimulatorClock::Ticket SimulatorClock::afterRealMs(qint64 realMs, std::function<void()> step)
{
    Ticket ticket;
    ticket.m_dueNs = m_elapsed.nsecsElapsed() + std::max<qint64>(realMs, 0) * NsPerMs;
    ticket.m_id = ++m_lastId;
    m_steps.emplace(Key{ticket.m_dueNs, ticket.m_id}, std::move(step));
    arm();
    return ticket;
}

void SimulatorClock::cancel(Ticket &ticket)
{
    if (ticket.m_id == 0)
        return;
    m_steps.erase(Key{ticket.m_dueNs, ticket.m_id});
    ticket = {};
    // A timer set for a step that is gone fires, finds nothing due and is set again: cheaper
    // than restarting it on every cancel, which is most of what a storm does.
    if (m_steps.empty() && m_armedForNs >= 0) {
        m_timer.stop();
        m_armedForNs = -1;
    }
}

void SimulatorClock::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_timer.stop();
    m_armedForNs = -1;
    const qint64 now = m_elapsed.nsecsElapsed();
    // Steps scheduled by the steps run here wait for the next turn of the event loop, as a
    // QTimer started from a slot would. They sort after every step already due (a later id, and
    // a due time no earlier than `now`), so the first entry always decides.
    const quint64 lastBefore = m_lastId;
    while (!m_steps.empty()) {
        const auto first = m_steps.begin();
        if (first->first.first > now || first->first.second > lastBefore)
            break;
        const std::function<void()> step = std::move(first->second);
        m_steps.erase(first);
        step();
    }
    arm();
}

void SimulatorClock::arm()
{
    if (m_steps.empty())
        return;
    const qint64 due = m_steps.begin()->first.first;
    if (m_armedForNs >= 0 && m_armedForNs <= due)
        return; // already set to fire by then
    const qint64 waitNs = std::max<qint64>(due - m_elapsed.nsecsElapsed(), 0);
    const qint64 waitMs = (waitNs + NsPerMs - 1) / NsPerMs; // rounded up: never early
    m_timer.start(int(std::min<qint64>(waitMs, std::numeric_limits<int>::max())), Qt::PreciseTimer,
                  this);
    m_armedForNs = due;
}

} // namespace flux
