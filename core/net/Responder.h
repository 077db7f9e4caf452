// Responder: a copyable handle that answers one HTTP request exactly once, now or later.
#pragma once

#include "net/HttpResponse.h"

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

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace flux
