// EventStreamResource: GET /notifications/events, every stored change to a call or a notification
// as a text/event-stream, replayed from the store's change log after Last-Event-ID and then live,
// with no change left out and none sent twice.
#pragma once

#include "api/Route.h"
#include "calls/StoredChange.h"
#include "net/ResponseStream.h"

#include <QHash>
#include <QObject>

#include <memory>

class QTimer;

namespace flux {

class CallService;
class CallStore;
class NotificationService;

class EventStreamResource : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int maxStreams = 16;     // FLUX_MAX_EVENT_STREAMS: more are answered 503
        int keepAliveMs = 15000; // FLUX_EVENT_STREAM_KEEPALIVE_SECONDS: a comment this often
        int catchUpMs = 1000;    // a change no signal announced is sent within this long
        int eventsPerTurn = 200; // per stream and turn of the event loop, while replaying
        // How far back Last-Event-ID resumes: the change log keeps this many days and at most
        // this many changes, pruned at start and every hour.
        int keepDays = 7;
        int keepChanges = 100000;
    };

    EventStreamResource(CallService *calls, NotificationService *notifications, Options options,
                        QObject *parent = nullptr);
    ~EventStreamResource() override;

    QList<Route> routes();
    int openStreams() const { return int(m_streams.size()); }

private:
    struct Stream
    {
        ResponseStream response;
        qint64 sentUpTo = 0; // the id of the last change written to it
    };

    void open(const HttpRequest &request, const Responder &responder);
    // A change may have been stored: once the log is durable up to its latest id, deliver.
    void wake();
    // Writes every durable change each stream has not had yet, a slice per turn.
    void deliver();
    // False when the stream has more to come than this turn's slice (or its client is behind).
    bool deliverTo(Stream &stream);
    QByteArray eventBytes(const StoredChange &change);
    void keepAlive();
    void updateTimers();
    void prune();

    CallService *m_calls;
    NotificationService *m_notifications;
    CallStore *m_store;
    Options m_options;
    QList<std::shared_ptr<Stream>> m_streams;
    // Only changes up to here are sent: a change committed but not yet synced could still be
    // lost with the power, and its id then given to another.
    qint64 m_durableUpTo = -1; // -1: not read yet
    bool m_checking = false;   // a whenDurable is out
    bool m_checkAgain = false;
    bool m_deliverQueued = false;
    QHash<qint64, QByteArray> m_rendered; // the events of one delivery, written to each stream
    QTimer *m_keepAlive;
    QTimer *m_catchUp;
    QTimer *m_prune;
};

} // namespace flux
