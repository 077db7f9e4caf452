// TwilioError: why a Twilio REST request failed: Twilio's own error, or the network.
#pragma once

#include <QString>

namespace flux {

struct TwilioError
{
    enum class Kind
    {
        Api,
        Network,
        Timeout,
        BadAnswer
    };
    Kind kind = Kind::Api;
    int httpStatus = 0; // 0 when no HTTP answer came
    int code = 0;       // Twilio's error code, e.g. 21211
    QString message;
    QString moreInfo;
    int retryAfterMs = -1;   // Twilio's Retry-After, when it sent one
    bool requestSent = true; // false when the connection failed before the request went out
    int attempts = 1;        // how many times the request was sent (or tried) in all

    // One line for people and for the API's {"detail": ...}; never holds credentials.
    QString describe() const
    {
        const QString tries =
            attempts > 1 ? QStringLiteral(" (%1 attempts)").arg(attempts) : QString();
        switch (kind) {
        case Kind::Api:
            return QStringLiteral("Twilio error %1: %2%3").arg(code).arg(message, tries);
        case Kind::Network:
            return QStringLiteral("Could not reach Twilio: %1%2").arg(message, tries);
        case Kind::Timeout:
            return QStringLiteral("Twilio did not answer in time: %1%2").arg(message, tries);
        case Kind::BadAnswer:
            return QStringLiteral("Twilio gave an answer that could not be read: %1%2")
                .arg(message, tries);
        }
        return message;
    }
};

} // namespace flux
