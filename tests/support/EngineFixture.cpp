#include "EngineFixture.h"

#include "calls/CallStatus.h"
#include "simulator/TwilioSimulator.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QTest>

namespace flux::test {

Config EngineFixture::simulatorConfig(const QString &dataDir, double speed)
{
    Config config;
    config.mode = Config::Mode::Simulator;
    config.listenPort = 0;
    config.dataDir = dataDir;
    config.simulatorSpeed = speed;
    return config;
}

Config EngineFixture::liveConfig(const QString &apiBase, const QString &accountSid,
                                 const QByteArray &authToken, const QString &fromNumber,
                                 const QString &publicBaseUrl)
{
    Config config;
    config.mode = Config::Mode::Live;
    config.listenPort = 0;
    config.apiBase = apiBase;
    config.accountSid = accountSid;
    config.authToken = authToken;
    config.fromNumber = fromNumber;
    config.publicBaseUrl = publicBaseUrl;
    return config;
}

EngineFixture::EngineFixture(Config config)
{
    if (config.dataDir.isEmpty())
        config.dataDir = m_dir.path();
    m_engine = std::make_unique<Engine>(config);
    const auto result = m_engine->start();
    m_started = result.ok();
    if (!result)
        m_startError = result.error().describe();
    http.bearerToken = m_engine->apiToken();
}

EngineFixture::EngineFixture(double speed) : EngineFixture(simulatorConfig({}, speed)) {}

EngineFixture::~EngineFixture() = default;

QString EngineFixture::placeCall(const QString &phone, const QString &title, const QString &taskId)
{
    QJsonObject body{{QStringLiteral("phone_number"), phone},
                     {QStringLiteral("task_title"), title}};
    if (!taskId.isEmpty())
        body.insert(QStringLiteral("task_id"), taskId);
    const HttpResult result = http.postJson(url(QStringLiteral("/notifications/call")), body);
    if (result.status != 201) {
        qWarning().noquote() << "placeCall answered" << result.status << result.body;
        return {};
    }
    return result.json().value(QStringLiteral("call_sid")).toString();
}

QString EngineFixture::notify(const QJsonObject &body)
{
    const HttpResult created = http.postJson(url(QStringLiteral("/notifications/call")), body);
    if (created.status != 201) {
        qWarning().noquote() << "POST /notifications/call:" << created.status << created.body;
        return {};
    }
    return created.json().value(QStringLiteral("notification_id")).toString();
}

QJsonObject EngineFixture::notification(const QString &id)
{
    return http.get(url(QStringLiteral("/notifications/") + id)).json();
}

int EngineFixture::callCount()
{
    return http.get(url(QStringLiteral("/notifications/calls?limit=1000")))
        .json()
        .value(QStringLiteral("calls"))
        .toArray()
        .size();
}

QJsonObject EngineFixture::call(const QString &sid)
{
    return http.get(url(QStringLiteral("/notifications/call/") + sid)).json();
}

QJsonObject EngineFixture::waitForFinal(const QString &sid, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QJsonObject last;
    while (!deadline.hasExpired()) {
        last = call(sid);
        if (CallStatus::isFinal(last.value(QStringLiteral("status")).toString()))
            return last;
        QTest::qWait(20);
    }
    return last;
}

QJsonObject EngineFixture::simulatedCall(const QString &sid)
{
    if (!m_engine->simulator())
        return {};
    const HttpResult result =
        http.get(m_engine->simulator()->baseUrl() + QStringLiteral("/sim/calls"));
    for (const QJsonValue &value : result.jsonArray()) {
        if (value.toObject().value(QStringLiteral("sid")).toString() == sid)
            return value.toObject();
    }
    return {};
}

} // namespace flux::test
