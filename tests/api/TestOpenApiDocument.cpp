// GET /openapi.json and /docs of a real engine in simulator mode, over loopback: the document
// lists exactly the routes the server serves, every operation in it is served, and the page
// shows every path. Its shape is TestOpenApiStructure's.
#include "EngineFixture.h"
#include "OpenApiMethods.h"

#include "api/ApiDescriptions.h"
#include "api/ApiServer.h"
#include "api/OpenApiDocument.h"
#include "simulator/TwilioSimulator.h"

#include <QJsonArray>
#include <QTest>

using namespace flux;
using namespace flux::test;

namespace {

// The router's own answers for a request no route takes: 404 {"detail": "Not Found"} or 405.
// A handler's 404 (an unknown call sid) says something else.
bool unrouted(const HttpResult &result)
{
    return result.status == 405 ||
           (result.status == 404 &&
            result.json().value(QStringLiteral("detail")).toString() == QLatin1String("Not Found"));
}

// The pattern with each {name} replaced by `values[name]` (or "x").
QString concrete(const QString &pattern, const QHash<QString, QString> &values)
{
    QString path = pattern;
    for (const QString &name : OpenApiDocument::pathParams(pattern))
        path.replace(QLatin1Char('{') + name + QLatin1Char('}'),
                     values.value(name, QStringLiteral("x")));
    return path;
}

// Sends the operation once, with its first documented body example if it has one.
HttpResult request(LoopbackClient &http, const QString &url, const QString &method,
                   const QJsonObject &op)
{
    const QJsonObject content = op.value(QStringLiteral("requestBody"))
                                    .toObject()
                                    .value(QStringLiteral("content"))
                                    .toObject();
    QByteArray body;
    QByteArray type;
    if (!content.isEmpty()) {
        type = content.keys().first().toLatin1();
        const QJsonObject example = content.value(content.keys().first())
                                        .toObject()
                                        .value(QStringLiteral("example"))
                                        .toObject();
        if (type == "application/json") {
            body = QJsonDocument(example).toJson(QJsonDocument::Compact);
        } else {
            FormParams form;
            for (auto it = example.begin(); it != example.end(); ++it)
                form.append({it.key(), it.value().toString()});
            body = FormEncoding::encode(form);
        }
    }
    LoopbackClient::Headers headers;
    if (!type.isEmpty())
        headers.append({"Content-Type", type});
    // A stream has no end to wait for: a Last-Event-ID it refuses shows the route all the same.
    const QJsonObject answers = op.value(QStringLiteral("responses")).toObject();
    if (answers.value(QStringLiteral("200"))
            .toObject()
            .value(QStringLiteral("content"))
            .toObject()
            .contains(QStringLiteral("text/event-stream")))
        headers.append({QByteArrayLiteral("Last-Event-ID"), QByteArrayLiteral("not-a-number")});
    return http.send(method.toUpper().toLatin1(), url, body, headers);
}

// A route with no handler, for the document alone.
Route described(const QString &pattern, const QString &operationId)
{
    return Route(HttpMethod::Get, pattern, Route::Access::Public, operationId,
                 QStringLiteral("A route"), {});
}

// One file, test.json, describing each of `operationIds` with an answer.
ApiDescriptions descriptionsOf(const QStringList &operationIds)
{
    QJsonObject operations;
    for (const QString &id : operationIds)
        operations.insert(id, QJsonObject{{QStringLiteral("responses"),
                                           QJsonObject{{QStringLiteral("200"),
                                                        QJsonObject{{QStringLiteral("description"),
                                                                     QStringLiteral("OK")}}}}}});
    ApiDescriptions descriptions;
    descriptions.add(QStringLiteral("test.json"),
                     QJsonObject{{QStringLiteral("operations"), operations}});
    return descriptions;
}

} // namespace

class TestOpenApiDocument : public QObject
{
    Q_OBJECT

