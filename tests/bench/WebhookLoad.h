// WebhookLoad: hammers a running engine the way a busy Twilio would: signed status webhooks for
// calls in its history as fast as they are answered, from threads of their own, plus new calls
// placed through the API so the simulator's own webhooks stream in too.
#pragma once

#include <QByteArray>
#include <QString>

#include <atomic>
#include <thread>
#include <vector>

namespace flux::bench {

class WebhookLoad
{
public:
    struct Target
    {
        quint16 port = 0;
        QString publicBaseUrl; // what the signatures cover
        QByteArray authToken;  // the simulator's: it signs the webhooks
        QByteArray apiToken;   // for POST /notifications/call
        int historyCalls = 0;  // status webhooks go to calls 0 .. historyCalls-1
    };

    explicit WebhookLoad(Target target);
    ~WebhookLoad();

    // `webhookThreads` keep-alive connections sending status webhooks back to back; one more
    // places `callsPerSecond` calls to the simulator's scripted numbers. The load threads run
    // at a lower priority: real load comes from other machines, not from the window's CPU.
    void start(int webhookThreads, int callsPerSecond);
    void stop();

    long webhooksServed() const { return m_webhooksServed; }
    long webhooksFailed() const { return m_webhooksFailed; }
    long callsPlaced() const { return m_callsPlaced; }
    long callsFailed() const { return m_callsFailed; }

private:
    void sendStatuses(int worker, int workers);
    void placeCalls(int perSecond);

    Target m_target;
    std::atomic<bool> m_running{false};
    std::atomic<long> m_webhooksServed{0};
    std::atomic<long> m_webhooksFailed{0};
    std::atomic<long> m_callsPlaced{0};
    std::atomic<long> m_callsFailed{0};
    std::vector<std::thread> m_threads;
};

} // namespace flux::bench
