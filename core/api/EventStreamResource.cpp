#include "api/EventStreamResource.h"

#include "api/ApiPaths.h"
#include "api/CallJson.h"
#include "api/NotificationJson.h"
#include "api/ValidationError.h"
#include "base/LogCategories.h"
#include "calls/CallService.h"
#include "calls/CallStore.h"
#include "calls/NotificationService.h"

#include <QJsonDocument>
#include <QPointer>
#include <QTimer>

namespace flux {

namespace {

const QByteArray KeepAliveComment = QByteArrayLiteral(": keep-alive\n\n");

// A Last-Event-ID: a whole number of at most 18 digits (a change id), else nullopt.
std::optional<qint64> readEventId(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 18)
        return std::nullopt;
    for (const QChar c : trimmed) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
    }
    return trimmed.toLongLong();
}

// "event: reset": the changes after the client's last id are not all in the log any more (or
// the id is not this store's), so what follows starts over at `from`.
QByteArray resetEvent(qint64 lastEventId, qint64 from)
{
    const QJsonObject data{
        {QStringLiteral("detail"),
         QStringLiteral("Last-Event-ID %1 cannot be resumed from: the stream goes on after "
                        "change %2")
             .arg(lastEventId)
             .arg(from)},
        {QStringLiteral("last_event_id"), lastEventId},
        {QStringLiteral("resumed_after"), from}};
    return QByteArrayLiteral("event: reset\ndata: ") +
           QJsonDocument(data).toJson(QJsonDocument::Compact) + QByteArrayLiteral("\n\n");
}

} // namespace

EventStreamResource::EventStreamResource(CallService *calls, NotificationService *notifications,
                                         Options options, QObject *parent)
    : QObject(parent), m_calls(calls), m_notifications(notifications), m_store(calls->store()),
      m_options(options), m_keepAlive(new QTimer(this)), m_catchUp(new QTimer(this)),
      m_prune(new QTimer(this))
{
    // The signals come once a change is durable; they only say "look at the log", which holds
    // every change whether or not one was announced.
    connect(m_calls, &CallService::callPlaced, this, &EventStreamResource::wake);
    connect(m_calls, &CallService::callUpdated, this, &EventStreamResource::wake);
    connect(m_notifications, &NotificationService::notificationChanged, this,
            &EventStreamResource::wake);
    m_keepAlive->setInterval(m_options.keepAliveMs);
    connect(m_keepAlive, &QTimer::timeout, this, &EventStreamResource::keepAlive);
    m_catchUp->setInterval(m_options.catchUpMs);
    connect(m_catchUp, &QTimer::timeout, this, [this] {
        wake();
        deliver(); // streams whose clients were behind
    });
    m_prune->setInterval(3600 * 1000);
    connect(m_prune, &QTimer::timeout, this, &EventStreamResource::prune);
    m_prune->start();
    prune();
}

EventStreamResource::~EventStreamResource()
{
    // Their close callbacks point here.
    const auto streams = m_streams;
    m_streams.clear();
    for (const auto &stream : streams) {
        stream->response.onClosed({});
        stream->response.close();
    }
}

QList<Route> EventStreamResource::routes()
{
    Route events{HttpMethod::Get,
                 ApiPaths::Events,
                 Route::Access::ApiToken,
                 QStringLiteral("get_notifications_events"),
                 QStringLiteral("Every stored change to calls and notifications, as a stream"),
                 [this](const HttpRequest &r, const Responder &s) { open(r, s); }};
    events.docValues = {{QStringLiteral("max_streams"), m_options.maxStreams},
                        {QStringLiteral("keep_alive_seconds"), m_options.keepAliveMs / 1000},
                        {QStringLiteral("keep_days"), m_options.keepDays},
                        {QStringLiteral("keep_changes"), m_options.keepChanges}};
    return {events};
}

