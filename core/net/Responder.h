// Responder: a copyable handle that answers one HTTP request exactly once, now or later.
#pragma once

#include "net/HttpResponse.h"
#include "net/ResponseStream.h"

#include <QPointer>

#include <memory>

namespace flux {

class HttpConnection;

class Responder
{
public:
    // Answers request number `sequence` on `connection`.
    Responder(HttpConnection *connection, quint64 sequence);
    // Answers the request; later calls on any copy do nothing. Safe after the client left.
    void send(const HttpResponse &response) const;
    bool sent() const;
    // Answers with `head` (its status, type, headers and any first bytes of the body) and keeps
    // the body open for the stream to write to: the request counts as answered, the connection
    // reads no further request and ends with the stream. A closed stream when the request was
    // answered already or the client left; to HEAD, the head alone, and a closed stream.
    ResponseStream stream(const HttpResponse &head) const;

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace flux
