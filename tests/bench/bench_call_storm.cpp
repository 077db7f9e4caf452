// bench-call-storm: a thousand calls at once through the real app, then a count of what its
// SQLite file kept. It starts flux-calldesk --headless in simulator mode, posts every call to
// POST /notifications/call over keep-alive loopback connections, waits until the store holds a
// final status for each, stops the app with SIGTERM and checks the file: every call, every status
// callback and every acknowledgment must be there. Prints figures; exits 1 when something is lost.
//
//   bench-call-storm [--calls N] [--connections C] [--speed S] [--app PATH] [--keep]
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <memory>

namespace {

const QByteArray ApiToken = "bench-call-storm-token-0451";

// The simulator's scripted numbers (core/simulator/ScriptedNumbers.h) and what each must leave
// in the store: its final status, how many status callbacks, and its outcome.
struct Script
{
    const char *number;
    const char *finalStatus;
    int statusEvents; // initiated, ringing, answered, completed as the phone reaches them
    const char *outcome;
};
const Script Scripts[] = {
    {"+15555550101", "completed", 4, "acknowledged"},     // presses 1
    {"+15555550102", "completed", 4, nullptr},            // silent: outcome as the TwiML decides
    {"+15555550103", "busy", 2, "pending"},               //
    {"+15555550104", "no-answer", 3, "pending"},          //
    {"+15555550105", "failed", 2, "pending"},             //
    {"+15555550106", "completed", 4, "not_acknowledged"}, // presses 2
};
constexpr int ScriptCount = int(sizeof Scripts / sizeof Scripts[0]);

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// kB of a /proc/<pid>/status field such as VmHWM (peak resident set), or -1.
qint64 procStatusKb(qint64 pid, const QByteArray &field)
{
    QFile file(QStringLiteral("/proc/%1/status").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// One keep-alive connection that sends its share of the calls one after another.
class StormConnection
{
public:
    StormConnection(quint16 port, QList<int> calls, std::function<void(int status)> answered)
        : m_calls(std::move(calls)), m_answered(std::move(answered))
    {
        QObject::connect(&m_socket, &QTcpSocket::connected, [this] { sendNext(); });
        QObject::connect(&m_socket, &QTcpSocket::readyRead, [this] { read(); });
        QObject::connect(&m_socket, &QTcpSocket::errorOccurred, [this] {
            if (m_next < m_calls.size() || m_waiting) {
                std::fprintf(stderr, "connection failed: %s\n", qPrintable(m_socket.errorString()));
                m_waiting = false;
                while (m_next++ < m_calls.size())
                    m_answered(0);
                m_answered(0);
            }
        });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }

private:
    void sendNext()
    {
        if (m_next >= m_calls.size()) {
            m_socket.disconnectFromHost();
            return;
        }
        const int index = m_calls.at(m_next++);
        const QByteArray body =
            QJsonDocument(QJsonObject{{QStringLiteral("phone_number"),
                                       QString::fromLatin1(Scripts[index % ScriptCount].number)},
                                      {QStringLiteral("task_title"),
                                       QStringLiteral("Storm task %1").arg(index)},
                                      {QStringLiteral("task_id"), QString::number(index)}})
                .toJson(QJsonDocument::Compact);
        m_socket.write("POST /notifications/call HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Authorization: Bearer " +
                       ApiToken + "\r\nContent-Type: application/json\r\nContent-Length: " +
                       QByteArray::number(body.size()) + "\r\n\r\n" + body);
        m_waiting = true;
    }

    void read()
    {
        m_buffer += m_socket.readAll();
        for (;;) {
            const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            const QByteArray head = m_buffer.left(headerEnd);
            qsizetype length = 0;
            for (const QByteArray &line : head.split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (m_buffer.size() < headerEnd + 4 + length)
                return;
            const int status = head.mid(9, 3).toInt();
            m_buffer.remove(0, headerEnd + 4 + length);
            m_waiting = false;
            m_answered(status);
            sendNext();
        }
    }

    QTcpSocket m_socket;
    QList<int> m_calls;
    std::function<void(int)> m_answered;
    qsizetype m_next = 0;
    bool m_waiting = false;
    QByteArray m_buffer;
};

struct StoreCounts
{
    int calls = 0;
    int finalCalls = 0;
    int pending = 0;
};

StoreCounts countStore(const QString &path)
{
    StoreCounts counts;
    const QString name = QStringLiteral("poll");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=1000"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral(
                    "SELECT count(*), coalesce(sum(status IN ('completed','busy','no-answer',"
                    "'failed','canceled')), 0), (SELECT count(*) FROM pending_calls) FROM "
                    "calls")) &&
                q.next()) {
                counts.calls = q.value(0).toInt();
                counts.finalCalls = q.value(1).toInt();
                counts.pending = q.value(2).toInt();
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return counts;
}

// Checks every call in the file against its script; prints the tallies; returns the problems.
int verifyStore(const QString &path, int calls)
{
    int problems = 0;
    const QString name = QStringLiteral("verify");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open()) {
            std::fprintf(stderr, "cannot open %s\n", qPrintable(path));
            return 1;
        }
        QSqlQuery q(db);
        q.exec(QStringLiteral(
            "SELECT c.to_number, c.status, c.outcome, c.task_id,"
            " (SELECT count(*) FROM call_events e WHERE e.call_sid = c.sid AND e.kind = 'status'),"
            " (SELECT count(*) FROM call_events e WHERE e.call_sid = c.sid AND e.kind = 'gather')"
            " FROM calls c"));
        QMap<QString, int> byStatus;
        QMap<QString, int> byOutcome;
        QHash<QString, int> taskIds;
        int statusEvents = 0;
        int gatherEvents = 0;
        int rows = 0;
        while (q.next()) {
            ++rows;
            const QString to = q.value(0).toString();
            const QString status = q.value(1).toString();
            const QString outcome = q.value(2).toString();
            ++byStatus[status];
            ++byOutcome[outcome];
            ++taskIds[q.value(3).toString()];
            statusEvents += q.value(4).toInt();
            gatherEvents += q.value(5).toInt();
            const Script *script = nullptr;
            for (const Script &each : Scripts) {
                if (to == QLatin1String(each.number))
                    script = &each;
            }
            const bool ok = script && status == QLatin1String(script->finalStatus) &&
                            q.value(4).toInt() == script->statusEvents &&
                            (!script->outcome || outcome == QLatin1String(script->outcome));
            if (!ok && ++problems <= 10)
                std::fprintf(stderr, "unexpected: to %s status %s outcome %s status events %d\n",
                             qPrintable(to), qPrintable(status), qPrintable(outcome),
                             q.value(4).toInt());
        }
        int expectedStatusEvents = 0;
        int expectedAcks = 0;
        for (int i = 0; i < calls; ++i) {
            expectedStatusEvents += Scripts[i % ScriptCount].statusEvents;
            expectedAcks += i % ScriptCount == 0 ? 1 : 0;
        }
        QSqlQuery pending(db);
        pending.exec(QStringLiteral("SELECT count(*) FROM pending_calls"));
        const int pendingRows = pending.next() ? pending.value(0).toInt() : -1;

        std::printf("calls stored        %d of %d (distinct tasks %lld), pending rows left %d\n",
                    rows, calls, qlonglong(taskIds.size()), pendingRows);
        for (auto it = byStatus.cbegin(); it != byStatus.cend(); ++it)
            std::printf("  status %-11s %d\n", qPrintable(it.key()), it.value());
        for (auto it = byOutcome.cbegin(); it != byOutcome.cend(); ++it)
            std::printf("  outcome %-16s %d\n", qPrintable(it.key()), it.value());
        std::printf("status callbacks    %d of %d\n", statusEvents, expectedStatusEvents);
        std::printf("acknowledgments     %d of %d (gather events %d)\n",
                    byOutcome.value(QStringLiteral("acknowledged")), expectedAcks, gatherEvents);
        if (rows != calls || taskIds.size() != calls || pendingRows != 0 ||
            statusEvents != expectedStatusEvents ||
            byOutcome.value(QStringLiteral("acknowledged")) != expectedAcks)
            ++problems;
    }
    QSqlDatabase::removeDatabase(name);
    return problems;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Places a storm of calls through the app."));
    parser.addHelpOption();
    const QCommandLineOption callsOption(QStringLiteral("calls"), QStringLiteral("Calls (1000)."),
                                         QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption connectionsOption(QStringLiteral("connections"),
                                               QStringLiteral("Client connections (100)."),
                                               QStringLiteral("n"), QStringLiteral("100"));
    const QCommandLineOption speedOption(QStringLiteral("speed"),
                                         QStringLiteral("FLUX_SIM_SPEED (100)."),
                                         QStringLiteral("x"), QStringLiteral("100"));
    const QCommandLineOption appOption(QStringLiteral("app"), QStringLiteral("flux-calldesk."),
                                       QStringLiteral("path"), QStringLiteral(FLUX_APP_BINARY));
    const QCommandLineOption keepOption(QStringLiteral("keep"),
                                        QStringLiteral("Keep the data folder and the app's log."));
    parser.addOptions({callsOption, connectionsOption, speedOption, appOption, keepOption});
    parser.process(app);
    const int calls = std::max(1, parser.value(callsOption).toInt());
    const int connections = std::clamp(parser.value(connectionsOption).toInt(), 1, calls);

    QTemporaryDir dir;
    dir.setAutoRemove(!parser.isSet(keepOption));
    const quint16 port = freePort();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_PHONE_NUMBER",
                             "PUBLIC_BASE_URL", "TWILIO_API_BASE"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("FLUX_MODE"), QStringLiteral("simulator"));
    env.insert(QStringLiteral("FLUX_DATA_DIR"), dir.path());
    env.insert(QStringLiteral("FLUX_LISTEN"), QStringLiteral("127.0.0.1:%1").arg(port));
    env.insert(QStringLiteral("FLUX_API_TOKEN"), QString::fromLatin1(ApiToken));
    env.insert(QStringLiteral("FLUX_SIM_SPEED"), parser.value(speedOption));
    env.insert(QStringLiteral("FLUX_RATE_PER_CLIENT"), QStringLiteral("0"));
    env.insert(QStringLiteral("FLUX_RATE_TOTAL"), QStringLiteral("0"));
    env.insert(QStringLiteral("FLUX_RATE_PER_NUMBER"), QStringLiteral("0"));
    env.insert(QStringLiteral("FLUX_MAX_CONNECTIONS"), QString::number(connections + 64));

