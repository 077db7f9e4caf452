// The OpenAPI document of a real engine in simulator mode, read over loopback: structurally
// OpenAPI 3 (for the engine and for its simulator), and saying what the seed's contract says.
#include "EngineFixture.h"
#include "OpenApiMethods.h"

#include "api/OpenApiDocument.h"
#include "simulator/TwilioSimulator.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace flux;
using namespace flux::test;

namespace {

// An operation's "security": the one scheme it needs.
QJsonArray securedBy(const QString &scheme)
{
    return QJsonArray{QJsonObject{{scheme, QJsonArray()}}};
}

// Every "$ref" anywhere under `value`.
void collectRefs(const QJsonValue &value, QStringList &refs)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() == QLatin1String("$ref"))
                refs.append(it.value().toString());
            else
                collectRefs(it.value(), refs);
        }
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectRefs(item, refs);
    }
}

} // namespace

class TestOpenApiStructure : public QObject
{
    Q_OBJECT

    QJsonObject documentOf(EngineFixture &, const QString &baseUrl)
    {
        LoopbackClient anonymous; // no token: the document is public
        const HttpResult result = anonymous.get(baseUrl + QStringLiteral("/openapi.json"));
        if (result.status != 200)
            qWarning() << "GET /openapi.json answered" << result.status;
        return result.json();
    }

private Q_SLOTS:
    void theDocumentIsStructurallyOpenApi3()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        for (const QString &baseUrl :
             {fixture.engine().listenUrl(), fixture.engine().simulator()->baseUrl()}) {
            const QJsonObject doc = documentOf(fixture, baseUrl);
            QVERIFY(QRegularExpression(QStringLiteral("^3\\.\\d+\\.\\d+$"))
                        .match(doc.value(QStringLiteral("openapi")).toString())
                        .hasMatch());
            const QJsonObject info = doc.value(QStringLiteral("info")).toObject();
            QVERIFY(!info.value(QStringLiteral("title")).toString().isEmpty());
            QVERIFY(!info.value(QStringLiteral("version")).toString().isEmpty());
            QCOMPARE(doc.value(QStringLiteral("servers"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QStringLiteral("url")),
                     QJsonValue(baseUrl));

            const QJsonObject components = doc.value(QStringLiteral("components")).toObject();
            const QJsonObject schemes =
                components.value(QStringLiteral("securitySchemes")).toObject();
            QSet<QString> declaredTags;
            for (const QJsonValue &tag : doc.value(QStringLiteral("tags")).toArray())
                declaredTags.insert(tag.toObject().value(QStringLiteral("name")).toString());
            QSet<QString> operationIds;
            const QJsonObject paths = doc.value(QStringLiteral("paths")).toObject();
            QVERIFY(!paths.isEmpty());
            for (auto path = paths.begin(); path != paths.end(); ++path) {
                QVERIFY(path.key().startsWith(QLatin1Char('/')));
                const QJsonObject item = path.value().toObject();
                QVERIFY(!item.isEmpty());
                for (auto op = item.begin(); op != item.end(); ++op) {
                    const QString where = op.key() + QLatin1Char(' ') + path.key();
                    if (op.key() == QLatin1String("servers")) {
                        QVERIFY2(op.value().isArray(), qPrintable(where));
                        continue;
                    }
                    QVERIFY2(OpenApiMethods.contains(op.key()), qPrintable(where));
                    const QJsonObject operation = op.value().toObject();
                    const QString id = operation.value(QStringLiteral("operationId")).toString();
                    QVERIFY2(!id.isEmpty() && !operationIds.contains(id), qPrintable(where));
                    operationIds.insert(id);
                    for (const QJsonValue &tag : operation.value(QStringLiteral("tags")).toArray())
                        QVERIFY2(declaredTags.contains(tag.toString()), qPrintable(where));

                    const QJsonObject responses =
                        operation.value(QStringLiteral("responses")).toObject();
                    QVERIFY2(!responses.isEmpty(), qPrintable(where));
                    for (auto response = responses.begin(); response != responses.end();
                         ++response) {
                        QVERIFY2(QRegularExpression(QStringLiteral("^[1-5]\\d\\d$"))
                                     .match(response.key())
                                     .hasMatch(),
                                 qPrintable(where + QStringLiteral(" ") + response.key()));
                        QVERIFY(response.value()
                                    .toObject()
                                    .value(QStringLiteral("description"))
                                    .isString());
                    }

                    // Each {name} in the path is a required path parameter, and nothing else is.
                    QStringList declared;
                    for (const QJsonValue &value :
                         operation.value(QStringLiteral("parameters")).toArray()) {
                        const QJsonObject param = value.toObject();
                        QVERIFY(param.value(QStringLiteral("schema")).isObject());
                        if (param.value(QStringLiteral("in")).toString() != QLatin1String("path"))
                            continue;
                        QVERIFY2(param.value(QStringLiteral("required")).toBool(),
                                 qPrintable(where));
                        declared.append(param.value(QStringLiteral("name")).toString());
                    }
                    QCOMPARE(declared, OpenApiDocument::pathParams(path.key()));

                    for (const QJsonValue &requirement :
                         operation.value(QStringLiteral("security")).toArray()) {
                        for (const QString &scheme : requirement.toObject().keys())
                            QVERIFY2(schemes.contains(scheme),
                                     qPrintable(where + QLatin1Char(' ') + scheme));
                    }
                }
            }
            QStringList refs;
            collectRefs(doc, refs);
            for (const QString &ref : refs) {
                QVERIFY2(ref.startsWith(QLatin1String("#/components/schemas/")), qPrintable(ref));
                QVERIFY2(
                    components.value(QStringLiteral("schemas")).toObject().contains(ref.mid(21)),
                    qPrintable(ref));
            }
        }
    }

