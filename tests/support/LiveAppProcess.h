// LiveAppProcess: the real flux-calldesk binary, headless in live mode against a Twilio
// simulator the test runs, on a fixed port and data folder, so it can be killed and started
// again where it left off. Each run's output goes to app-N.log in the data folder.
#pragma once

#include "LoopbackClient.h"

#include <QHash>
#include <QProcess>
#include <QString>

namespace flux {
class TwilioSimulator;
}

namespace flux::test {

class LiveAppProcess
{
public:
    // `program`: the test's FLUX_APP_BINARY. `dataDir` outlives the process;
    // `extraEnvironment` adds to (or overrides) what the app is started with.
    LiveAppProcess(QString program, const TwilioSimulator &simulator, QString dataDir, quint16 port,
                   QByteArray apiToken, QHash<QString, QString> extraEnvironment = {});
    ~LiveAppProcess(); // kills a process still running

    // Starts a new process and waits until GET /healthz answers.
    bool start();
    // SIGKILL; true once the process is gone by that signal.
    bool kill9();
    // SIGTERM; true once it exited normally with status 0.
    bool terminate();
    bool isRunning() const;
    QProcess *process() { return m_process.get(); }

    QString baseUrl() const;
    LoopbackClient::Headers auth() const;
    // Every run's log, oldest first.
    QString logs() const;

private:
    QProcessEnvironment environment() const;

    QString m_program;
    const TwilioSimulator &m_simulator;
    QString m_dataDir;
    quint16 m_port;
    QByteArray m_apiToken;
    QHash<QString, QString> m_extra;
    std::unique_ptr<QProcess> m_process;
    int m_runs = 0;
    LoopbackClient m_http;
};

} // namespace flux::test
