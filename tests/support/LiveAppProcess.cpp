#include "LiveAppProcess.h"

#include "simulator/TwilioSimulator.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <csignal>

namespace flux::test {

LiveAppProcess::LiveAppProcess(QString program, const TwilioSimulator &simulator, QString dataDir,
                               quint16 port, QByteArray apiToken,
                               QHash<QString, QString> extraEnvironment)
    : m_program(std::move(program)), m_simulator(simulator), m_dataDir(std::move(dataDir)),
      m_port(port), m_apiToken(std::move(apiToken)), m_extra(std::move(extraEnvironment))
{
    m_http.timeoutMs = 5000;
}

LiveAppProcess::~LiveAppProcess()
{
    if (isRunning()) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

QString LiveAppProcess::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

LoopbackClient::Headers LiveAppProcess::auth() const
{
    return {{"Authorization", "Bearer " + m_apiToken}};
}

QProcessEnvironment LiveAppProcess::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"PUBLIC_BASE_URL", "FLUX_SIM_LISTEN", "DISPLAY", "WAYLAND_DISPLAY"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("FLUX_MODE"), QStringLiteral("live"));
    env.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), m_simulator.accountSid());
    env.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(m_simulator.authToken()));
    env.insert(QStringLiteral("TWILIO_PHONE_NUMBER"), m_simulator.phoneNumber());
    env.insert(QStringLiteral("TWILIO_API_BASE"), m_simulator.baseUrl());
    env.insert(QStringLiteral("FLUX_LISTEN"), QStringLiteral("127.0.0.1:%1").arg(m_port));
    env.insert(QStringLiteral("FLUX_DATA_DIR"), m_dataDir);
    env.insert(QStringLiteral("FLUX_API_TOKEN"), QString::fromLatin1(m_apiToken));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("flux.*.info=true"));
    for (auto it = m_extra.cbegin(); it != m_extra.cend(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

bool LiveAppProcess::start()
{
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(m_program);
    m_process->setArguments({QStringLiteral("--headless")});
    m_process->setProcessEnvironment(environment());
    m_process->setWorkingDirectory(m_dataDir);
    const QString log = QDir(m_dataDir).filePath(QStringLiteral("app-%1.log").arg(m_runs++));
    m_process->setStandardOutputFile(log);
    m_process->setStandardErrorFile(log, QIODevice::Append);
    m_process->start();
    if (!m_process->waitForStarted(10000))
        return false;
    return QTest::qWaitFor(
        [this] {
            return isRunning() && m_http.get(baseUrl() + QStringLiteral("/healthz")).status == 200;
        },
        30000);
}

bool LiveAppProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

bool LiveAppProcess::kill9()
{
    if (!isRunning())
        return false;
    ::kill(static_cast<pid_t>(m_process->processId()), SIGKILL);
    const bool gone =
        m_process->state() == QProcess::NotRunning || m_process->waitForFinished(10000);
    return gone && m_process->exitStatus() == QProcess::CrashExit;
}

bool LiveAppProcess::terminate()
{
    if (!isRunning())
        return false;
    ::kill(static_cast<pid_t>(m_process->processId()), SIGTERM);
    return m_process->waitForFinished(15000) && m_process->exitStatus() == QProcess::NormalExit &&
           m_process->exitCode() == 0;
}

QString LiveAppProcess::logs() const
{
    QString logs;
    for (int run = 0; run < m_runs; ++run) {
        QFile file(QDir(m_dataDir).filePath(QStringLiteral("app-%1.log").arg(run)));
        if (file.open(QIODevice::ReadOnly))
            logs += QStringLiteral("--- run %1\n").arg(run) + QString::fromUtf8(file.readAll());
    }
    return logs;
}

} // namespace flux::test
