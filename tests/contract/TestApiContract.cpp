// TestApiContract: the engine's real answers checked by Prism against the engine's own
// /openapi.json: Prism proxies each request to a real engine (simulator mode, loopback) and
// reports in sl-violations any answer the document does not describe.
#include "EngineFixture.h"
#include "OutcomeReceiver.h"
#include "PrismServer.h"

#include "simulator/TwilioSimulator.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace flux;
using namespace flux::test;

namespace {

// Prism's findings, as "request: ..." or "response: ..." lines.
QStringList violations(const HttpResult &result, const QString &side = {})
{
    QStringList found;
    for (const auto &[name, value] : result.headers) {
        if (name.compare("sl-violations", Qt::CaseInsensitive) != 0)
            continue;
        for (const QJsonValue &item : QJsonDocument::fromJson(value).array()) {
            const QJsonObject violation = item.toObject();
            const QString where =
                violation.value(QStringLiteral("location")).toArray().first().toString();
            if (side.isEmpty() || where == side)
                found.append(where + QStringLiteral(": ") +
                             violation.value(QStringLiteral("message")).toString());
        }
    }
    return found;
}

} // namespace

class TestApiContract : public QObject
{
    Q_OBJECT

    std::unique_ptr<EngineFixture> m_engine;
    QTemporaryDir m_dir;
    std::unique_ptr<PrismServer> m_prism;

    QString prismLog() const { return m_prism ? m_prism->log() : QString(); }
    QString via(const QString &path) const { return m_prism->url() + path; }