    void theDocumentStatesTheSeedsContractAndHowEachRouteIsGuarded()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const QJsonObject doc = documentOf(fixture, fixture.engine().listenUrl());
        const QJsonObject paths = doc.value(QStringLiteral("paths")).toObject();
        const QJsonObject create = paths.value(QStringLiteral("/notifications/call"))
                                       .toObject()
                                       .value(QStringLiteral("post"))
                                       .toObject();
        const QJsonObject responses = create.value(QStringLiteral("responses")).toObject();
        for (const char *status : {"201", "401", "422", "429"})
            QVERIFY2(responses.contains(QLatin1String(status)), status);
        QCOMPARE(create.value(QStringLiteral("security")).toArray(),
                 securedBy(QStringLiteral("bearerAuth")));
        QVERIFY(responses.value(QStringLiteral("429"))
                    .toObject()
                    .value(QStringLiteral("headers"))
                    .toObject()
                    .contains(QStringLiteral("Retry-After")));

        const QJsonObject schemas = doc.value(QStringLiteral("components"))
                                        .toObject()
                                        .value(QStringLiteral("schemas"))
                                        .toObject();
        // What the server really answers has the documented fields: a 201 and a 422.
        const QJsonObject created =
            fixture.http
                .postJson(fixture.url(QStringLiteral("/notifications/call")),
                          {{QStringLiteral("phone_number"), QStringLiteral("+15005550006")},
                           {QStringLiteral("task_title"), QStringLiteral("Compare with the doc")}})
                .json();
        for (const QJsonValue &field : schemas.value(QStringLiteral("CallCreated"))
                                           .toObject()
                                           .value(QStringLiteral("required"))
                                           .toArray())
            QVERIFY2(created.contains(field.toString()), qPrintable(field.toString()));
        const HttpResult invalid =
            fixture.http.postJson(fixture.url(QStringLiteral("/notifications/call")),
                                  {{QStringLiteral("task_title"), QStringLiteral("x")}});
        QCOMPARE(invalid.status, 422);
        const QJsonObject item =
            invalid.json().value(QStringLiteral("detail")).toArray().first().toObject();
        const QJsonObject itemSchema = schemas.value(QStringLiteral("HTTPValidationError"))
                                           .toObject()
                                           .value(QStringLiteral("properties"))
                                           .toObject()
                                           .value(QStringLiteral("detail"))
                                           .toObject()
                                           .value(QStringLiteral("items"))
                                           .toObject();
        const QStringList itemKeys = item.keys();
        QCOMPARE(QSet<QString>(itemKeys.begin(), itemKeys.end()), [&] {
            const QStringList keys =
                itemSchema.value(QStringLiteral("properties")).toObject().keys();
            return QSet<QString>(keys.begin(), keys.end());
        }());

