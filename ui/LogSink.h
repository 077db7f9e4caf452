// LogSink: keeps the recent log (from every thread) for the log view, while the previous message
// handler goes on writing it to stderr.
#pragma once

#include "LogEntry.h"

#include <QList>
#include <QMutex>
#include <QObject>

#include <deque>

namespace flux {

class LogSink : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultCapacity = 5000;

    // Installs a Qt message handler that chains to the one before it. Meant as one per process:
    // a second sink takes the messages from the first until it is destroyed (sinks are undone in
    // the reverse order of their making).
    explicit LogSink(int capacity = DefaultCapacity, QObject *parent = nullptr);
    // Puts the previous handler (or sink) back.
    ~LogSink() override;

    // The last `capacity` entries, oldest first.
    QList<LogEntry> entries() const;
    int capacity() const { return m_capacity; }

Q_SIGNALS:
    // New entries, oldest first, on the sink's thread: messages logged in a burst (or on other
    // threads) arrive in one batch.
    void logged(const QList<flux::LogEntry> &entries);

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message);
    void append(LogEntry entry); // any thread, under the handler's lock
    void deliver();              // the sink's thread

    const int m_capacity;
    LogSink *m_replaced = nullptr; // the sink this one took over from, if any
    mutable QMutex m_mutex;
    std::deque<LogEntry> m_entries;
    QList<LogEntry> m_pending;
    bool m_deliveryQueued = false;
};

} // namespace flux
