// VirtualPhoneCalls: the simulator's calls as the virtual phone shows them, kept in step with the
// engine thread across restarts, and the phone's buttons acting on the call shown.
#pragma once

#include "engine/EngineClient.h"
#include "simulator/SimulatedCallView.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace flux {

class VirtualPhoneCalls : public QObject
{
    Q_OBJECT
public:
    enum class Availability
    {
        NoEngine,   // never started, or a start failed
        Restarting, // between engineStopping and engineStarted
        LiveMode,   // no simulator: real phones ring
        Ready,
    };

    explicit VirtualPhoneCalls(EngineClient *engine, QObject *parent = nullptr);

    Availability availability() const { return m_availability; }
    // Whether non-scripted phones wait for answer() instead of answering by themselves.
    bool manualAnswer() const { return m_manualAnswer; }
    // The live calls and the shown one (which may have ended), oldest first.
    const QList<SimulatedCallView> &calls() const { return m_calls; }
    // The call the phone shows, or null.
    const SimulatedCallView *shown() const;
    QString shownSid() const { return m_shownSid; }
    // The person picks another call from the list.
    void show(const QString &sid);

    // The phone's buttons, on the call shown. Asynchronous: the change arrives with changed().
    void answer();
    void decline();
    void hangUp();
    void sendToVoicemail();
    void pressKey(const QString &key);

Q_SIGNALS:
    // Anything above changed: availability, the calls, which one is shown.
    void changed();

private:
    void attach();
    void detach(Availability availability);
    void onCallChanged(const QString &sid);
    void fetch(bool everything);
    void apply(const QList<SimulatedCallView> &views);
    void press(EngineClient::PhoneButton button, const QString &what);

    QPointer<EngineClient> m_engine;
    Availability m_availability = Availability::NoEngine;
    bool m_manualAnswer = false;
    // Bumped on every attach and detach: answers from an engine that has gone are dropped.
    quint64 m_generation = 0;
    bool m_fetching = false;
    QStringList m_changed; // sids changed since the last fetch, in the order they changed
    QList<SimulatedCallView> m_calls;
    QString m_shownSid;
};

} // namespace flux
