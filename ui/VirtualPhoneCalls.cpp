#include "VirtualPhoneCalls.h"

#include "UiLog.h"

#include "calls/CallStatus.h"
#include "engine/Engine.h"
#include "engine/EngineThread.h"
#include "simulator/TwilioSimulator.h"

#include <algorithm>

namespace flux {

VirtualPhoneCalls::VirtualPhoneCalls(EngineThread *engine, QObject *parent)
    : QObject(parent), m_engine(engine)
{
    connect(engine, &EngineThread::engineStarted, this, &VirtualPhoneCalls::attach);
    connect(engine, &EngineThread::engineStopping, this,
            [this] { detach(Availability::Restarting); });
    if (engine->isRunning())
        attach(engine->engine());
}

const SimulatedCallView *VirtualPhoneCalls::shown() const
{
    for (const SimulatedCallView &call : m_calls) {
        if (call.sid == m_shownSid)
            return &call;
    }
    return nullptr;
}

void VirtualPhoneCalls::show(const QString &sid)
{
    const auto known = std::find_if(m_calls.cbegin(), m_calls.cend(),
                                    [&sid](const SimulatedCallView &c) { return c.sid == sid; });
    if (known == m_calls.cend() || sid == m_shownSid)
        return;
    m_shownSid = sid;
    // The call shown before may have ended: with nothing showing it, it goes.
    m_calls.removeIf([this](const SimulatedCallView &c) {
        return CallStatus::isFinal(c.status) && c.sid != m_shownSid;
    });
    Q_EMIT changed();
}

void VirtualPhoneCalls::answer()
{
    press(&TwilioSimulator::answer, QStringLiteral("answer"));
}

void VirtualPhoneCalls::decline()
{
    press(&TwilioSimulator::decline, QStringLiteral("decline"));
}

void VirtualPhoneCalls::hangUp()
{
    press(&TwilioSimulator::hangUp, QStringLiteral("hang up"));
}

void VirtualPhoneCalls::pressKey(const QString &key)
{
    const QString sid = m_shownSid;
    if (!m_engine || sid.isEmpty())
        return;
    m_engine->request<bool>(
        this,
        [sid, key](Engine &engine) {
            TwilioSimulator *simulator = engine.simulator();
            return simulator && simulator->pressDigits(sid, key);
        },
        [key, sid](const bool &done) {
            if (!done)
                qCInfo(lcUi).noquote()
                    << "virtual phone: key" << key << "came after" << sid << "stopped listening";
        });
}

void VirtualPhoneCalls::press(Button button, const QString &what)
{
    const QString sid = m_shownSid;
    if (!m_engine || sid.isEmpty())
        return;
    m_engine->request<bool>(
        this,
        [button, sid](Engine &engine) {
            TwilioSimulator *simulator = engine.simulator();
            return simulator && (simulator->*button)(sid);
        },
        [what, sid](const bool &done) {
            // The call moved on between the click and the engine: the next update shows how.
            if (!done)
                qCInfo(lcUi).noquote() << "virtual phone:" << what << "came too late for" << sid;
        });
}

void VirtualPhoneCalls::attach(Engine *engine)
{
    detach(Availability::LiveMode);
    // Read off the engine's thread on purpose: the engine sets its simulator in start(), before
    // engineStarted, and never changes it (or its options) after.
    TwilioSimulator *simulator = engine ? engine->simulator() : nullptr;
    if (!simulator)
        return;
    m_availability = Availability::Ready;
    m_manualAnswer = simulator->manualAnswer();
    const quint64 generation = m_generation;
    connect(
        simulator, &TwilioSimulator::callChanged, this,
        [this, generation](const QString &sid) {
            if (generation == m_generation)
                onCallChanged(sid);
        },
        Qt::QueuedConnection);
    fetch(true);
    Q_EMIT changed();
}

void VirtualPhoneCalls::detach(Availability availability)
{
    ++m_generation; // the simulator's signals and answers still queued are now stale
    m_availability = availability;
    m_calls.clear();
    m_changed.clear();
    m_shownSid.clear();
    m_fetching = false;
    Q_EMIT changed();
}

void VirtualPhoneCalls::onCallChanged(const QString &sid)
{
    if (!m_changed.contains(sid))
        m_changed.append(sid);
    if (!m_fetching)
        fetch(false);
}

void VirtualPhoneCalls::fetch(bool everything)
{
    if (!m_engine)
        return;
    // One request in flight at a time: a call that speaks, listens and ends in quick succession
    // is fetched once for all of it.
    m_fetching = true;
    const QStringList sids = std::exchange(m_changed, {});
    const quint64 generation = m_generation;
    m_engine->request<QList<SimulatedCallView>>(
        this,
        [sids, everything](Engine &engine) {
            QList<SimulatedCallView> views;
            const TwilioSimulator *simulator = engine.simulator();
            if (simulator && everything)
                views = simulator->calls();
            for (const QString &sid : sids) {
                if (const auto view = simulator ? simulator->callView(sid) : std::nullopt)
                    views.append(*view);
            }
            return views;
        },
        [this, generation](const QList<SimulatedCallView> &views) {
            if (generation != m_generation)
                return;
            m_fetching = false;
            apply(views);
            if (!m_changed.isEmpty())
                fetch(false);
        });
}

void VirtualPhoneCalls::apply(const QList<SimulatedCallView> &views)
{
    QString newlyRinging;
    for (const SimulatedCallView &view : views) {
        auto known =
            std::find_if(m_calls.begin(), m_calls.end(),
                         [&view](const SimulatedCallView &c) { return c.sid == view.sid; });
        const bool wasRinging = known != m_calls.end() && known->ringing;
        if (known == m_calls.end())
            m_calls.append(view);
        else
            *known = view;
        if (view.ringing && !wasRinging)
            newlyRinging = view.sid;
    }
    std::stable_sort(m_calls.begin(), m_calls.end(),
                     [](const SimulatedCallView &a, const SimulatedCallView &b) {
                         return a.created < b.created;
                     });

    // A phone that starts ringing takes the screen, as an incoming call does on a real phone.
    // A call that ended stays on screen (how it ended matters) until another one is live.
    const SimulatedCallView *current = shown();
    if (!newlyRinging.isEmpty()) {
        m_shownSid = newlyRinging;
    } else if (!current || CallStatus::isFinal(current->status)) {
        const auto live =
            std::find_if(m_calls.crbegin(), m_calls.crend(),
                         [](const SimulatedCallView &c) { return !CallStatus::isFinal(c.status); });
        if (live != m_calls.crend())
            m_shownSid = live->sid;
        else if (!current && !m_calls.isEmpty())
            m_shownSid = m_calls.last().sid;
    }
    m_calls.removeIf([this](const SimulatedCallView &c) {
        return CallStatus::isFinal(c.status) && c.sid != m_shownSid;
    });
    Q_EMIT changed();
}

} // namespace flux
