// ApiReply: one answer of the desk's API to the command line, or why none came.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace flux {

struct ApiReply
{
    int status = 0; // the HTTP status; 0 when no answer came
    QByteArray body;
    QString networkError; // why no answer came, when status is 0

    bool answered() const { return status != 0; }
    bool succeeded() const { return status >= 200 && status < 300; }
    // The body as a JSON object; empty when it is not one.
    QJsonObject json() const;
    // One line for the user: "HTTP 401: Invalid API token", a 422's fields and messages, or the
    // network error.
    QString describeError() const;
};

} // namespace flux
