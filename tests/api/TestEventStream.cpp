// GET /notifications/events on a real engine (simulator, loopback, a real SQLite file), read on
// a raw socket: every stored change arrives once, in order; a stream resumed with Last-Event-ID
// after a dropped connection, or after a restart, has no gap and no duplicate.
#include "EngineFixture.h"

#include "api/ApiServer.h"
#include "calls/CallStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

#include <optional>

using namespace flux;
using namespace flux::test;

namespace {

struct StreamEvent
{
    qint64 id = -1;
    QByteArray kind; // "call", "notification", "reset"
    QJsonObject data;
};

// One GET /notifications/events, its events parsed as they arrive.
class EventStreamClient
{
public:
    // Sends the request; true once the head has arrived (any status).
    bool open(quint16 port, const QByteArray &token, const QByteArray &lastEventId = {})
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(5000))
            return false;
        QByteArray request = "GET /notifications/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Accept: text/event-stream\r\n";
        if (!token.isEmpty())
            request += "Authorization: Bearer " + token + "\r\n";
        if (!lastEventId.isNull())
            request += "Last-Event-ID: " + lastEventId + "\r\n";
        request += "\r\n";
        socket.write(request);
        return QTest::qWaitFor(
            [this] {
                read();
                return !head.isEmpty();
            },
            5000);
    }

    int status() const { return head.mid(9, 3).toInt(); }
    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }

    // Reads what has arrived, for up to `timeoutMs` until `done` holds.
    bool waitUntil(const std::function<bool()> &done, int timeoutMs = 20000)
    {
        return QTest::qWaitFor(
            [&] {
                read();
                return done();
            },
            timeoutMs);
    }

    bool closedByServer()
    {
        read();
        return socket.state() == QAbstractSocket::UnconnectedState;
    }

    QList<qint64> ids() const
    {
        QList<qint64> found;
        for (const StreamEvent &e : events) {
            if (e.id >= 0)
                found.append(e.id);
        }
        return found;
    }
    qint64 lastId() const { return ids().isEmpty() ? -1 : ids().last(); }

    QTcpSocket socket;
    QByteArray head;
    QByteArray body; // of an answer that is not a stream
    QList<StreamEvent> events;
    int comments = 0;

private:
    void read()
    {
        m_pending += socket.readAll();
        if (head.isEmpty()) {
            const qsizetype end = m_pending.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            head = m_pending.left(end);
            m_pending.remove(0, end + 4);
        }
        // The JSON answers (401, 422, 503) are not a stream.
        if (!header("Content-Type").startsWith("text/event-stream")) {
            body += m_pending;
            m_pending.clear();
            return;
        }
        qsizetype end;
        while ((end = m_pending.indexOf("\n\n")) >= 0) {
            const QByteArray block = m_pending.left(end);
            m_pending.remove(0, end + 2);
            StreamEvent event;
            bool comment = true;
            for (const QByteArray &line : block.split('\n')) {
                if (line.startsWith(':'))
                    continue;
                comment = false;
                if (line.startsWith("id: "))
                    event.id = line.mid(4).toLongLong();
                else if (line.startsWith("event: "))
                    event.kind = line.mid(7);
                else if (line.startsWith("data: "))
                    event.data = QJsonDocument::fromJson(line.mid(6)).object();
            }
            if (comment)
                ++comments;
            else
                events.append(event);
        }
    }

    QByteArray m_pending;
};

Config configIn(const QString &dataDir)
{
    return EngineFixture::simulatorConfig(dataDir);
}

bool hasFinalCall(const EventStreamClient &client, const QString &sid)
{
    for (const StreamEvent &e : client.events) {
        if (e.kind == "call" && e.data.value(QStringLiteral("call_sid")).toString() == sid &&
            e.data.value(QStringLiteral("status")).toString() == QLatin1String("completed") &&
            e.data.value(QStringLiteral("outcome")).toString() == QLatin1String("acknowledged"))
            return true;
    }
    return false;
}

// A notification event, closed, one of whose attempts is the call `sid`.
bool hasClosedNotificationOf(const EventStreamClient &client, const QString &sid)
{
    for (const StreamEvent &e : client.events) {
        if (e.kind != "notification" ||
            e.data.value(QStringLiteral("state")).toString() != QLatin1String("closed"))
            continue;
        for (const QJsonValue &attempt : e.data.value(QStringLiteral("attempts")).toArray()) {
            if (attempt.toObject().value(QStringLiteral("call_sid")).toString() == sid)
                return true;
        }
    }
    return false;
}

bool strictlyIncreasing(const QList<qint64> &ids)
{
    for (qsizetype i = 1; i < ids.size(); ++i) {
        if (ids.at(i) <= ids.at(i - 1))
            return false;
    }
    return true;
}

QString idsText(const QList<qint64> &ids)
{
    QStringList text;
    for (qint64 id : ids)
        text.append(QString::number(id));
    return text.join(QLatin1Char(','));
}

// The latest change id the store gave.
qint64 latestChange(EngineFixture &engine)
{
    return engine.engine().store()->changeRange().value().latest;
}

} // namespace

