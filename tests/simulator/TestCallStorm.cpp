// A storm of calls placed at once through the real path: API, CallService, TwilioClient, the
// simulator over loopback HTTP, its signed webhooks, the SQLite file. Nothing may be lost.
#include "EngineFixture.h"

#include "calls/CallService.h"
#include "calls/CallStatus.h"
#include "calls/CallStore.h"
#include "simulator/ScriptedNumbers.h"
#include "simulator/TwilioSimulator.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using namespace flux;
using namespace flux::test;

namespace {
// Enough that, when the simulator let QNetworkAccessManager queue its webhooks, some waited
// there past their time limit and never reached the app.
constexpr int StormCalls = 400;
// Enough that the calls overlap and end in every way the scripts end.
constexpr int RetainedCalls = 300;

struct Expected
{
    QString number;
    QString status;
    int statusEvents; // callbacks for initiated, ringing, answered, completed as reached
    QString outcome;
};

const QList<Expected> &scripts()
{
    static const QList<Expected> list = {
        {ScriptedNumbers::PressesOne, CallStatus::Completed, 4, CallOutcome::Acknowledged},
        {ScriptedNumbers::PressesTwo, CallStatus::Completed, 4, CallOutcome::NotAcknowledged},
        {ScriptedNumbers::Busy, CallStatus::Busy, 2, CallOutcome::NotAcknowledged},
        {ScriptedNumbers::NeverAnswers, CallStatus::NoAnswer, 3, CallOutcome::NotAcknowledged},
        {ScriptedNumbers::Fails, CallStatus::Failed, 2, CallOutcome::NotAcknowledged},
    };
    return list;
}
} // namespace

class TestCallStorm : public QObject
{
    Q_OBJECT

    // Posts `count` calls through the API, one connection per call, all opened at once, as many
    // separate scripts would: every create reaches the server before the first is answered.
    // Cycles through scripts(); returns how many were answered 201.
    int placeAtOnce(EngineFixture &fixture, int count)
    {
        const quint16 port = QUrl(fixture.engine().listenUrl()).port();
        int created = 0;
        int refused = 0;
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < count; ++i) {
            const QByteArray body =
                QJsonDocument(
                    QJsonObject{
                        {QStringLiteral("phone_number"), scripts().at(i % scripts().size()).number},
                        {QStringLiteral("task_title"), QStringLiteral("Storm %1").arg(i)},
                        {QStringLiteral("task_id"), QString::number(i)}})
                    .toJson(QJsonDocument::Compact);
            const QByteArray request = "POST /notifications/call HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                       "Authorization: Bearer " +
                                       fixture.engine().apiToken() +
                                       "\r\nContent-Type: application/json\r\n"
                                       "Connection: close\r\nContent-Length: " +
                                       QByteArray::number(body.size()) + "\r\n\r\n" + body;
            auto *socket = sockets.emplace_back(std::make_unique<QTcpSocket>()).get();
            connect(socket, &QTcpSocket::connected, this,
                    [socket, request] { socket->write(request); });
            connect(socket, &QTcpSocket::disconnected, this, [socket, &created, &refused] {
                if (socket->readAll().startsWith("HTTP/1.1 201 "))
                    ++created;
                else
                    ++refused;
            });
            socket->connectToHost(QHostAddress::LocalHost, port);
        }
        if (!QTest::qWaitFor([&] { return created + refused == count; }, 120000))
            qWarning() << "only" << created + refused << "of" << count << "creates answered";
        return created;
    }

    // The number of calls in the store with a final status.
    static int finalCalls(CallStore *store, int atMost)
    {
        const auto calls = store->recentCalls(atMost);
        int count = 0;
        for (const CallRecord &call : calls ? calls.value() : QList<CallRecord>())
            count += CallStatus::isFinal(call.status) ? 1 : 0;
        return count;
    }

