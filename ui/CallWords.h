// CallWords: the words a person reads for Twilio's statuses, the reasons a call was not
// acknowledged, and who answered, in the window's language (the stored values stay English).
#pragma once

#include <QCoreApplication>
#include <QString>

namespace flux {

class CallWords
{
    Q_DECLARE_TR_FUNCTIONS(CallWords)

public:
    // "ringing", "in progress", ...; a status Twilio added that we do not know, as it came.
    static QString status(const QString &status);
    // "busy", "no answer", "voicemail", "declined", "no key pressed", ...
    static QString reason(const QString &reason);
    // "a person", "a voicemail", "a fax machine", "could not tell".
    static QString answeredBy(const QString &answeredBy);
};

} // namespace flux
