#include "engine/EngineThread.h"

#include "base/LogCategories.h"
#include "engine/Engine.h"

#include <QThread>

namespace flux {

EngineThread::EngineThread(QObject *parent) : QObject(parent) {}

EngineThread::~EngineThread()
{
    stop();
}

Result<void, ConfigError> EngineThread::start(const Config &config)
{
    stop();
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("engine"));
    m_thread->start();

    // Constructed here with no children, then moved: start() runs on the worker thread, so every
    // socket, timer and the SQLite connection it makes belong to that thread.
    auto *engine = new Engine(config);
    engine->moveToThread(m_thread);
    std::optional<ConfigError> failure;
    QMetaObject::invokeMethod(
        engine,
        [engine, &failure] {
            if (const auto started = engine->start(); !started) {
                failure = started.error();
                delete engine;
            }
        },
        Qt::BlockingQueuedConnection);
    if (failure) {
        m_thread->quit();
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
        return *failure;
    }
    m_engine = engine;
    Q_EMIT engineStarted(m_engine);
    return {};
}

void EngineThread::stop()
{
    if (!m_thread)
        return;
    if (m_engine) {
        Q_EMIT engineStopping(m_engine);
        Engine *engine = std::exchange(m_engine, nullptr);
        QMetaObject::invokeMethod(
            engine, [engine] { delete engine; }, Qt::BlockingQueuedConnection);
    }
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    qCInfo(lcApp) << "engine stopped";
}

void EngineThread::post(std::function<void(Engine &)> work) const
{
    if (!m_engine)
        return;
    Engine *engine = m_engine;
    QMetaObject::invokeMethod(
        engine, [engine, work] { work(*engine); }, Qt::QueuedConnection);
}

} // namespace flux
