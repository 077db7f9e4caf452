// SimulatedCallRecord: what the simulator still tells about one call: the Call resource of
// Twilio's REST API, and the call as its phone experienced it (GET /sim/calls, the virtual
// phone). A live SimulatedCall keeps one up to date; once the call has ended and its webhooks
// are done, this record is all the simulator keeps of it.
#pragma once

#include "simulator/SimulatedCallView.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace flux {

struct SimulatedCallRecord
{
    qint64 number = 0; // the nth call placed since the simulator started: lists keep this order
    QString sid;
    QString to;
    QString from;
    QString status;    // CallStatus
    QDateTime created; // UTC, as every time below
    QDateTime updated;
    QDateTime started;               // dialling began; invalid before
    QDateTime ended;                 // invalid until the call ends
    int durationSeconds = -1;        // from answer to end, once ended (0 when never answered)
    QStringList transcript;          // every <Say>, oldest first
    QStringList transcriptLanguages; // each line's language
    QString digits;                  // every key pressed, in order
    QString error;                   // why the call ended early (an application error)
    bool scripted = false;           // one of ScriptedNumbers, which plays its part by itself
    // AnsweredBy once answering-machine detection has decided; empty without detection, and
    // until it decides (the resource's answered_by is null then).
    QString answeredBy;
    QString machine;      // SimulatedCallView::Voicemail or ::Fax when one answered, else empty
    QStringList recorded; // what a voicemail recorded after its beep, one line per <Say>

    // The Call resource as Twilio's REST API answers it: its JSON bytes, written directly
    // rather than through a QJsonObject, since every create sends one (bench-server.sh).
    QByteArray resourceBytes(const QString &accountSid, const QString &phoneNumberSid) const;
    // What the control API shows; `listening`: a <Gather> takes keys now.
    QJsonObject controlJson(bool listening) const;
    SimulatedCallView view(bool listening) const;
    // Gives back the spare capacity the live call's growing lists and strings kept.
    void squeeze();

    // Twilio's dates, in UTC: "Wed, 25 Nov 2026 19:31:44 +0000".
    static QString twilioDate(const QDateTime &time);
    // What every simulated call carries as ApiVersion and Direction, in callbacks and resources.
    inline static const QString ApiVersion = QStringLiteral("2010-04-01");
    inline static const QString OutboundApi = QStringLiteral("outbound-api");
};

} // namespace flux
