#include "http/Responder.h"

#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>

namespace flux {

struct Responder::State
{
    explicit State(QHttpServerResponder &&r) : responder(std::move(r)), socket(responder.socket())
    {}
    // A handler that forgot to answer must not leave the client hanging.
    ~State()
    {
        if (!sent && socket)
            write(HttpResponse::detail(500, QStringLiteral("Internal Server Error")));
    }
    void write(const HttpResponse &response)
    {
        sent = true;
        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
            return;
        responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
        responder.writeHeader(QByteArrayLiteral("Content-Type"), response.contentType);
        responder.writeHeader(QByteArrayLiteral("Content-Length"),
                              QByteArray::number(response.body.size()));
        for (const auto &[name, value] : response.headers)
            responder.writeHeader(name, value);
        responder.writeBody(response.body);
        // Hand the bytes to the kernel now: a server shutting down may close the socket before
        // the event loop would have written them.
        socket->flush();
    }

    QHttpServerResponder responder;
    QPointer<QTcpSocket> socket;
    bool sent = false;
};

Responder::Responder(QHttpServerResponder &&responder)
    : m_state(std::make_shared<State>(std::move(responder)))
{}

void Responder::send(const HttpResponse &response) const
{
    if (!m_state->sent)
        m_state->write(response);
}

bool Responder::sent() const
{
    return m_state->sent;
}

} // namespace flux