        const QJsonObject status = paths.value(QStringLiteral("/notifications/call/status"))
                                       .toObject()
                                       .value(QStringLiteral("post"))
                                       .toObject();
        QCOMPARE(status.value(QStringLiteral("security")).toArray(),
                 securedBy(QStringLiteral("twilioSignature")));
        QVERIFY(
            status.value(QStringLiteral("responses")).toObject().contains(QStringLiteral("403")));
        QCOMPARE(doc.value(QStringLiteral("components"))
                     .toObject()
                     .value(QStringLiteral("securitySchemes"))
                     .toObject()
                     .value(QStringLiteral("twilioSignature"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("X-Twilio-Signature"));
        const QJsonObject health = paths.value(QStringLiteral("/healthz"))
                                       .toObject()
                                       .value(QStringLiteral("get"))
                                       .toObject();
        QCOMPARE(health.value(QStringLiteral("security")).toArray(), QJsonArray());
    }

    // The call schemas are data (resources/api/calls.json), so the fields the server really
    // writes are held to them here.
    void theCallSchemasNameTheFieldsTheServerWrites()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const QString sid = fixture.placeCall(QStringLiteral("+15005550006"),
                                              QStringLiteral("Compare the call schemas"));
        QVERIFY(!sid.isEmpty());
        const QJsonObject schemas = documentOf(fixture, fixture.engine().listenUrl())
                                        .value(QStringLiteral("components"))
                                        .toObject()
                                        .value(QStringLiteral("schemas"))
                                        .toObject();
        const auto keysOf = [](const QJsonObject &object) {
            const QStringList keys = object.keys();
            return QSet<QString>(keys.begin(), keys.end());
        };
        const auto propertiesOf = [&](const QJsonObject &schema) {
            return keysOf(schema.value(QStringLiteral("properties")).toObject());
        };

        const QJsonObject shown =
            fixture.http.get(fixture.url(QStringLiteral("/notifications/call/") + sid)).json();
        const QJsonObject withEvents = schemas.value(QStringLiteral("CallWithEvents")).toObject();
        QCOMPARE(keysOf(shown), propertiesOf(withEvents));
        const QJsonArray events = shown.value(QStringLiteral("events")).toArray();
        QVERIFY(!events.isEmpty());
        QCOMPARE(keysOf(events.first().toObject()),
                 propertiesOf(withEvents.value(QStringLiteral("properties"))
                                  .toObject()
                                  .value(QStringLiteral("events"))
                                  .toObject()
                                  .value(QStringLiteral("items"))
                                  .toObject()));

        const QJsonArray listed =
            fixture.http.get(fixture.url(QStringLiteral("/notifications/calls")))
                .json()
                .value(QStringLiteral("calls"))
                .toArray();
        QVERIFY(!listed.isEmpty());
        QCOMPARE(keysOf(listed.first().toObject()),
                 propertiesOf(schemas.value(QStringLiteral("CallList"))
                                  .toObject()
                                  .value(QStringLiteral("properties"))
                                  .toObject()
                                  .value(QStringLiteral("calls"))
                                  .toObject()
                                  .value(QStringLiteral("items"))
                                  .toObject()));
    }
};

QTEST_GUILESS_MAIN(TestOpenApiStructure)
#include "TestOpenApiStructure.moc"
