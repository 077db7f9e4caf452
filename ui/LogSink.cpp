#include "LogSink.h"

#include <QMetaObject>

#include <atomic>

namespace flux {

namespace {
// The handler is a plain function: it finds the sink here. The lock also keeps the sink from
// being destroyed while another thread is handing it a message.
QMutex handlerMutex;
LogSink *installedSink = nullptr;
std::atomic<QtMessageHandler> previousHandler{nullptr};
// Set while a thread is handing a message to the sink, so a message logged from within that
// (by Qt, say) goes only to the previous handler instead of deadlocking on the lock.
thread_local bool insideHandler = false;
} // namespace

LogSink::LogSink(int capacity, QObject *parent) : QObject(parent), m_capacity(qMax(1, capacity))
{
    QMutexLocker lock(&handlerMutex);
    m_replaced = installedSink;
    installedSink = this;
    // A sink replacing another keeps the handler before both: chaining to itself would recurse.
    if (const QtMessageHandler previous = qInstallMessageHandler(&LogSink::handle);
        previous != &LogSink::handle)
        previousHandler = previous;
}

LogSink::~LogSink()
{
    QMutexLocker lock(&handlerMutex);
    if (installedSink != this)
        return;
    installedSink = m_replaced;
    if (!m_replaced)
        qInstallMessageHandler(previousHandler.load());
}

void LogSink::handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (!insideHandler) {
        insideHandler = true;
        {
            QMutexLocker lock(&handlerMutex);
            if (installedSink) {
                installedSink->append(
                    {QDateTime::currentDateTime(), LogEntry::levelOf(type),
                     QString::fromLatin1(context.category ? context.category : "default"),
                     message});
            }
        }
        insideHandler = false;
    }
    if (const QtMessageHandler previous = previousHandler.load())
        previous(type, context, message);
}

void LogSink::append(LogEntry entry)
{
    QMutexLocker lock(&m_mutex);
    m_entries.push_back(entry);
    if (int(m_entries.size()) > m_capacity)
        m_entries.pop_front();
    m_pending.append(std::move(entry));
    if (m_pending.size() > m_capacity)
        m_pending.removeFirst();
    if (m_deliveryQueued)
        return;
    m_deliveryQueued = true;
    // One queued call per batch, however many messages arrive before it runs.
    QMetaObject::invokeMethod(this, &LogSink::deliver, Qt::QueuedConnection);
}

void LogSink::deliver()
{
    QList<LogEntry> batch;
    {
        QMutexLocker lock(&m_mutex);
        batch.swap(m_pending);
        m_deliveryQueued = false;
    }
    if (!batch.isEmpty())
        Q_EMIT logged(batch);
}

QList<LogEntry> LogSink::entries() const
{
    QMutexLocker lock(&m_mutex);
    return QList<LogEntry>(m_entries.begin(), m_entries.end());
}

} // namespace flux
