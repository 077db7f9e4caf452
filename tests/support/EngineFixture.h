// EngineFixture: a real engine for a test: temporary data folder, port 0, fast simulator.
#pragma once

#include "LoopbackClient.h"

#include "config/Config.h"
#include "engine/Engine.h"

#include <QTemporaryDir>

#include <memory>

namespace flux::test {

class EngineFixture
{
public:
    // Simulator mode, listening on 127.0.0.1 with a free port, simulated time `speed` x faster.
    static Config simulatorConfig(const QString &dataDir, double speed = 25.0);
    // Live mode against `apiBase` (a scripted Twilio peer or a simulator the test runs), listening
    // on 127.0.0.1 with a free port; `publicBaseUrl` empty means the listen URL.
    static Config liveConfig(const QString &apiBase, const QString &accountSid,
                             const QByteArray &authToken,
                             const QString &fromNumber = QStringLiteral("+15005550006"),
                             const QString &publicBaseUrl = {});

    explicit EngineFixture(Config config);
    explicit EngineFixture(double speed = 25.0);
    ~EngineFixture();

    bool started() const { return m_started; }
    QString startError() const { return m_startError; }
    Engine &engine() { return *m_engine; }
    QString url(const QString &path) const { return m_engine->listenUrl() + path; }
    QString dataDir() const { return m_dir.path(); }

    // POST /notifications/call; returns the call sid or an empty string.
    QString placeCall(const QString &phone, const QString &title, const QString &taskId = {});
    // POST /notifications/call with `body`; the notification id of its 201, or empty (with the
    // failure logged).
    QString notify(const QJsonObject &body);
    // GET /notifications/{id}.
    QJsonObject notification(const QString &id);
    // How many calls GET /notifications/calls lists (up to 1000).
    int callCount();
    // GET /notifications/call/{sid}.
    QJsonObject call(const QString &sid);
    // Waits (event loop running) until the call's status is final; returns the last read.
    QJsonObject waitForFinal(const QString &sid, int timeoutMs = 20000);
    // The simulator's view of a call (GET /sim/calls), or an empty object.
    QJsonObject simulatedCall(const QString &sid);

    LoopbackClient http; // sends the engine's API token

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Engine> m_engine;
    bool m_started = false;
    QString m_startError;
};

} // namespace flux::test