    QProcess process;
    process.setProgram(parser.value(appOption));
    process.setArguments({QStringLiteral("--headless")});
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(dir.path());
    const QString logPath = dir.filePath(QStringLiteral("app.log"));
    process.setStandardOutputFile(logPath);
    process.setStandardErrorFile(logPath, QIODevice::Append);
    process.start();
    if (!process.waitForStarted(10000)) {
        std::fprintf(stderr, "cannot start %s\n", qPrintable(parser.value(appOption)));
        return 1;
    }
    // Up once it accepts a connection.
    for (int i = 0; i < 200; ++i) {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        if (probe.waitForConnected(100))
            break;
        QThread::msleep(50);
    }
    const QString storePath = dir.filePath(QStringLiteral("calls-simulator.sqlite"));

    QMap<int, int> answers;
    int answered = 0;
    qint64 createsMs = 0;
    QElapsedTimer clock;
    clock.start();
    std::vector<std::unique_ptr<StormConnection>> pool;
    for (int c = 0; c < connections; ++c) {
        QList<int> share;
        for (int i = c; i < calls; i += connections)
            share.append(i);
        pool.push_back(std::make_unique<StormConnection>(port, share, [&](int status) {
            ++answers[status];
            if (++answered == calls)
                createsMs = clock.elapsed();
        }));
    }
    while (answered < calls && clock.elapsed() < 120000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);