    QJsonObject documentOf(EngineFixture &fixture, const QString &baseUrl)
    {
        LoopbackClient anonymous; // no token: the document is public
        const HttpResult result = anonymous.get(baseUrl + QStringLiteral("/openapi.json"));
        if (result.status != 200 || !result.contentType.startsWith("application/json")) {
            qWarning() << "GET /openapi.json answered" << result.status << result.contentType;
            return {};
        }
        Q_UNUSED(fixture);
        return result.json();
    }

    // Every operation the document at `baseUrl` lists, sent to `baseUrl`: none may be unrouted.
    void expectEveryOperationServed(EngineFixture &fixture, const QString &baseUrl,
                                    const QHash<QString, QString> &values)
    {
        const QJsonObject paths =
            documentOf(fixture, baseUrl).value(QStringLiteral("paths")).toObject();
        QVERIFY(!paths.isEmpty());
        int sent = 0;
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject item = path.value().toObject();
            for (auto op = item.begin(); op != item.end(); ++op) {
                if (!OpenApiMethods.contains(op.key()))
                    continue; // "servers" and other path-level fields
                const QString url = baseUrl + concrete(path.key(), values);
                const HttpResult result =
                    request(fixture.http, url, op.key(), op.value().toObject());
                QVERIFY2(result.status != 0, qPrintable(url + QStringLiteral(": ") + result.error));
                QVERIFY2(!unrouted(result), qPrintable(QStringLiteral("%1 %2 answered %3 %4")
                                                           .arg(op.key().toUpper(), url)
                                                           .arg(result.status)
                                                           .arg(QString::fromUtf8(result.body))));
                ++sent;
            }
        }
        QVERIFY(sent > 0);
    }

