// PrismServer: Stoplight Prism (tests/contract/node_modules, installed by install-deps.sh) run
// as a child process on a free loopback port, for the contract tests.
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace flux::test {

class PrismServer
{
public:
    PrismServer() = default;
    ~PrismServer();
    PrismServer(const PrismServer &) = delete;
    PrismServer &operator=(const PrismServer &) = delete;

    // Starts `prism <command> -h 127.0.0.1 -p <port> <arguments...>` and waits (the event loop
    // running, so a peer in this process can answer Prism) until it listens. Empty on success,
    // else what went wrong, with the end of Prism's log.
    QString start(const QString &command, const QStringList &arguments);
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    // The end of Prism's output: its findings and errors.
    QString log() const;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace flux::test
