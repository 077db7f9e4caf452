// OutcomeReceiver: a loopback receiver of outcome webhooks for tests. It answers each POST with
// the next status of its script (then 200), records what came, and checks each Flux-Signature
// with an HMAC-SHA256 of its own, independently of the sender's code.
#pragma once

#include "net/HttpServer.h"
#include "net/RequestHandler.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace flux::test {

struct OutcomePost
{
    QByteArray body;
    QByteArray signature; // the Flux-Signature header
    QByteArray path;
    qint64 receivedAtSecs = 0;

    QJsonObject json() const;
    QString eventId() const { return json().value(QStringLiteral("id")).toString(); }
};

class OutcomeReceiver : public RequestHandler
{
public:
    // Whether `header` ("t=...,v1=...") signs `body` with `secret`, and its t is within
    // `toleranceSecs` of `nowSecs`: what a receiver does before it trusts an event.
    static bool verify(const QByteArray &header, const QByteArray &body, const QByteArray &secret,
                       qint64 nowSecs, qint64 toleranceSecs = 300);

    // Listens on 127.0.0.1:`port` (0: any free port); port() is 0 when it could not.
    explicit OutcomeReceiver(quint16 port = 0);

    QString url(const QString &path = QStringLiteral("/outcome")) const;
    quint16 port() const { return m_port; }

    QList<int> script;  // the statuses to answer with, in order; 200 once used up
    QString redirectTo; // a 3xx in the script sends Location: this
    QList<OutcomePost> posts;

    void handleRequest(HttpRequest &request, const Responder &responder) override;

private:
    HttpServer m_server;
    quint16 m_port = 0;
};

} // namespace flux::test