class TestEventStream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachStoredChangeArrivesOnceInOrder()
    {
        EngineFixture engine;
        QVERIFY2(engine.started(), qPrintable(engine.startError()));
        EventStreamClient stream;
        QVERIFY(stream.open(engine.engine().server()->port(), engine.http.bearerToken));
        // A literal segment, so not the notification called "events".
        QCOMPARE(stream.status(), 200);
        QCOMPARE(stream.header("Content-Type"), QByteArray("text/event-stream"));
        QVERIFY(stream.header("Content-Length").isEmpty());

        const QString sid = engine.placeCall(QStringLiteral("+15555550101"), QStringLiteral("SSE"));
        QVERIFY(!sid.isEmpty());
        QVERIFY2(stream.waitUntil([&] {
            return hasFinalCall(stream, sid) && hasClosedNotificationOf(stream, sid);
        }),
                 qPrintable(idsText(stream.ids())));
        QVERIFY(strictlyIncreasing(stream.ids()));
        // Every change stored since the stream opened, and nothing else.
        QVERIFY(stream.waitUntil([&] { return stream.lastId() == latestChange(engine); }));
        const auto stored =
            engine.engine().store()->changes(stream.ids().first() - 1, stream.lastId(), 10000);
        QVERIFY(stored.ok());
        QList<qint64> storedIds;
        for (const StoredChange &change : stored.value())
            storedIds.append(change.id);
        QCOMPARE(stream.ids(), storedIds);
    }

    void aResumedStreamHasNoGapAndNoDuplicate()
    {
        EngineFixture engine;
        QVERIFY2(engine.started(), qPrintable(engine.startError()));
        const quint16 port = engine.engine().server()->port();
        const QByteArray token = engine.http.bearerToken;

        auto first = std::make_unique<EventStreamClient>();
        QVERIFY(first->open(port, token));
        const QString one = engine.placeCall(QStringLiteral("+15555550101"), QStringLiteral("1"));
        QVERIFY(!one.isEmpty());
        // Dropped mid-way: after the first few events, while the call goes on.
        QVERIFY(first->waitUntil([&] { return first->events.size() >= 2; }));
        const QList<qint64> before = first->ids();
        first->socket.abort();
        first.reset();

        const QString two = engine.placeCall(QStringLiteral("+15555550102"), QStringLiteral("2"));
        QVERIFY(!two.isEmpty());
        QVERIFY(!engine.waitForFinal(one).isEmpty());
        QVERIFY(!engine.waitForFinal(two).isEmpty());

        EventStreamClient resumed;
        QVERIFY(resumed.open(port, token, QByteArray::number(before.last())));
        QCOMPARE(resumed.status(), 200);
        EventStreamClient replay;
        QVERIFY(replay.open(port, token, "0"));
        QCOMPARE(replay.status(), 200);
        // Both reach the latest change, and more that come meanwhile reach both.
        QVERIFY(resumed.waitUntil([&] {
            return resumed.lastId() == latestChange(engine) &&
                   replay.waitUntil([&] { return replay.lastId() == resumed.lastId(); }, 0);
        }));

        QList<qint64> expected;
        for (qint64 id : replay.ids()) {
            if (id >= before.first())
                expected.append(id);
        }
        const QList<qint64> seen = before + resumed.ids();
        QVERIFY2(seen == expected,
                 qPrintable(
                     QStringLiteral("seen %1\nexpected %2").arg(idsText(seen), idsText(expected))));
        QVERIFY(strictlyIncreasing(replay.ids()));
        QCOMPARE(replay.ids().first(), 1);
    }

    void resumingSurvivesARestartOnTheSameFile()
    {
        QTemporaryDir dir;
        qint64 lastSeen = -1;
        qint64 latestBefore = -1;
        {
            EngineFixture engine(configIn(dir.path()));
            QVERIFY2(engine.started(), qPrintable(engine.startError()));
            EventStreamClient stream;
            QVERIFY(stream.open(engine.engine().server()->port(), engine.http.bearerToken));
            const QString sid =
                engine.placeCall(QStringLiteral("+15555550101"), QStringLiteral("before"));
            QVERIFY(stream.waitUntil([&] { return stream.events.size() >= 2; }));
            lastSeen = stream.lastId();
            stream.socket.abort();
            QVERIFY(!engine.waitForFinal(sid).isEmpty());
            latestBefore = latestChange(engine);
            QVERIFY(latestBefore > lastSeen);
        }
        EngineFixture engine(configIn(dir.path()));
        QVERIFY2(engine.started(), qPrintable(engine.startError()));
        const QString sid =
            engine.placeCall(QStringLiteral("+15555550101"), QStringLiteral("after"));
        QVERIFY(!engine.waitForFinal(sid).isEmpty());

        EventStreamClient resumed;
        QVERIFY(resumed.open(engine.engine().server()->port(), engine.http.bearerToken,
                             QByteArray::number(lastSeen)));
        QVERIFY(resumed.waitUntil([&] { return resumed.lastId() == latestChange(engine); }));
        QList<qint64> expected;
        for (qint64 id = lastSeen + 1; id <= latestChange(engine); ++id)
            expected.append(id);
        QCOMPARE(resumed.ids(), expected);
        QVERIFY(resumed.ids().contains(latestBefore));
        QVERIFY(hasFinalCall(resumed, sid));
    }

    void anIdTheLogNoLongerHoldsStartsWithAReset()
    {
        EngineFixture engine;
        QVERIFY2(engine.started(), qPrintable(engine.startError()));
        const QString sid = engine.placeCall(QStringLiteral("+15555550101"), QStringLiteral("old"));
        QVERIFY(!engine.waitForFinal(sid).isEmpty());
        CallStore *store = engine.engine().store();
        const qint64 latest = latestChange(engine);
        QVERIFY(latest > 3);
        // All but the newest two pruned.
        QVERIFY(store->pruneChanges(QDateTime::currentDateTimeUtc().addDays(-1), 2).ok());
        QCOMPARE(store->changeRange().value().oldest, latest - 1);

        EventStreamClient stream;
        QVERIFY(stream.open(engine.engine().server()->port(), engine.http.bearerToken, "1"));
        QVERIFY(stream.waitUntil([&] { return stream.lastId() == latest; }));
        QCOMPARE(stream.events.first().kind, QByteArray("reset"));
        QCOMPARE(stream.events.first().data.value(QStringLiteral("resumed_after")).toInteger(),
                 latest - 2);
        QCOMPARE(stream.ids(), (QList<qint64>{latest - 1, latest}));

        // An id this store never gave: a reset, then only what comes from now on.
        EventStreamClient stranger;
        QVERIFY(stranger.open(engine.engine().server()->port(), engine.http.bearerToken,
                              QByteArray::number(latest + 1000)));
        QVERIFY(stranger.waitUntil([&] { return !stranger.events.isEmpty(); }));
        QCOMPARE(stranger.events.first().kind, QByteArray("reset"));
        QCOMPARE(stranger.events.first().data.value(QStringLiteral("resumed_after")).toInteger(),
                 latest);
    }

    void aQuietStreamGetsKeepAlivesAndOutlivesTheRequestTimeout()
    {
        Config config = EngineFixture::simulatorConfig({});
        config.eventStreamKeepAliveSeconds = 1;
        config.requestLimits.clientTimeoutMs = 500;
        EngineFixture engine(config);
        QVERIFY2(engine.started(), qPrintable(engine.startError()));
        EventStreamClient stream;
        QVERIFY(stream.open(engine.engine().server()->port(), engine.http.bearerToken));
        QCOMPARE(stream.status(), 200);
        QVERIFY(stream.waitUntil([&] { return stream.comments >= 2; }, 5000));
        QVERIFY(!stream.closedByServer());
        QVERIFY(stream.events.isEmpty());
    }

    void streamsBeyondTheLimitAreRefused()
    {
        Config config = EngineFixture::simulatorConfig({});
        config.maxEventStreams = 2;
        EngineFixture engine(config);
        QVERIFY2(engine.started(), qPrintable(engine.startError()));
        const quint16 port = engine.engine().server()->port();
        const QByteArray token = engine.http.bearerToken;
        EventStreamClient a, b, c;
        QVERIFY(a.open(port, token));
        QVERIFY(b.open(port, token));
        QCOMPARE(a.status(), 200);
        QCOMPARE(b.status(), 200);
        QVERIFY(c.open(port, token));
        QCOMPARE(c.status(), 503);
        QCOMPARE(c.header("Retry-After"), QByteArray("5"));
        QVERIFY(c.waitUntil([&] { return c.body.contains("Too many event streams"); }, 5000));

        // A client that leaves frees its place.
        a.socket.disconnectFromHost();
        EventStreamClient d;
        QVERIFY(QTest::qWaitFor(
            [&] {
                d.socket.abort();
                d.head.clear();
                return d.open(port, token) && d.status() == 200;
            },
            5000));
    }

    void aStreamNeedsTheTokenAndAWholeNumber()
    {
        EngineFixture engine;
        QVERIFY2(engine.started(), qPrintable(engine.startError()));
        EventStreamClient stranger;
        QVERIFY(stranger.open(engine.engine().server()->port(), {}));
        QCOMPARE(stranger.status(), 401);
        EventStreamClient bad;
        QVERIFY(bad.open(engine.engine().server()->port(), engine.http.bearerToken, "abc"));
        QCOMPARE(bad.status(), 422);
    }

    void stoppingTheServerEndsItsStreams()
    {
        EngineFixture engine;
        QVERIFY2(engine.started(), qPrintable(engine.startError()));
        EventStreamClient stream;
        QVERIFY(stream.open(engine.engine().server()->port(), engine.http.bearerToken));
        QCOMPARE(stream.status(), 200);
        engine.engine().stop(0);
        QVERIFY(stream.waitUntil([&] { return stream.closedByServer(); }, 5000));
    }
};

QTEST_GUILESS_MAIN(TestEventStream)
#include "TestEventStream.moc"
