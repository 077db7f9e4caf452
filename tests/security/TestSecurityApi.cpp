// Attacks on the scripted API (POST /notifications/call and the reads), and what each gets,
// including reaching it through the webhooks' public listener.
// Every attack runs against a real engine over loopback HTTP; "nothing happens" is checked in
// the store and at the simulated Twilio, not only in the answer.
#include "EngineFixture.h"
#include "RawHttpClient.h"

#include "api/ApiServer.h"
#include "calls/CallStore.h"
#include "simulator/TwilioSimulator.h"

#include <QTest>

using namespace flux;
using namespace flux::test;

namespace {

const QJsonObject CallBody{{QStringLiteral("phone_number"), QStringLiteral("+15555550104")},
                           {QStringLiteral("task_title"), QStringLiteral("Rotate the keys")}};

int storedCalls(EngineFixture &fixture)
{
    return int(fixture.engine().store()->recentCalls(1000).value().size());
}

int simulatedCalls(EngineFixture &fixture)
{
    LoopbackClient http;
    return int(http.get(fixture.engine().simulator()->baseUrl() + QStringLiteral("/sim/calls"))
                   .jsonArray()
                   .size());
}

// POST /notifications/call on a raw connection, so the client's own address can be chosen.
QByteArray rawCreate(const QByteArray &token, const QByteArray &extraHeaders = {})
{
    const QByteArray body = QJsonDocument(CallBody).toJson(QJsonDocument::Compact);
    return "POST /notifications/call HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/json\r\nAuthorization: Bearer " +
           token + "\r\n" + extraHeaders + "Content-Length: " + QByteArray::number(body.size()) +
           "\r\n\r\n" + body;
}

int createFrom(EngineFixture &fixture, const QHostAddress &from, QByteArray *answer = nullptr,
               const QByteArray &extraHeaders = {})
{
    RawHttpClient client;
    if (!client.connectTo(fixture.engine().server()->port(), from) ||
        !client.send(rawCreate(fixture.engine().apiToken(), extraHeaders)))
        return 0;
    const QByteArray received = client.readAnswer(10000);
    if (answer)
        *answer = received;
    return RawHttpClient::status(received);
}

QByteArray headerOf(const HttpResult &result, const QByteArray &name)
{
    for (const auto &[key, value] : result.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

Config withRates(int perClient, int total)
{
    Config config = EngineFixture::simulatorConfig({});
    config.callRateLimits = {perClient, total};
    return config;
}

} // namespace

class TestSecurityApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void withoutATokenEveryApiRouteIs401AndNothingHappens_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::newRow("place a call") << QByteArray("POST") << "/notifications/call";
        QTest::newRow("read a call") << QByteArray("GET") << "/notifications/call/CA0123";
        QTest::newRow("list calls") << QByteArray("GET") << "/notifications/calls";
    }
    void withoutATokenEveryApiRouteIs401AndNothingHappens()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        LoopbackClient stranger; // no token
        const HttpResult result = verb == "POST" ? stranger.postJson(fixture.url(path), CallBody)
                                                 : stranger.get(fixture.url(path));
        QCOMPARE(result.status, 401);
        QCOMPARE(result.json().value(QStringLiteral("detail")).toString(),
                 QStringLiteral("Not authenticated"));
        QCOMPARE(headerOf(result, "WWW-Authenticate"), QByteArray("Bearer"));
        QCOMPARE(storedCalls(fixture), 0);
        QCOMPARE(simulatedCalls(fixture), 0);
    }

    void wrongTokensAre401AndNeverEchoed_data()
    {
        QTest::addColumn<QByteArray>("headerName");
        QTest::addColumn<QByteArray>("headerValue"); // %T stands for the real token
        QTest::addColumn<QString>("query");
        QTest::newRow("last character changed")
            << QByteArray("Authorization") << QByteArray("Bearer %T~") << QString();
        QTest::newRow("only a prefix")
            << QByteArray("Authorization") << QByteArray("Bearer %P") << QString();
        QTest::newRow("token plus a character")
            << QByteArray("Authorization") << QByteArray("Bearer %Tx") << QString();
        QTest::newRow("another token of the same length")
            << QByteArray("Authorization") << QByteArray("Bearer %O") << QString();
        QTest::newRow("as Basic password")
            << QByteArray("Authorization") << QByteArray("Basic %B") << QString();
        QTest::newRow("without a scheme")
            << QByteArray("Authorization") << QByteArray("%T") << QString();
        QTest::newRow("scheme without token")
            << QByteArray("Authorization") << QByteArray("Bearer ") << QString();
        QTest::newRow("in another header")
            << QByteArray("X-Api-Token") << QByteArray("%T") << QString();
        QTest::newRow("in the query") << QByteArray() << QByteArray() << "?api_token=%T";
    }
    void wrongTokensAre401AndNeverEchoed()
    {
        QFETCH(QByteArray, headerName);
        QFETCH(QByteArray, headerValue);
        QFETCH(QString, query);
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const QByteArray token = fixture.engine().apiToken();
        QByteArray other = token;
        other[0] = other.at(0) == 'A' ? 'B' : 'A';
        const auto expand = [&](QByteArray text) {
            return text.replace("%T", token)
                .replace("%P", token.left(token.size() / 2))
                .replace("%O", other)
                .replace("%B", QByteArray("flux:" + token).toBase64());
        };
        LoopbackClient stranger;
        LoopbackClient::Headers headers;
        if (!headerName.isEmpty())
            headers.append({headerName, expand(headerValue)});
        const HttpResult result =
            stranger.post(fixture.url(QStringLiteral("/notifications/call") +
                                      QString::fromLatin1(expand(query.toLatin1()))),
                          QJsonDocument(CallBody).toJson(), "application/json", headers);
        QCOMPARE(result.status, 401);
        QVERIFY(headerOf(result, "WWW-Authenticate").startsWith("Bearer"));
        QVERIFY(!result.body.contains(token.left(token.size() / 2)));
        for (const auto &[name, value] : result.headers)
            QVERIFY(!value.contains(token.left(token.size() / 2)));
        QCOMPARE(storedCalls(fixture), 0);
    }

    void theRightTokenIsAcceptedWhateverTheSchemesCase()
    {
        EngineFixture fixture;
        QVERIFY(fixture.started());
        LoopbackClient client;
        const HttpResult result =
            client.get(fixture.url(QStringLiteral("/notifications/calls")),
                       {{"Authorization", "bearer " + fixture.engine().apiToken()}});
        QCOMPARE(result.status, 200);
    }

    void aGeneratedTokenIsOfferedToTheUiOnlyOnTheStartThatMadeIt()
    {
        QTemporaryDir dataDir;
        const Config config = EngineFixture::simulatorConfig(dataDir.path());
        QByteArray generated;
        {
            EngineFixture first(config);
            QVERIFY(first.started());
            generated = first.engine().newlyGeneratedApiToken();
            QVERIFY(generated.size() >= 43);
            QCOMPARE(first.engine().apiToken(), generated);
        }
        EngineFixture again(config);
        QVERIFY(again.started());
        QVERIFY(again.engine().newlyGeneratedApiToken().isEmpty());
        QCOMPARE(again.engine().apiToken(), generated);

        Config chosen = config;
        chosen.apiToken = "chosen-by-the-operator-0042";
        EngineFixture configured(chosen);
        QVERIFY(configured.started());
        QVERIFY(configured.engine().newlyGeneratedApiToken().isEmpty());
        QCOMPARE(configured.engine().apiToken(), chosen.apiToken);
        LoopbackClient stale;
        stale.bearerToken = generated; // the file's token no longer opens the API
        QCOMPARE(stale.get(configured.url(QStringLiteral("/notifications/calls"))).status, 401);
    }

    void healthzNeedsNoTokenAndRevealsNoSecret()
    {
        EngineFixture fixture;
        QVERIFY(fixture.started());
        LoopbackClient stranger;
        const HttpResult result = stranger.get(fixture.url(QStringLiteral("/healthz")));
        QCOMPARE(result.status, 200);
        QVERIFY(!result.body.contains(fixture.engine().apiToken()));
        QVERIFY(!result.body.contains(fixture.engine().simulator()->authToken()));
    }

    void aClientOverItsRateIs429WithRetryAfterAndPlacesNoCall()
    {
        EngineFixture fixture(withRates(3, 0));
        QVERIFY(fixture.started());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(
                fixture.http.postJson(fixture.url(QStringLiteral("/notifications/call")), CallBody)
                    .status,
                201);
        const HttpResult refused =
            fixture.http.postJson(fixture.url(QStringLiteral("/notifications/call")), CallBody);
        QCOMPARE(refused.status, 429);
        const int retryAfter = headerOf(refused, "Retry-After").toInt();
        QVERIFY2(retryAfter >= 1 && retryAfter <= 20, QByteArray::number(retryAfter).constData());
        QVERIFY(refused.json()
                    .value(QStringLiteral("detail"))
                    .toString()
                    .contains(QStringLiteral("per minute")));
        QCOMPARE(storedCalls(fixture), 3);
        // Reading is not limited: a script may poll its calls.
        QCOMPARE(fixture.http.get(fixture.url(QStringLiteral("/notifications/calls"))).status, 200);
    }

    void anotherClientKeepsItsOwnAllowanceAndForwardedForIsNotAnotherClient()
    {
        EngineFixture fixture(withRates(2, 0));
        QVERIFY(fixture.started());
        const QHostAddress first(QStringLiteral("127.0.0.1"));
        const QHostAddress second(QStringLiteral("127.0.0.2"));
        QCOMPARE(createFrom(fixture, first), 201);
        QCOMPARE(createFrom(fixture, first), 201);
        QCOMPARE(createFrom(fixture, first), 429);
        // Headers are the client's to write: they never make it someone else.
        QCOMPARE(createFrom(fixture, first, nullptr,
                            "X-Forwarded-For: 198.51.100.7\r\nX-Real-IP: 198.51.100.7\r\n"
                            "Forwarded: for=198.51.100.7\r\n"),
                 429);
        QCOMPARE(createFrom(fixture, second), 201);
        QCOMPARE(storedCalls(fixture), 3);
    }

    void theOverallLimitHoldsForEveryClient()
    {
        EngineFixture fixture(withRates(0, 2));
        QVERIFY(fixture.started());
        QCOMPARE(createFrom(fixture, QHostAddress(QStringLiteral("127.0.0.1"))), 201);
        QCOMPARE(createFrom(fixture, QHostAddress(QStringLiteral("127.0.0.2"))), 201);
        QByteArray answer;
        QCOMPARE(createFrom(fixture, QHostAddress(QStringLiteral("127.0.0.3")), &answer), 429);
        QCOMPARE(RawHttpClient::header(answer, "Retry-After").toInt(), 30);
        QCOMPARE(storedCalls(fixture), 2);
    }

    void requestsWithoutTheTokenSpendNoneOfTheAllowance()
    {
        EngineFixture fixture(withRates(2, 2));
        QVERIFY(fixture.started());
        LoopbackClient stranger;
        for (int i = 0; i < 20; ++i)
            QCOMPARE(stranger.postJson(fixture.url(QStringLiteral("/notifications/call")), CallBody)
                         .status,
                     401);
        QCOMPARE(fixture.http.postJson(fixture.url(QStringLiteral("/notifications/call")), CallBody)
                     .status,
                 201);
        QCOMPARE(fixture.http.postJson(fixture.url(QStringLiteral("/notifications/call")), CallBody)
                     .status,
                 201);
    }

    void separateListenersKeepTheApiAndTheWebhooksApart()
    {
        Config config = EngineFixture::simulatorConfig({});
        config.separateWebhookListener = true;
        config.webhookListenAddress = QHostAddress(QHostAddress::LocalHost);
        config.webhookListenPort = 0;
        EngineFixture fixture(config);
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const QString api = fixture.engine().listenUrl();
        const QString hooks = fixture.engine().webhookListenUrl();
        QVERIFY(api != hooks);
        QCOMPARE(fixture.engine().publicBaseUrl(), hooks);

        LoopbackClient &http = fixture.http; // sends the API token
        QCOMPARE(http.get(api + QStringLiteral("/healthz")).status, 200);
        QCOMPARE(http.get(hooks + QStringLiteral("/healthz")).status, 200);
        // The API is not there on the webhook side, even with the token...
        QCOMPARE(http.get(hooks + QStringLiteral("/notifications/calls")).status, 404);
        QCOMPARE(http.postJson(hooks + QStringLiteral("/notifications/call"),
                               {{QStringLiteral("phone_number"), QStringLiteral("+15555550101")},
                                {QStringLiteral("task_title"), QStringLiteral("x")}})
                     .status,
                 404);
        // ...nor are the webhooks on the API side, even signed (405: GET /notifications/call/
        // {call_sid} is the only route there that the path fits).
        const QByteArray simToken = fixture.engine().simulator()->authToken();
        const FormParams form =
            FormParams{{QStringLiteral("CallSid"), QStringLiteral("CA1")},
                       {QStringLiteral("CallStatus"), QStringLiteral("completed")}};
        QCOMPARE(http.postSignedForm(api + QStringLiteral("/notifications/call/status"), form,
                                     simToken, hooks + QStringLiteral("/notifications/call/status"))
                     .status,
                 405);
        // And a whole call still works: Twilio's webhooks arrive on their own listener.
        const QString sid = fixture.placeCall(QStringLiteral("+15555550101"), QStringLiteral("Ok"));
        QVERIFY(!sid.isEmpty());
        QCOMPARE(fixture.waitForFinal(sid).value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("acknowledged"));
    }
};

QTEST_GUILESS_MAIN(TestSecurityApi)
#include "TestSecurityApi.moc"
