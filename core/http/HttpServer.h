// HttpServer: the route table's dispatcher over QAbstractHttpServer; parsing, signature checks
// and error shaping happen here once, before any handler runs.
#pragma once

#include "http/Route.h"
#include "twilio/SignatureValidator.h"

#include <QAbstractHttpServer>
#include <QHostAddress>

namespace flux {

class HttpServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit HttpServer(QObject *parent = nullptr);

    void addRoutes(const QList<Route> &routes);
    const QList<Route> &routes() const { return m_routes; }

    // Webhook routes are checked against `publicBaseUrl` + path + query with this validator.
    void setWebhookSignature(const SignatureValidator &validator, const QString &publicBaseUrl);

    // Returns the bound port, or 0 when the address could not be bound.
    quint16 listenOn(const QHostAddress &address, quint16 port);
    quint16 port() const { return m_port; }

    // For shutdown: no new connections, and every request still arriving on an open one is
    // answered 503 before any handler runs, so nothing is written for it.
    void stopAccepting();
    bool isAccepting() const { return m_accepting; }

Q_SIGNALS:
    void webhookAccepted(const QString &path);
    void webhookRejected(const QString &path, const QString &reason);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Match;
    Match match(const QByteArray &method, const QString &path) const;
    QString signedUrl(const HttpRequest &request) const;

    QList<Route> m_routes;
    SignatureValidator m_validator;
    QString m_publicBaseUrl;
    quint16 m_port = 0;
    bool m_accepting = true;
};

} // namespace flux