    StoreCounts counts;
    while (clock.elapsed() < 300000) {
        counts = countStore(storePath);
        if (counts.finalCalls >= answers.value(201) && counts.pending == 0)
            break;
        QThread::msleep(20);
    }
    const qint64 wallMs = clock.elapsed();
    const qint64 peakKb = procStatusKb(process.processId(), "VmHWM");
    pool.clear();

    ::kill(pid_t(process.processId()), SIGTERM);
    process.waitForFinished(30000);

    std::printf("calls %d over %d connections, simulator speed %s\n", calls, connections,
                qPrintable(parser.value(speedOption)));
    for (auto it = answers.cbegin(); it != answers.cend(); ++it)
        std::printf("  HTTP %d  %d\n", it.key(), it.value());
    std::printf("creates answered    %lld ms (%.0f calls/s)\n", createsMs,
                createsMs > 0 ? calls * 1000.0 / createsMs : 0.0);
    std::printf("all calls final     %lld ms (%.0f calls/s)\n", wallMs,
                wallMs > 0 ? calls * 1000.0 / wallMs : 0.0);
    std::printf("app peak RSS        %.1f MiB (VmHWM)\n", peakKb / 1024.0);
    const int problems = verifyStore(storePath, calls);

    QFile log(logPath);
    log.open(QIODevice::ReadOnly);
    int warnings = 0;
    for (const QByteArray &line : log.readAll().split('\n')) {
        if (line.contains("failed:") || line.contains("did not answer") ||
            line.contains("could not be reached"))
            ++warnings;
    }
    std::printf("app log lines reporting a failure: %d%s\n", warnings,
                parser.isSet(keepOption) ? qPrintable(QStringLiteral(" (%1)").arg(logPath)) : "");
    std::printf(problems == 0 ? "nothing lost\n" : "LOST OR WRONG: %d problem(s)\n", problems);
    return problems == 0 ? 0 : 1;
}
