// WebhookDispatcher: the simulator's one way out to the app: it sends a few webhooks at a time
// to each host and keeps the rest waiting in order, so a request's time limit runs from when it
// goes out rather than from when a simulated call asked for it.
#pragma once

#include <QHash>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace flux {

class WebhookDispatcher : public QObject
{
    Q_OBJECT
public:
    // QNetworkAccessManager opens at most this many connections to one host. Handed thousands
    // of webhooks at once (a storm of calls), it failed thousands of them on their transfer
    // timeout while they waited behind those connections; handed no more than it sends at once,
    // none (bench-call-storm, TestCallStorm).
    static constexpr int MaxInFlightPerHost = 6;

    explicit WebhookDispatcher(QObject *parent = nullptr);

    // Sends `request` (a POST of `body`, or a GET) once fewer than MaxInFlightPerHost requests
    // to its host are in flight; `started` then gets the reply, unless `owner` is gone or has
    // been cancelled by then.
    void send(QObject *owner, const QNetworkRequest &request, bool post, const QByteArray &body,
              std::function<void(QNetworkReply *)> started);
    // Drops the requests of `owner` that have not gone out yet.
    void cancel(QObject *owner);
    int waiting() const { return m_waitingCount; }

private:
    struct Waiting
    {
        QPointer<QObject> owner;
        QObject *ownerKey; // the address, kept after the owner is gone
        QNetworkRequest request;
        bool post = false;
        QByteArray body;
        std::function<void(QNetworkReply *)> started;
    };
    void pump(const QString &host);

    QNetworkAccessManager *m_network;
    QHash<QString, std::deque<Waiting>> m_waiting; // by scheme://host:port
    QHash<QString, int> m_inFlight;
    // Per owner, so an owner with nothing waiting (the usual case) is cancelled without a scan.
    QHash<QObject *, int> m_waitingByOwner;
    int m_waitingCount = 0;
};

} // namespace flux
