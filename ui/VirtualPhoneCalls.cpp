#include "VirtualPhoneCalls.h"

#include "UiLog.h"

#include "calls/CallStatus.h"

#include <algorithm>

namespace flux {

VirtualPhoneCalls::VirtualPhoneCalls(EngineClient *engine, QObject *parent)
    : QObject(parent), m_engine(engine)
{
    connect(engine, &EngineClient::engineStarted, this, &VirtualPhoneCalls::attach);
    connect(engine, &EngineClient::engineStopping, this,
            [this] { detach(Availability::Restarting); });
    connect(engine, &EngineClient::simulatedCallChanged, this, [this](const QString &sid) {
        if (m_availability == Availability::Ready)
            onCallChanged(sid);
    });
    if (engine->isRunning())
        attach();
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
    press(EngineClient::PhoneButton::Answer, QStringLiteral("answer"));
}

void VirtualPhoneCalls::decline()
{
    press(EngineClient::PhoneButton::Decline, QStringLiteral("decline"));
}

void VirtualPhoneCalls::hangUp()
{
    press(EngineClient::PhoneButton::HangUp, QStringLiteral("hang up"));
}

void VirtualPhoneCalls::sendToVoicemail()
{
    press(EngineClient::PhoneButton::Voicemail, QStringLiteral("voicemail"));
}

void VirtualPhoneCalls::pressKey(const QString &key)
{
    const QString sid = m_shownSid;
    if (!m_engine || sid.isEmpty())
        return;
    m_engine->pressPhoneKeys(sid, key, this, [key, sid](const bool &done) {
        if (!done)
            qCInfo(lcUi).noquote()
                << "virtual phone: key" << key << "came after" << sid << "stopped listening";
    });
}

void VirtualPhoneCalls::press(EngineClient::PhoneButton button, const QString &what)
{
    const QString sid = m_shownSid;
    if (!m_engine || sid.isEmpty())
        return;
    m_engine->pressPhoneButton(sid, button, this, [what, sid](const bool &done) {
        // The call moved on between the click and the engine: the next update shows how.
        if (!done)
            qCInfo(lcUi).noquote() << "virtual phone:" << what << "came too late for" << sid;
    });
}

void VirtualPhoneCalls::attach()
{
    detach(Availability::LiveMode);
    const EngineClient::Facts &facts = m_engine->facts();
    if (!facts.simulator)
        return;
    m_availability = Availability::Ready;
    m_manualAnswer = facts.manualAnswer;
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
    auto take = [this, generation](const QList<SimulatedCallView> &views) {
        if (generation != m_generation)
            return;
        m_fetching = false;
        apply(views);
        if (!m_changed.isEmpty())
            fetch(false);
    };
    if (everything) // every call kept, the changed ones among them
        m_engine->simulatedCalls(this, take);
    else
        m_engine->simulatedCalls(sids, this, take);
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