private Q_SLOTS:
    void everyCallOfAStormIsStoredWithEveryCallbackAndAcknowledgment()
    {
        // The webhook time limit is at its 2 s floor at this speed, the tightest it gets.
        Config config = EngineFixture::simulatorConfig({}, 200.0);
        config.callRateLimits = {0, 0};
        config.ratePerNumber = 0; // a storm of calls to a few scripted numbers
        config.requestLimits.maxConnections = StormCalls + 16;
        EngineFixture fixture(config);
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));

        QCOMPARE(placeAtOnce(fixture, StormCalls), StormCalls);

        CallStore *store = fixture.engine().store();
        QTRY_COMPARE_WITH_TIMEOUT(finalCalls(store, StormCalls * 2), StormCalls, 120000);
        // The final callback is each call's last, so every webhook has been answered by now.
        QTRY_VERIFY_WITH_TIMEOUT(fixture.engine().calls()->createsInFlight() == 0, 10000);

        const auto stored = store->recentCalls(StormCalls * 2);
        QVERIFY(stored);
        const QList<CallRecord> calls = stored.value();
        QCOMPARE(calls.size(), StormCalls);
        QVERIFY(store->pendingCalls().value().isEmpty());
        QSet<QString> tasks;
        int acknowledged = 0;
        for (const CallRecord &call : calls) {
            tasks.insert(call.taskId);
            const auto script =
                std::find_if(scripts().cbegin(), scripts().cend(),
                             [&call](const Expected &each) { return each.number == call.to; });
            QVERIFY2(script != scripts().cend(), qPrintable(call.to));
            QCOMPARE(call.status, script->status);
            QCOMPARE(call.outcome, script->outcome);
            const auto events = store->events(call.sid);
            QVERIFY(events);
            int statusEvents = 0;
            for (const CallEvent &event : events.value())
                statusEvents += event.kind == CallEvent::Kind::Status ? 1 : 0;
            QCOMPARE(statusEvents, script->statusEvents);
            acknowledged += call.outcome == CallOutcome::Acknowledged ? 1 : 0;
        }
        QCOMPARE(tasks.size(), StormCalls);
        QCOMPARE(acknowledged, StormCalls / int(scripts().size()));
    }

    void endedCallsAreKeptAsSmallRecordsThatTwiliosApiStillReads()
    {
        Config config = EngineFixture::simulatorConfig({}, 200.0);
        config.callRateLimits = {0, 0};
        config.ratePerNumber = 0; // a storm of calls to a few scripted numbers
        config.requestLimits.maxConnections = RetainedCalls + 16;
        EngineFixture fixture(config);
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        TwilioSimulator *simulator = fixture.engine().simulator();
        QVERIFY(simulator);

        QCOMPARE(placeAtOnce(fixture, RetainedCalls), RetainedCalls);
        CallStore *store = fixture.engine().store();
        QTRY_COMPARE_WITH_TIMEOUT(finalCalls(store, RetainedCalls * 2), RetainedCalls, 120000);
        // Every call has ended and had its callbacks answered: none is kept whole any more.
        QTRY_COMPARE_WITH_TIMEOUT(simulator->liveCallCount(), 0, 30000);
        QCOMPARE(simulator->endedCallCount(), RetainedCalls);
        QCOMPARE(simulator->callsJson().size(), RetainedCalls);

        // Each still reads over Twilio's REST API with the status and duration the app stored
        // from its final callback.
        QNetworkAccessManager network;
        const QByteArray credentials =
            "Basic " + QByteArray(simulator->accountSid().toLatin1() + ':' + simulator->authToken())
                           .toBase64();
        const auto calls = store->recentCalls(RetainedCalls * 2);
        QVERIFY(calls);
        QCOMPARE(calls.value().size(), RetainedCalls);
        int answered = 0;
        for (const CallRecord &call : calls.value()) {
            QNetworkRequest request(
                QUrl(simulator->baseUrl() + QStringLiteral("/2010-04-01/Accounts/%1/Calls/%2.json")
                                                .arg(simulator->accountSid(), call.sid)));
            request.setRawHeader("Authorization", credentials);
            std::unique_ptr<QNetworkReply> reply(network.get(request));
            QSignalSpy finished(reply.get(), &QNetworkReply::finished);
            QVERIFY(finished.wait(10000));
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            const QJsonObject resource = QJsonDocument::fromJson(reply->readAll()).object();
            QCOMPARE(resource.value(QStringLiteral("sid")).toString(), call.sid);
            QCOMPARE(resource.value(QStringLiteral("status")).toString(), call.status);
            QCOMPARE(resource.value(QStringLiteral("to")).toString(), call.to);
            QCOMPARE(resource.value(QStringLiteral("duration")).toString(),
                     QString::number(call.durationSeconds));
            QVERIFY(!resource.value(QStringLiteral("end_time")).toString().isEmpty());
            answered += call.status == CallStatus::Completed ? 1 : 0;
        }
        // The scripts that answer: presses 1 and presses 2.
        QCOMPARE(answered, 2 * RetainedCalls / int(scripts().size()));
    }
};

QTEST_GUILESS_MAIN(TestCallStorm)
#include "TestCallStorm.moc"