void EventStreamResource::open(const HttpRequest &request, const Responder &responder)
{
    // The header EventSource resends on reconnecting; the query for clients that cannot set it.
    std::optional<qint64> lastEventId;
    const QByteArray header = request.header("Last-Event-ID");
    if (!header.isNull()) {
        lastEventId = readEventId(QString::fromLatin1(header));
        if (!lastEventId)
            return responder.send(ValidationError::response(
                {{{QStringLiteral("header"), QStringLiteral("Last-Event-ID")},
                  QStringLiteral("Input should be a whole number: the id of an event"),
                  QStringLiteral("int_parsing")}}));
    } else if (FormEncoding::contains(request.queryForm, QStringLiteral("last_event_id"))) {
        lastEventId =
            readEventId(FormEncoding::value(request.queryForm, QStringLiteral("last_event_id")));
        if (!lastEventId)
            return responder.send(ValidationError::response(
                {{{QStringLiteral("query"), QStringLiteral("last_event_id")},
                  QStringLiteral("Input should be a whole number: the id of an event"),
                  QStringLiteral("int_parsing")}}));
    }
    if (m_streams.size() >= m_options.maxStreams) {
        qCInfo(lcApi) << "event stream refused:" << m_options.maxStreams << "open already";
        HttpResponse full = HttpResponse::detail(
            HttpStatus::ServiceUnavailable,
            QStringLiteral("Too many event streams open (at most %1): try again later")
                .arg(m_options.maxStreams));
        full.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("5")});
        return responder.send(full);
    }
    const auto range = m_store->changeRange();
    if (!range) {
        qCWarning(lcApi).noquote() << "event stream refused:" << range.error().message;
        return responder.send(HttpResponse::detail(HttpStatus::InternalServerError,
                                                   QStringLiteral("Could not read the store")));
    }

    auto stream = std::make_shared<Stream>();
    QByteArray first;
    if (!lastEventId) {
        stream->sentUpTo = range.value().latest; // from now on
    } else if (*lastEventId > range.value().latest) {
        // Not an id this store gave (another data folder, a file replaced): start from now.
        stream->sentUpTo = range.value().latest;
        first = resetEvent(*lastEventId, stream->sentUpTo);
    } else if (*lastEventId < range.value().oldest - 1) {
        // Pruned: everything still kept follows, after a reset that says so.
        stream->sentUpTo = range.value().oldest - 1;
        first = resetEvent(*lastEventId, stream->sentUpTo);
    } else {
        stream->sentUpTo = *lastEventId;
    }

    HttpResponse head;
    head.contentType = QByteArrayLiteral("text/event-stream");
    head.headers = {{QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache")},
                    // nginx would otherwise hold the events back to fill its buffer.
                    {QByteArrayLiteral("X-Accel-Buffering"), QByteArrayLiteral("no")}};
    head.body = first;
    stream->response = responder.stream(head);
    if (!stream->response.isOpen())
        return; // the client left, or asked with HEAD
    m_streams.append(stream);
    const std::weak_ptr<Stream> weak = stream;
    stream->response.onClosed([this, weak] {
        if (const auto closed = weak.lock())
            m_streams.removeOne(closed);
        updateTimers();
    });
    qCInfo(lcApi) << "event stream opened from" << request.remote.toString() << "after change"
                  << stream->sentUpTo << "(" << m_streams.size() << "open)";
    updateTimers();
    wake();
}

void EventStreamResource::wake()
{
    if (m_streams.isEmpty())
        return;
    if (m_checking) {
        m_checkAgain = true;
        return;
    }
    const auto range = m_store->changeRange();
    if (!range) {
        qCWarning(lcApi).noquote() << "event stream:" << range.error().message;
        return;
    }
    const qint64 latest = range.value().latest;
    if (latest <= m_durableUpTo)
        return;
    // Everything written so far, this change log row included, is on disk when this runs.
    m_checking = true;
    const QPointer<EventStreamResource> self(this);
    m_store->whenDurable([self, latest](const Result<void, StoreError> &durable) {
        if (!self)
            return;
        self->m_checking = false;
        if (durable)
            self->m_durableUpTo = std::max(self->m_durableUpTo, latest);
        self->deliver();
        if (std::exchange(self->m_checkAgain, false))
            self->wake();
    });
}

