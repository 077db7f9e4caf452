#include "net/ResponseStream.h"

#include "net/HttpConnection.h"

#include <QPointer>

namespace flux {

struct ResponseStream::State
{
    QPointer<HttpConnection> connection;
    bool closed = true;
    std::function<void()> closedCallback;

    void finish()
    {
        if (closed)
            return;
        closed = true;
        connection.clear();
        if (auto callback = std::move(closedCallback))
            callback();
    }
};

ResponseStream::ResponseStream() : m_state(std::make_shared<State>()) {}

ResponseStream::ResponseStream(std::shared_ptr<State> state) : m_state(std::move(state)) {}

ResponseStream ResponseStream::open(HttpConnection *connection)
{
    auto state = std::make_shared<State>();
    state->connection = connection;
    state->closed = false;
    // Weak: the connection must not keep a stream alive that its handler has let go of.
    const std::weak_ptr<State> weak = state;
    const auto finish = [weak] {
        if (const auto alive = weak.lock())
            alive->finish();
    };
    QObject::connect(connection, &HttpConnection::streamClosed, connection, finish);
    QObject::connect(connection, &QObject::destroyed, finish);
    return ResponseStream(std::move(state));
}

bool ResponseStream::isOpen() const
{
    return !m_state->closed;
}

bool ResponseStream::write(const QByteArray &bytes) const
{
    if (m_state->closed || !m_state->connection)
        return false;
    return m_state->connection->writeStream(bytes);
}

bool ResponseStream::backlogged() const
{
    return !m_state->closed && m_state->connection && m_state->connection->isBacklogged();
}

void ResponseStream::close() const
{
    if (m_state->closed)
        return;
    if (m_state->connection)
        m_state->connection->endStream(); // reports streamClosed, which finishes this
    m_state->finish();
}

void ResponseStream::onClosed(std::function<void()> closed) const
{
    if (m_state->closed) {
        if (closed)
            closed();
        return;
    }
    m_state->closedCallback = std::move(closed);
}

} // namespace flux
