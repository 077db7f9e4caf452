// WebhookDispatcher: the simulator's one way out to the app: it sends a few webhooks at a time
// to each host over kept-alive connections and keeps the rest waiting in order, so a request's
// time limit runs from when it goes out rather than from when a simulated call asked for it.
#pragma once

#include "simulator/WebhookRequest.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>
#include <map>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace flux {

class WebhookConnection;

class WebhookDispatcher : public QObject
{
    Q_OBJECT
public:
    // The connections open to one host, each carrying one request at a time. Webhooks wait here,
    // not in a socket's queue, so none times out while it waits its turn behind the others
    // however many a storm of calls hands over at once (TestCallStorm holds it; bench-call-storm
    // measures it). This is the number QNetworkAccessManager opens per host, which keeps the
    // app's connections and the answers it owes at once as few as they were.
    static constexpr int MaxInFlightPerHost = 6;

    using Done = std::function<void(const WebhookSender::Answer &)>;

    explicit WebhookDispatcher(QObject *parent = nullptr);
    ~WebhookDispatcher() override;

    // Sends `request` once fewer than MaxInFlightPerHost requests to its host are in flight;
    // `done` then gets the answer, later, unless `owner` is gone or has been cancelled by then.
    // http:// goes over this class's own keep-alive connections; https:// (a simulator calling
    // an app through a tunnel) through QNetworkAccessManager, which speaks TLS.
    void send(QObject *owner, WebhookRequest request, Done done);
    // Drops the requests of `owner`: those waiting, and those in flight, whose connections close.
    void cancel(QObject *owner);
    int waiting() const { return m_waitingCount; }

private:
    struct Waiting
    {
        QPointer<QObject> owner;
        QObject *ownerKey; // the address, kept after the owner is gone
        WebhookRequest request;
        Done done;
    };
    struct TlsTransfer
    {
        QNetworkReply *reply;
        QObject *ownerKey;
    };
    struct Host
    {
        QString name;
        quint16 port = 0;
        bool tls = false;
        std::deque<Waiting> waiting;
        int inFlight = 0;
        QList<WebhookConnection *> connections; // http: at most MaxInFlightPerHost, reused
        QList<TlsTransfer> transfers;           // https
    };
    void pump(Host &host);
    void startPlain(Host &host, Waiting next);
    void startTls(Host &host, Waiting next);

    QNetworkAccessManager *m_network = nullptr; // made for the first https request
    // By scheme://host:port; held by pointer, so a Host stays put while others are added.
    std::map<QString, std::unique_ptr<Host>> m_hosts;
    // Per owner, so an owner with nothing waiting (the usual case) is cancelled without a scan.
    QHash<QObject *, int> m_waitingByOwner;
    int m_waitingCount = 0;
};

} // namespace flux
