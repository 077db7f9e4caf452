#include "PrismServer.h"

#include "LocalPorts.h"

#include <QFile>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>

namespace flux::test {

PrismServer::~PrismServer()
{
    m_process.kill();
    m_process.waitForFinished(10000);
}

QString PrismServer::start(const QString &command, const QStringList &arguments)
{
    const QString prism = QStringLiteral(FLUX_SOURCE_DIR "/tests/contract/node_modules/.bin/prism");
    if (!QFile::exists(prism))
        return QStringLiteral("%1 is missing: run packaging/install-deps.sh, which runs npm ci "
                              "in tests/contract")
            .arg(prism);
    m_port = freePort();
    if (m_port == 0)
        return QStringLiteral("no free port for Prism");
    // Should the test crash (ASan aborts), Prism must not outlive it holding a port.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(m_dir.filePath(QStringLiteral("prism.log")));
    m_process.start(prism, QStringList{command, QStringLiteral("-h"), QStringLiteral("127.0.0.1"),
                                       QStringLiteral("-p"), QString::number(m_port)} +
                               arguments);
    if (!m_process.waitForStarted(10000))
        return m_process.errorString();
    // Prism loads (and so checks) its document before it listens.
    const bool settled = QTest::qWaitFor(
        [this] { return accepts(m_port) || m_process.state() == QProcess::NotRunning; }, 60000);
    if (!settled || m_process.state() != QProcess::Running)
        return QStringLiteral("Prism did not start listening:\n") + log();
    return {};
}

QString PrismServer::log() const
{
    QFile file(m_dir.filePath(QStringLiteral("prism.log")));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll().right(4000))
                                          : QString();
}

} // namespace flux::test
