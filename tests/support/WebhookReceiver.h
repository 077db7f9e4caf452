// WebhookReceiver: the app's side for simulator tests: serves TwiML documents by name on
// /hook/{name}, checks every request's Twilio signature, and records what the simulator sent.
#pragma once

#include "api/ApiServer.h"
#include "net/FormEncoding.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace flux::test {

// One request the simulator made to the app.
struct Hit
{
    QString name; // the {name} in /hook/{name}
    QByteArray method;
    FormParams params; // the form body, or the query of a GET
    qint64 atMs = 0;

    QString value(const QString &key) const { return FormEncoding::value(params, key); }
    bool has(const QString &key) const { return FormEncoding::contains(params, key); }
};

class WebhookReceiver
{
public:
    // "status" answers 200, "slow" is held for the test (or never answered), a name in
    // `documents` answers its TwiML, anything else 500.
    explicit WebhookReceiver(const QByteArray &authToken);

    QString url(const QString &name) const { return baseUrl + QStringLiteral("/hook/") + name; }
    QList<Hit> hitsOf(const QString &name, const QString &callSid) const;
    // The call's status callbacks, by SequenceNumber.
    QList<Hit> statusCallbacks(const QString &callSid) const;
    // The first final CallStatus among the call's status callbacks, or empty.
    QString finalStatus(const QString &callSid) const;

    QByteArray token;
    ApiServer server;
    QString baseUrl;
    QHash<QString, QByteArray> documents;
    QList<Hit> hits;
    QList<Responder> held;
    QStringList rejected; // webhooks whose signature did not check out
    QElapsedTimer clock;
};

} // namespace flux::test
