#include "net/Responder.h"

#include "net/HttpConnection.h"

namespace flux {

struct Responder::State
{
    State(HttpConnection *c, quint64 s) : connection(c), sequence(s) {}
    // A handler that forgot to answer must not leave the client hanging.
    ~State()
    {
        if (!sent)
            write(HttpResponse::detail(HttpStatus::InternalServerError,
                                       QStringLiteral("Internal Server Error")));
    }
    void write(const HttpResponse &response)
    {
        sent = true;
        if (connection)
            connection->answer(sequence, response);
    }

    QPointer<HttpConnection> connection;
    quint64 sequence;
    bool sent = false;
};

Responder::Responder(HttpConnection *connection, quint64 sequence)
    : m_state(std::make_shared<State>(connection, sequence))
{}

void Responder::send(const HttpResponse &response) const
{
    if (!m_state->sent)
        m_state->write(response);
}

ResponseStream Responder::stream(const HttpResponse &head) const
{
    if (m_state->sent)
        return {};
    m_state->sent = true;
    HttpConnection *connection = m_state->connection;
    if (!connection || !connection->beginStream(m_state->sequence, head))
        return {};
    return ResponseStream::open(connection);
}

bool Responder::sent() const
{
    return m_state->sent;
}

} // namespace flux