private Q_SLOTS:
    void theDocumentListsExactlyTheRoutesTheServerServes()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const QJsonObject paths = documentOf(fixture, fixture.engine().listenUrl())
                                      .value(QStringLiteral("paths"))
                                      .toObject();

        const QList<Route> &routes = fixture.engine().server()->routes();
        QVERIFY(routes.size() >= 9); // calls, webhooks, health, docs
        for (const Route &route : routes) {
            const QJsonObject op =
                paths.value(route.pattern)
                    .toObject()
                    .value(QString::fromLatin1(httpMethodToken(route.method)).toLower())
                    .toObject();
            QVERIFY2(!op.isEmpty(), qPrintable(QString::fromLatin1(httpMethodToken(route.method)) +
                                               QLatin1Char(' ') + route.pattern +
                                               QStringLiteral(" is not in the document")));
            QCOMPARE(op.value(QStringLiteral("summary")).toString(), route.summary);
        }
        int operations = 0;
        for (const QJsonValue &item : paths) {
            for (const QString &key : item.toObject().keys())
                operations += OpenApiMethods.contains(key) ? 1 : 0;
        }
        QCOMPARE(operations, routes.size());
    }

    void everyOperationInTheDocumentIsServed()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const QString sid = fixture.placeCall(QStringLiteral("+15005550006"),
                                              QStringLiteral("Check the documented routes"));
        QVERIFY(!sid.isEmpty());
        // The check must be able to fail: a path no route has is the router's 404.
        QVERIFY(
            unrouted(fixture.http.get(fixture.url(QStringLiteral("/notifications/nope/at/all")))));
        expectEveryOperationServed(fixture, fixture.engine().listenUrl(),
                                   {{QStringLiteral("call_sid"), sid}});
    }

    void everySimulatorOperationInItsDocumentIsServed()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const QString sid = fixture.placeCall(QStringLiteral("+15005550006"),
                                              QStringLiteral("Check the simulator's routes"));
        QVERIFY(!sid.isEmpty());
        TwilioSimulator *simulator = fixture.engine().simulator();
        const QJsonObject paths =
            documentOf(fixture, simulator->baseUrl()).value(QStringLiteral("paths")).toObject();
        QVERIFY(paths.contains(QStringLiteral("/sim/calls/{sid}/digits")));
        QVERIFY(paths.contains(QStringLiteral("/2010-04-01/Accounts/{AccountSid}/Calls.json")));
        expectEveryOperationServed(
            fixture, simulator->baseUrl(),
            {{QStringLiteral("sid"), sid},
             {QStringLiteral("AccountSid"), simulator->accountSid()},
             {QStringLiteral("CallSidJson"), sid + QStringLiteral(".json")}});
    }

    void theDocsPageShowsEveryPathWithACurlExample()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        LoopbackClient anonymous;
        const HttpResult page = anonymous.get(fixture.url(QStringLiteral("/docs")));
        QCOMPARE(page.status, 200);
        QVERIFY(page.contentType.startsWith("text/html"));
        const QString html = QString::fromUtf8(page.body);
        QVERIFY(html.startsWith(QLatin1String("<!DOCTYPE html>")));
        QVERIFY2(!html.contains(QLatin1String("<script")) &&
                     !html.contains(QLatin1String("://cdn")),
                 "the page must work offline");
        const QJsonObject paths = documentOf(fixture, fixture.engine().listenUrl())
                                      .value(QStringLiteral("paths"))
                                      .toObject();
        for (const QString &path : paths.keys())
            QVERIFY2(html.contains(QStringLiteral("<code>%1</code>").arg(path.toHtmlEscaped())),
                     qPrintable(path));
        QVERIFY(html.contains(QLatin1String("Authorization: Bearer $FLUX_API_TOKEN")));
        QVERIFY(html.contains(QStringLiteral("curl -X POST '%1/notifications/call'")
                                  .arg(fixture.engine().listenUrl())));
        // The event stream's example shows events as they come.
        QVERIFY(html.contains(
            QStringLiteral("curl -N '%1/notifications/events'").arg(fixture.engine().listenUrl())));
        // The API token is never on the page.
        QVERIFY(!html.contains(QString::fromLatin1(fixture.engine().apiToken())));
    }

    void theDocsArePublicOnBothListenersWhileTheApiStaysOnItsOwn()
    {
        QTemporaryDir dir;
        Config config = EngineFixture::simulatorConfig(dir.path());
        config.separateWebhookListener = true;
        config.webhookListenPort = 0;
        EngineFixture fixture(config);
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        QVERIFY(fixture.engine().webhookListenUrl() != fixture.engine().listenUrl());
        LoopbackClient anonymous;
        for (const QString &base :
             {fixture.engine().listenUrl(), fixture.engine().webhookListenUrl()}) {
            QCOMPARE(anonymous.get(base + QStringLiteral("/openapi.json")).status, 200);
            QCOMPARE(anonymous.get(base + QStringLiteral("/docs")).status, 200);
        }
        // The document says which listener serves what, and so it is.
        const QJsonObject paths = documentOf(fixture, fixture.engine().webhookListenUrl())
                                      .value(QStringLiteral("paths"))
                                      .toObject();
        QCOMPARE(paths.value(QStringLiteral("/notifications/calls"))
                     .toObject()
                     .value(QStringLiteral("get"))
                     .toObject()
                     .value(QStringLiteral("x-flux-listener"))
                     .toString(),
                 QStringLiteral("api"));
        QVERIFY(unrouted(fixture.http.get(fixture.engine().webhookListenUrl() +
                                          QStringLiteral("/notifications/calls"))));
        // The webhooks name the URL Twilio reaches them at; the page's curl uses it.
        QCOMPARE(paths.value(QStringLiteral("/notifications/call/status"))
                     .toObject()
                     .value(QStringLiteral("servers"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("url"))
                     .toString(),
                 fixture.engine().publicBaseUrl());
        const QString page = QString::fromUtf8(
            anonymous.get(fixture.engine().listenUrl() + QStringLiteral("/docs")).body);
        QVERIFY(page.contains(QStringLiteral("curl -X POST '%1/notifications/call/status'")
                                  .arg(fixture.engine().publicBaseUrl())));
    }

    // What the route table and resources/api may not disagree on, each an error that names it.
    void aRouteWithoutADescriptionIsAnError()
    {
        const auto built =
            OpenApiDocument::build({described(QStringLiteral("/a"), QStringLiteral("get_a")),
                                    described(QStringLiteral("/b"), QStringLiteral("get_b"))},
                                   descriptionsOf({QStringLiteral("get_a")}), {});
        QVERIFY(!built);
        QCOMPARE(built.error(),
                 QStringList{QStringLiteral("GET /b names operationId get_b, which no file under "
                                            "resources/api describes")});
    }

    void aDescriptionNoRouteServesIsAnError()
    {
        const auto built = OpenApiDocument::build(
            {described(QStringLiteral("/a"), QStringLiteral("get_a"))},
            descriptionsOf({QStringLiteral("get_a"), QStringLiteral("get_c")}), {});
        QVERIFY(!built);
        QCOMPARE(built.error(),
                 QStringList{QStringLiteral("test.json describes get_c, which no route serves")});
    }

    void aDescriptionUsesExactlyTheValuesAndPathParametersItsRouteGives()
    {
        ApiDescriptions descriptions;
        descriptions.add(
            QStringLiteral("test.json"),
            QJsonObject{
                {QStringLiteral("operations"),
                 QJsonObject{
                     {QStringLiteral("get_a"),
                      QJsonObject{
                          {QStringLiteral("description"), QStringLiteral("At most ${most}")},
                          {QStringLiteral("parameters"),
                           QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("id")},
                                                  {QStringLiteral("in"), QStringLiteral("path")}}}},
                          {QStringLiteral("responses"),
                           QJsonObject{{QStringLiteral("200"),
                                        QJsonObject{{QStringLiteral("$ref"),
                                                     QStringLiteral(
                                                         "#/components/schemas/Nowhere")}}}}}}}}}});
        Route route = described(QStringLiteral("/a"), QStringLiteral("get_a"));
        route.docValues = {{QStringLiteral("least"), 1}};
        const auto built = OpenApiDocument::build({route}, descriptions, {});
        QVERIFY(!built);
        QCOMPARE(built.error(),
                 (QStringList{
                     QStringLiteral("the description of get_a (GET /a) names ${most}, which the "
                                    "route gives no value for"),
                     QStringLiteral("GET /a gives ${least}, which its description does not use"),
                     QStringLiteral("the description of get_a has a path parameter id, which GET "
                                    "/a lacks"),
                     QStringLiteral("#/components/schemas/Nowhere refers to no schema under "
                                    "resources/api")}));

        route.pattern = QStringLiteral("/a/{id}");
        route.docValues = {{QStringLiteral("most"), 20}};
        descriptions.add(
            QStringLiteral("components.json"),
            QJsonObject{{QStringLiteral("components"),
                         QJsonObject{{QStringLiteral("schemas"),
                                      QJsonObject{{QStringLiteral("Nowhere"), QJsonObject()}}}}}});
        const auto fixed = OpenApiDocument::build({route}, descriptions, {});
        QVERIFY2(fixed, qPrintable(fixed ? QString() : fixed.error().join(QLatin1Char('\n'))));
        QCOMPARE(fixed.value()
                     .value(QStringLiteral("paths"))
                     .toObject()
                     .value(QStringLiteral("/a/{id}"))
                     .toObject()
                     .value(QStringLiteral("get"))
                     .toObject()
                     .value(QStringLiteral("description"))
                     .toString(),
                 QStringLiteral("At most 20"));
    }

    void theServersDocumentsAreBuiltFromTheirDescriptions()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        LoopbackClient anonymous;
        for (const QString &base :
             {fixture.engine().listenUrl(), fixture.engine().simulator()->baseUrl()}) {
            const HttpResult result = anonymous.get(base + QStringLiteral("/openapi.json"));
            QVERIFY2(result.status == 200, result.body.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestOpenApiDocument)
#include "TestOpenApiDocument.moc"
