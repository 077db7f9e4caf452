// ResponseStream: a response whose body the handler goes on writing, a piece at a time, for as
// long as it keeps the stream open (a feed, a long poll). Close-delimited: no Content-Length, and
// the connection ends with the body.
#pragma once

#include <QByteArray>

#include <functional>
#include <memory>

namespace flux {

class HttpConnection;

class ResponseStream
{
public:
    // A stream that is closed already: what a handler gets when the client left before the head
    // could be written.
    ResponseStream();

    bool isOpen() const;
    // Appends `bytes` to the body; false (and nothing written) once the stream is closed.
    bool write(const QByteArray &bytes) const;
    // Ends the body: the connection closes once what was written has reached the client.
    void close() const;
    // More is written than the client has read (the server's write backlog): a writer that can
    // wait should, until it is not. A client that stays behind is closed after the client timeout.
    bool backlogged() const;
    // `closed` runs once, when the stream ends for any reason: close(), the client left or read
    // too slowly, the server stopped. At once when it is closed already. Only the latest counts.
    void onClosed(std::function<void()> closed) const;

private:
    friend class Responder;
    struct State;
    explicit ResponseStream(std::shared_ptr<State> state);
    static ResponseStream open(HttpConnection *connection);

    std::shared_ptr<State> m_state;
};

} // namespace flux
