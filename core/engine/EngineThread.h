// EngineThread: runs an Engine on a thread of its own so the window never waits on network or disk.
#pragma once

#include "base/Result.h"
#include "config/Config.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QThread;

namespace flux {

class Engine;

// Wraps `done` for another thread: the result is handed to `done` on `context`'s thread, unless
// `context` is gone by then. For work that answers later as well as at once.
template <typename R>
std::function<void(const R &)> deliverTo(QObject *context, std::function<void(const R &)> done)
{
    QPointer<QObject> receiver(context);
    return [receiver, done](const R &result) {
        if (!receiver)
            return;
        QMetaObject::invokeMethod(
            receiver.data(),
            [receiver, done, result] {
                if (receiver)
                    done(result);
            },
            Qt::QueuedConnection);
    };
}

class EngineThread : public QObject
{
    Q_OBJECT
public:
    explicit EngineThread(QObject *parent = nullptr);
    ~EngineThread() override; // stops the engine

    // Builds the engine on the worker thread and starts it; waits for the result (a few ms: the
    // store opens and the ports bind). Stops a running engine first.
    Result<void, ConfigError> start(const Config &config);
    // Destroys the engine on its own thread and joins it.
    void stop();
    bool isRunning() const { return m_engine != nullptr; }

    // The engine lives on the worker thread: connect to its objects' signals (they arrive
    // queued), but call its methods only through post() or request().
    Engine *engine() const { return m_engine; }

    // Runs `work` on the engine thread.
    void post(std::function<void(Engine &)> work) const;

    // Runs `work` on the engine thread, then `done` with its result on `context`'s thread,
    // unless `context` is gone by then.
    template <typename R>
    void request(QObject *context, std::function<R(Engine &)> work,
                 std::function<void(const R &)> done) const
    {
        post([work, deliver = deliverTo<R>(context, std::move(done))](Engine &engine) {
            deliver(work(engine));
        });
    }

Q_SIGNALS:
    // After every successful start() (including restarts), so views can reconnect.
    void engineStarted(flux::Engine *engine);
    void engineStopping(flux::Engine *engine);

private:
    QThread *m_thread = nullptr;
    Engine *m_engine = nullptr;
};

} // namespace flux
