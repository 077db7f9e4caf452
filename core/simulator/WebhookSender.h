// WebhookSender: the signed HTTP requests the simulator makes to an app, as Twilio makes them.
#pragma once

#include "net/FormEncoding.h"

#include <QObject>

#include <functional>

namespace flux {

class WebhookDispatcher;

class WebhookSender : public QObject
{
    Q_OBJECT
public:
    struct Answer
    {
        int httpStatus = 0; // 0 when no HTTP answer came
        QByteArray body;
        QString error; // empty when the app answered 2xx; otherwise why the request failed
    };
    using Done = std::function<void(const Answer &)>;

    WebhookSender(WebhookDispatcher *dispatcher, QByteArray authToken, int timeoutMs,
                  QObject *parent = nullptr);
    // Aborts what is still in flight without calling back: the owner may be half destroyed.
    ~WebhookSender() override;

    // POST sends `params` as a form body; GET appends them to the URL's query. Either way the
    // request carries X-Twilio-Signature over the URL as sent. The time limit runs from when
    // the dispatcher lets the request out. `done` is always called later,
    // never from inside send(), and never after abortAll().
    void send(const QString &method, const QString &url, const FormParams &params, Done done = {});
    void abortAll();

private:
    WebhookDispatcher *m_dispatcher;
    QByteArray m_authToken;
    int m_timeoutMs;
    int m_generation = 0; // bumped by abortAll(), so answers already scheduled are dropped
};

} // namespace flux
