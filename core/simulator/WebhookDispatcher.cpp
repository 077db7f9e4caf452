#include "simulator/WebhookDispatcher.h"

#include "simulator/WebhookConnection.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <algorithm>

namespace flux {

WebhookDispatcher::WebhookDispatcher(QObject *parent) : QObject(parent) {}

WebhookDispatcher::~WebhookDispatcher()
{
    // Nothing is answered from here on: the connections and replies go with this object.
    for (auto &[key, host] : m_hosts) {
        for (const TlsTransfer &transfer : std::as_const(host->transfers))
            transfer.reply->disconnect(this);
    }
}

void WebhookDispatcher::send(QObject *owner, WebhookRequest request, Done done)
{
    std::unique_ptr<Host> &host = m_hosts[request.hostKey()];
    if (!host) {
        host = std::make_unique<Host>();
        host->name = request.url.host();
        host->tls = request.url.scheme() == QLatin1String("https");
        host->port = quint16(request.url.port(host->tls ? 443 : 80));
    }
    host->waiting.push_back({owner, owner, std::move(request), std::move(done)});
    ++m_waitingCount;
    ++m_waitingByOwner[owner];
    pump(*host);
}

void WebhookDispatcher::cancel(QObject *owner)
{
    const bool hadWaiting = m_waitingByOwner.remove(owner);
    for (auto &[key, host] : m_hosts) {
        if (hadWaiting) {
            auto &queue = host->waiting;
            const auto before = queue.size();
            queue.erase(
                std::remove_if(queue.begin(), queue.end(),
                               [owner](const Waiting &each) { return each.ownerKey == owner; }),
                queue.end());
            m_waitingCount -= int(before - queue.size());
        }
        bool freed = false;
        for (WebhookConnection *connection : std::as_const(host->connections)) {
            if (connection->owner() == owner) {
                connection->abort();
                --host->inFlight;
                freed = true;
            }
        }
        for (qsizetype i = host->transfers.size() - 1; i >= 0; --i) {
            const TlsTransfer transfer = host->transfers.at(i);
            if (transfer.ownerKey != owner)
                continue;
            host->transfers.removeAt(i);
            transfer.reply->disconnect(this);
            transfer.reply->abort();
            transfer.reply->deleteLater();
            --host->inFlight;
            freed = true;
        }
        // Later, as QNetworkAccessManager's aborts did: while the simulator ends every call
        // in turn, a request let out now would only be cancelled by the next one.
        if (freed)
            QMetaObject::invokeMethod(
                this, [this, where = host.get()] { pump(*where); }, Qt::QueuedConnection);
    }
}

void WebhookDispatcher::pump(Host &host)
{
    // Starting a request never answers one (answers come from the event loop), so nothing
    // here runs an owner's code and the queue cannot change under this loop.
    while (host.inFlight < MaxInFlightPerHost && !host.waiting.empty()) {
        Waiting next = std::move(host.waiting.front());
        host.waiting.pop_front();
        --m_waitingCount;
        if (const auto left = m_waitingByOwner.find(next.ownerKey);
            left != m_waitingByOwner.end() && --left.value() == 0)
            m_waitingByOwner.erase(left);
        if (!next.owner)
            continue;
        ++host.inFlight;
        if (host.tls)
            startTls(host, std::move(next));
        else
            startPlain(host, std::move(next));
    }
}

void WebhookDispatcher::startPlain(Host &host, Waiting next)
{
    // An idle connection that is still open saves a handshake; any idle one saves an object.
    WebhookConnection *chosen = nullptr;
    for (WebhookConnection *connection : std::as_const(host.connections)) {
        if (connection->busy())
            continue;
        if (connection->open()) {
            chosen = connection;
            break;
        }
        if (!chosen)
            chosen = connection;
    }
    if (!chosen) {
        chosen = new WebhookConnection(host.name, host.port, this);
        host.connections.append(chosen);
    }
    chosen->start(std::move(next.request), next.ownerKey,
                  [this, self = QPointer<WebhookDispatcher>(this), where = &host,
                   owner = next.owner,
                   done = std::move(next.done)](const WebhookSender::Answer &answer) {
                      // The slot is free before the owner hears: it may send again from `done`.
                      --where->inFlight;
                      if (owner && done)
                          done(answer);
                      // `done` may have ended the simulator, and this dispatcher with it.
                      if (self)
                          pump(*where);
                  });
}

void WebhookDispatcher::startTls(Host &host, Waiting next)
{
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    const WebhookRequest &request = next.request;
    QNetworkRequest out(request.url);
    out.setTransferTimeout(request.timeoutMs);
    out.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("TwilioProxy/1.1"));
    out.setRawHeader("Accept", "*/*");
    out.setRawHeader("X-Twilio-Signature", request.signature);
    if (request.post)
        out.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded; charset=utf-8"));
    QNetworkReply *reply = request.post ? m_network->post(out, request.body) : m_network->get(out);
    host.transfers.append({reply, next.ownerKey});
    connect(reply, &QNetworkReply::finished, this,
            [this, where = &host, reply, owner = next.owner, request = std::move(next.request),
             done = std::move(next.done)] {
                where->transfers.removeIf(
                    [reply](const TlsTransfer &each) { return each.reply == reply; });
                reply->deleteLater();
                --where->inFlight;
                const int status =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                WebhookSender::Answer answer;
                if (status > 0)
                    answer = request.answered(status, reply->readAll());
                else if (reply->error() == QNetworkReply::OperationCanceledError)
                    // cancel() disconnects first, so a cancel seen here is the transfer timeout.
                    answer = request.timedOut();
                else
                    answer = request.unreachable(reply->errorString());
                if (owner && done)
                    done(answer);
                pump(*where);
            });
}

} // namespace flux