void EventStreamResource::deliver()
{
    bool more = false;
    const auto streams = m_streams;
    for (const auto &stream : streams) {
        if (stream->response.isOpen() && !deliverTo(*stream))
            more = true;
    }
    m_rendered.clear();
    // A long replay goes on in the next turn, so other requests are served meanwhile.
    if (more && !m_deliverQueued) {
        m_deliverQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_deliverQueued = false;
            deliver();
        });
    }
}

bool EventStreamResource::deliverTo(Stream &stream)
{
    if (stream.sentUpTo >= m_durableUpTo)
        return true;
    // A client that reads slower than changes come is not buffered for without end: it waits
    // here, and the server closes it if it stops reading altogether.
    if (stream.response.backlogged())
        return true; // the catch-up timer comes back to it
    const auto changes = m_store->changes(stream.sentUpTo, m_durableUpTo, m_options.eventsPerTurn);
    if (!changes) {
        qCWarning(lcApi).noquote() << "event stream:" << changes.error().message;
        return true;
    }
    QByteArray bytes;
    for (const StoredChange &change : changes.value()) {
        bytes += eventBytes(change);
        stream.sentUpTo = change.id;
    }
    // Rows pruned meanwhile leave nothing to send between: the stream moves on past them.
    if (changes.value().size() < m_options.eventsPerTurn)
        stream.sentUpTo = m_durableUpTo;
    if (!bytes.isEmpty() && !stream.response.write(bytes))
        return true;
    return stream.sentUpTo >= m_durableUpTo;
}

QByteArray EventStreamResource::eventBytes(const StoredChange &change)
{
    if (const auto rendered = m_rendered.constFind(change.id); rendered != m_rendered.cend())
        return *rendered;
    // The subject as stored now: the state this change led to, or a later one that has its own
    // event after this.
    QJsonObject data;
    QByteArray kind;
    if (change.kind == StoredChange::Kind::Call) {
        kind = QByteArrayLiteral("call");
        const auto call = m_store->call(change.subject);
        if (call && call.value())
            data = CallJson::call(*call.value());
        else
            data = {{QStringLiteral("call_sid"), change.subject}};
    } else {
        kind = QByteArrayLiteral("notification");
        const auto notification = m_store->notification(change.subject);
        if (notification && notification.value())
            data = NotificationJson::notification(*notification.value());
        else
            data = {{QStringLiteral("notification_id"), change.subject}};
    }
    QByteArray bytes = QByteArrayLiteral("id: ") + QByteArray::number(change.id) +
                       QByteArrayLiteral("\nevent: ") + kind + QByteArrayLiteral("\ndata: ") +
                       QJsonDocument(data).toJson(QJsonDocument::Compact) +
                       QByteArrayLiteral("\n\n");
    m_rendered.insert(change.id, bytes);
    return bytes;
}

void EventStreamResource::keepAlive()
{
    const auto streams = m_streams;
    for (const auto &stream : streams)
        stream->response.write(KeepAliveComment);
}

void EventStreamResource::prune()
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addDays(-m_options.keepDays);
    const auto pruned = m_store->pruneChanges(before, m_options.keepChanges);
    if (!pruned)
        qCWarning(lcApi).noquote() << "could not prune the change log:" << pruned.error().message;
    else if (pruned.value() > 0)
        qCInfo(lcApi) << "pruned" << pruned.value() << "change(s) from the change log";
}

void EventStreamResource::updateTimers()
{
    if (m_streams.isEmpty()) {
        m_keepAlive->stop();
        m_catchUp->stop();
        return;
    }
    if (!m_keepAlive->isActive())
        m_keepAlive->start();
    if (!m_catchUp->isActive())
        m_catchUp->start();
}

} // namespace flux
