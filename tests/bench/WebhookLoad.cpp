#include "WebhookLoad.h"

#include "HistoryFile.h"

#include "api/ApiPaths.h"
#include "calls/WebhookPaths.h"
#include "net/FormEncoding.h"
#include "twilio/SignatureValidator.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>

namespace flux::bench {

namespace {

void lowerThisThreadsPriority()
{
    // Linux applies nice per thread.
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
}

// One keep-alive HTTP/1.1 connection over a blocking socket; reconnects when the server closes.
class Connection
{
public:
    explicit Connection(quint16 port) : m_port(port) {}
    ~Connection() { close(); }

    // The answer's status code, or 0 when there was none.
    int exchange(const QByteArray &request)
    {
        for (int attempt = 0; attempt < 2; ++attempt) {
            if (m_fd < 0 && !open())
                return 0;
            if (writeAll(request)) {
                if (const int status = readAnswer(); status > 0)
                    return status;
            }
            close(); // the server closed an idle connection: once more on a new one
        }
        return 0;
    }

private:
    bool open()
    {
        m_fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(m_port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const timeval timeout{10, 0};
        setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        const int one = 1;
        setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
            close();
            return false;
        }
        m_buffer.clear();
        return true;
    }
    void close()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }
    bool writeAll(const QByteArray &bytes)
    {
        qsizetype sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n =
                ::send(m_fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += n;
        }
        return true;
    }
    int readAnswer()
    {
        qsizetype headEnd = -1;
        qsizetype length = -1;
        char chunk[16384];
        for (;;) {
            if (headEnd < 0 && (headEnd = m_buffer.indexOf("\r\n\r\n")) >= 0) {
                const QByteArray head = m_buffer.left(headEnd).toLower();
                const qsizetype at = head.indexOf("content-length:");
                length = at < 0 ? 0
                                : head.mid(at + 15, head.indexOf('\r', at) - at - 15)
                                      .trimmed()
                                      .toLongLong();
            }
            if (headEnd >= 0 && m_buffer.size() >= headEnd + 4 + length) {
                const int status = m_buffer.mid(9, 3).toInt();
                const bool closes = m_buffer.left(headEnd).toLower().contains("connection: close");
                m_buffer.remove(0, headEnd + 4 + length);
                if (closes)
                    close();
                return status;
            }
            const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
            if (n <= 0)
                return 0;
            m_buffer.append(chunk, n);
        }
    }

    quint16 m_port;
    int m_fd = -1;
    QByteArray m_buffer;
};

QByteArray post(quint16 port, const QString &path, const QByteArray &contentType,
                const QByteArray &extraHeaders, const QByteArray &body)
{
    return "POST " + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
           "\r\nContent-Type: " + contentType + "\r\n" + extraHeaders +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

WebhookLoad::WebhookLoad(Target target) : m_target(std::move(target)) {}

WebhookLoad::~WebhookLoad()
{
    stop();
}

void WebhookLoad::start(int webhookThreads, int callsPerSecond)
{
    m_running = true;
    for (int worker = 0; worker < webhookThreads; ++worker)
        m_threads.emplace_back(
            [this, worker, webhookThreads] { sendStatuses(worker, webhookThreads); });
    if (callsPerSecond > 0)
        m_threads.emplace_back([this, callsPerSecond] { placeCalls(callsPerSecond); });
}

void WebhookLoad::stop()
{
    m_running = false;
    for (std::thread &thread : m_threads)
        thread.join();
    m_threads.clear();
}

void WebhookLoad::sendStatuses(int worker, int workers)
{
    lowerThisThreadsPriority();
    Connection connection(m_target.port);
    const QString url = m_target.publicBaseUrl + WebhookPaths::Status;
    const QStringList cycle{QStringLiteral("ringing"), QStringLiteral("in-progress"),
                            QStringLiteral("completed")};
    // Every call in the history got SequenceNumbers below 90: start above them, so each
    // webhook is applied and the window has a change to show.
    int sequence = 1000;
    int index = worker;
    const int calls = qMax(1, m_target.historyCalls);
    while (m_running) {
        const FormParams params{
            {QStringLiteral("AccountSid"), QStringLiteral("AC") + QString(32, QLatin1Char('0'))},
            {QStringLiteral("CallSid"), historySid(calls - 1 - index)}, // newest first: on screen
            {QStringLiteral("CallStatus"), cycle.at(sequence % cycle.size())},
            {QStringLiteral("CallDuration"), QString::number(sequence % 300)},
            {QStringLiteral("SequenceNumber"), QString::number(sequence)},
        };
        const QByteArray signature = SignatureValidator::compute(m_target.authToken, url, params);
        const int status = connection.exchange(
            post(m_target.port, WebhookPaths::Status, "application/x-www-form-urlencoded",
                 "X-Twilio-Signature: " + signature + "\r\n", FormEncoding::encode(params)));
        (status == 200 ? m_webhooksServed : m_webhooksFailed)++;
        index += workers;
        if (index >= calls) {
            index = worker;
            ++sequence;
        }
    }
}

void WebhookLoad::placeCalls(int perSecond)
{
    lowerThisThreadsPriority();
    Connection connection(m_target.port);
    const auto interval = std::chrono::microseconds(1000000 / perSecond);
    auto next = std::chrono::steady_clock::now();
    for (int n = 0; m_running; ++n) {
        // The scripted numbers 0101 to 0106 answer, press keys, are busy, fail... by themselves.
        const QByteArray body = "{\"phone_number\": \"+155555501" +
                                QByteArray::number(1 + n % 6).rightJustified(2, '0') +
                                "\", \"task_title\": \"Load test " + QByteArray::number(n) +
                                "\", \"task_id\": \"LOAD-" + QByteArray::number(n) + "\"}";
        const int status =
            connection.exchange(post(m_target.port, ApiPaths::CreateCall, "application/json",
                                     "Authorization: Bearer " + m_target.apiToken + "\r\n", body));
        (status == 201 ? m_callsPlaced : m_callsFailed)++;
        next += interval;
        std::this_thread::sleep_until(next);
    }
}

} // namespace flux::bench