    // The answer has `status` and Prism found nothing in it the document does not describe;
    // with `validRequest`, nothing in the request either.
    void expectDescribed(const HttpResult &result, int status, bool validRequest = true)
    {
        QVERIFY2(result.status == status,
                 qPrintable(QStringLiteral("%1 %2\n%3")
                                .arg(result.status)
                                .arg(QString::fromUtf8(result.body), prismLog())));
        const QStringList found =
            violations(result, validRequest ? QString() : QStringLiteral("response"));
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_engine = std::make_unique<EngineFixture>();
        QVERIFY2(m_engine->started(), qPrintable(m_engine->startError()));
        const HttpResult document =
            m_engine->http.get(m_engine->url(QStringLiteral("/openapi.json")));
        QCOMPARE(document.status, 200);
        const QString documentPath = m_dir.filePath(QStringLiteral("openapi.json"));
        QFile file(documentPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(document.body);
        file.close();

        // The engine's event loop runs while Prism starts, as it must for Prism's requests to be
        // answered later.
        m_prism = std::make_unique<PrismServer>();
        const QString failed =
            m_prism->start(QStringLiteral("proxy"), {documentPath, m_engine->engine().listenUrl()});
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }

    void cleanupTestCase()
    {
        m_prism.reset();
        m_engine.reset();
    }

    void placingReadingAndListingCallsAnswerAsDocumented()
    {
        LoopbackClient &http = m_engine->http;
        const HttpResult created =
            http.postJson(via(QStringLiteral("/notifications/call")),
                          {{QStringLiteral("phone_number"), QStringLiteral("+15555550101")},
                           {QStringLiteral("task_title"), QStringLiteral("Contract check")},
                           {QStringLiteral("task_id"), QStringLiteral("C-1")}});
        expectDescribed(created, 201);
        const QString sid = created.json().value(QStringLiteral("call_sid")).toString();
        QVERIFY(!m_engine->waitForFinal(sid).isEmpty());

        expectDescribed(http.get(via(QStringLiteral("/notifications/call/") + sid)), 200);
        expectDescribed(http.get(via(QStringLiteral("/notifications/calls?limit=5"))), 200);
        expectDescribed(http.get(via(QStringLiteral("/notifications/call/CAunknown"))), 404);
    }

    void refusalsAnswerAsDocumented()
    {
        LoopbackClient &http = m_engine->http;
        // The requests break the document on purpose; the answers must still be described.
        expectDescribed(http.postJson(via(QStringLiteral("/notifications/call")),
                                      {{QStringLiteral("task_title"), QStringLiteral("x")}}),
                        422, false);
        expectDescribed(http.get(via(QStringLiteral("/notifications/calls?limit=0"))), 422, false);
        LoopbackClient stranger;
        expectDescribed(stranger.get(via(QStringLiteral("/notifications/calls"))), 401, false);
        expectDescribed(stranger.post(via(QStringLiteral("/notifications/call/status")),
                                      "CallSid=CA1&CallStatus=completed",
                                      "application/x-www-form-urlencoded"),
                        403, false);
    }

    void theEventStreamsRefusalsAnswerAsDocumented()
    {
        // Prism reads an answer to its end, and a stream has none: its 200 (head, events,
        // resumption) is TestEventStream's; here the answers that end are checked.
        LoopbackClient stranger;
        expectDescribed(stranger.get(via(QStringLiteral("/notifications/events"))), 401, false);
        expectDescribed(m_engine->http.get(via(QStringLiteral("/notifications/events")),
                                           {{QByteArrayLiteral("Last-Event-ID"),
                                             QByteArrayLiteral("not-a-number")}}),
                        422, false);
        expectDescribed(
            m_engine->http.get(via(QStringLiteral("/notifications/events?last_event_id=x"))), 422,
            false);
    }

    void aSignedStatusCallbackAnswersAsDocumented()
    {
        const QString sid = m_engine->placeCall(QStringLiteral("+15555550102"),
                                                QStringLiteral("Callback contract"));
        QVERIFY(!sid.isEmpty());
        const QString path = QStringLiteral("/notifications/call/status");
        const HttpResult result = m_engine->http.postSignedForm(
            via(path),
            {{QStringLiteral("CallSid"), sid},
             {QStringLiteral("CallStatus"), QStringLiteral("ringing")},
             {QStringLiteral("SequenceNumber"), QStringLiteral("0")}},
            m_engine->engine().simulator()->authToken(), m_engine->engine().publicBaseUrl() + path);
        // Signatures are not Prism's to check, so the request itself passes too.
        expectDescribed(result, 200, false);
        QVERIFY(violations(result, QStringLiteral("response")).isEmpty());
    }

    void notificationsAndTheirOutcomeWebhookAnswerAsDocumented()
    {
        LoopbackClient &http = m_engine->http;
        OutcomeReceiver receiver;
        receiver.script = {500};
        const HttpResult created =
            http.postJson(via(QStringLiteral("/notifications/call")),
                          {{QStringLiteral("phone_number"), QStringLiteral("+15555550101")},
                           {QStringLiteral("task_title"), QStringLiteral("Outcome contract")},
                           {QStringLiteral("callback_url"), receiver.url()}});
        expectDescribed(created, 201);
        const QString id = created.json().value(QStringLiteral("notification_id")).toString();
        const QString show = QStringLiteral("/notifications/") + id;
        // Closed, tried once (500) and once more (200): deliveries with tries of both kinds.
        QTRY_VERIFY_WITH_TIMEOUT(receiver.posts.size() == 2 &&
                                     http.get(m_engine->url(show))
                                             .json()
                                             .value(QStringLiteral("deliveries"))
                                             .toArray()
                                             .first()
                                             .toObject()
                                             .value(QStringLiteral("state"))
                                             .toString() == QLatin1String("delivered"),
                                 60000);
        expectDescribed(http.get(via(show)), 200);
        expectDescribed(http.get(via(QStringLiteral("/notifications?limit=5"))), 200);
        expectDescribed(http.post(via(show + QStringLiteral("/deliver")), {}, "application/json"),
                        202);
        expectDescribed(http.post(via(QStringLiteral("/notifications/NOunknown/deliver")), {},
                                  "application/json"),
                        404);
        expectDescribed(
            http.postJson(
                via(QStringLiteral("/notifications/call")),
                {{QStringLiteral("phone_number"), QStringLiteral("+15555550101")},
                 {QStringLiteral("task_title"), QStringLiteral("x")},
                 {QStringLiteral("callback_url"), QStringLiteral("ftp://example.com/x")}}),
            422, false);
    }

    void healthAndTheDocumentsAnswerAsDocumented()
    {
        LoopbackClient stranger;
        expectDescribed(stranger.get(via(QStringLiteral("/healthz"))), 200);
        expectDescribed(stranger.get(via(QStringLiteral("/openapi.json"))), 200);
        expectDescribed(stranger.get(via(QStringLiteral("/docs"))), 200);
    }

    // Last: it stops the engine. Prism reads an answer to its end, and a stream ends when the
    // server stops, so the stream's head and the events replayed from the store are checked then.
    void theEventStreamAnswersAsDocumentedUntilTheServerStops()
    {
        QTimer::singleShot(1500, &m_engine->engine(), [this] { m_engine->engine().stop(0); });
        const HttpResult result =
            m_engine->http.get(via(QStringLiteral("/notifications/events?last_event_id=0")));
        expectDescribed(result, 200);
        QVERIFY(result.contentType.startsWith("text/event-stream"));
        QVERIFY2(result.body.contains("\nevent: call\ndata: {"), result.body.constData());
    }
};

QTEST_GUILESS_MAIN(TestApiContract)
#include "TestApiContract.moc"
