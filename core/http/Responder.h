// Responder: a copyable handle that answers one HTTP request exactly once, now or later.
#pragma once

#include "http/HttpResponse.h"

#include <functional>
#include <memory>

class QHttpServerResponder;

namespace flux {

class Responder
{
public:
    explicit Responder(QHttpServerResponder &&responder);
    // `afterSend` runs once the answer is written (or the client has gone).
    Responder(QHttpServerResponder &&responder, std::function<void()> afterSend);
    // Answers the request; later calls on any copy do nothing. Safe after the client left.
    void send(const HttpResponse &response) const;
    bool sent() const;

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace flux
