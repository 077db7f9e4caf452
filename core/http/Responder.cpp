#include "http/Responder.h"

#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>

namespace flux {

struct Responder::State
{
    State(QHttpServerResponder &&r, std::function<void()> after)
        : responder(std::move(r)), socket(responder.socket()), afterSend(std::move(after))
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
        const auto after = std::exchange(afterSend, {});
        if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
            if (after)
                after();
            return;
        }
        if (response.status == 200)
            writeOk(response);
        else
            writeThroughQt(response);
        // Hand the bytes to the kernel now: a server shutting down may close the socket before
        // the event loop would have written them.
        socket->flush();
        if (after)
            after();
    }

    // The bytes QHttpServerResponder writes for a 200, in one socket write instead of its ten or
    // more small ones: every webhook answer takes this way.
    void writeOk(const HttpResponse &response)
    {
        const QByteArray length = QByteArray::number(response.body.size());
        QByteArray bytes;
        bytes.reserve(96 + response.contentType.size() + response.body.size());
        bytes += "HTTP/1.1 200 OK\r\nContent-Type: ";
        bytes += response.contentType;
        bytes += "\r\nContent-Length: ";
        bytes += length;
        bytes += "\r\n";
        for (const auto &[name, value] : response.headers) {
            bytes += name;
            bytes += ": ";
            bytes += value;
            bytes += "\r\n";
        }
        bytes += "\r\n";
        bytes += response.body;
        socket->write(bytes);
    }
    // Other statuses take Qt's reason phrases as they are.
    void writeThroughQt(const HttpResponse &response)
    {
        responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
        responder.writeHeader(QByteArrayLiteral("Content-Type"), response.contentType);
        responder.writeHeader(QByteArrayLiteral("Content-Length"),
                              QByteArray::number(response.body.size()));
        for (const auto &[name, value] : response.headers)
            responder.writeHeader(name, value);
        responder.writeBody(response.body);
    }

    QHttpServerResponder responder;
    QPointer<QTcpSocket> socket;
    std::function<void()> afterSend;
    bool sent = false;
};

Responder::Responder(QHttpServerResponder &&responder) : Responder(std::move(responder), {}) {}

Responder::Responder(QHttpServerResponder &&responder, std::function<void()> afterSend)
    : m_state(std::make_shared<State>(std::move(responder), std::move(afterSend)))
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
