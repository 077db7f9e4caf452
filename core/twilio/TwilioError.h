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

    // One line for people and for the API's {"detail": ...}; never holds credentials.
    QString describe() const
    {
        switch (kind) {
        case Kind::Api:
            return QStringLiteral("Twilio error %1: %2").arg(code).arg(message);
        case Kind::Network:
            return QStringLiteral("Could not reach Twilio: %1").arg(message);
        case Kind::Timeout:
            return QStringLiteral("Twilio did not answer in time: %1").arg(message);
        case Kind::BadAnswer:
            return QStringLiteral("Twilio gave an answer that could not be read: %1").arg(message);
        }
        return message;
    }
};

} // namespace flux
