#include "simulator/WebhookDispatcher.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace flux {

namespace {
QString hostKey(const QUrl &url)
{
    return url.scheme() + QLatin1String("://") + url.host() + QLatin1Char(':') +
           QString::number(url.port());
}
} // namespace

WebhookDispatcher::WebhookDispatcher(QObject *parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this))
{}

void WebhookDispatcher::send(QObject *owner, const QNetworkRequest &request, bool post,
                             const QByteArray &body, std::function<void(QNetworkReply *)> started)
{
    const QString host = hostKey(request.url());
    m_waiting[host].push_back({owner, owner, request, post, body, std::move(started)});
    ++m_waitingCount;
    ++m_waitingByOwner[owner];
    pump(host);
}

void WebhookDispatcher::cancel(QObject *owner)
{
    if (!m_waitingByOwner.remove(owner))
        return;
    for (auto &queue : m_waiting) {
        const auto before = queue.size();
        queue.erase(std::remove_if(queue.begin(), queue.end(),
                                   [owner](const Waiting &each) { return each.owner == owner; }),
                    queue.end());
        m_waitingCount -= int(before - queue.size());
    }
}

void WebhookDispatcher::pump(const QString &host)
{
    // Looked up on each turn: `started` may send again, and an insert may move the hashes.
    while (m_inFlight.value(host) < MaxInFlightPerHost && !m_waiting[host].empty()) {
        auto &queue = m_waiting[host];
        Waiting next = std::move(queue.front());
        queue.pop_front();
        --m_waitingCount;
        if (const auto left = m_waitingByOwner.find(next.ownerKey);
            left != m_waitingByOwner.end() && --left.value() == 0)
            m_waitingByOwner.erase(left);
        if (!next.owner)
            continue;
        QNetworkReply *reply =
            next.post ? m_network->post(next.request, next.body) : m_network->get(next.request);
        ++m_inFlight[host];
        // Connected before the owner's handler, so the slot is free again when it runs; an
        // abort emits finished too.
        connect(reply, &QNetworkReply::finished, this, [this, host] {
            --m_inFlight[host];
            // Later, not from inside the reply's signal: the owner may send again from it.
            QMetaObject::invokeMethod(
                this, [this, host] { pump(host); }, Qt::QueuedConnection);
        });
        next.started(reply);
    }
}

} // namespace flux
