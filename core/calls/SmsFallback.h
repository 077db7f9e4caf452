// SmsFallback: FLUX_SMS_FALLBACK, whether notifications text their numbers without being asked.
// Apart from TextMessageService so the configuration can read it without the service.
#pragma once

#include <QString>

#include <optional>

namespace flux::SmsFallback {

enum class Mode
{
    Off,            // only notifications whose request said sms: true
    Unacknowledged, // every notification that ends not acknowledged
    EachAttempt,    // that, and a text to each number as its attempt is placed
};

QString name(Mode mode);
std::optional<Mode> parse(const QString &name);

} // namespace flux::SmsFallback
