// SimulatedCallView: a copy of one simulated call as its phone shows it, for views on other
// threads.
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace flux {

struct SimulatedCallView
{
    QString sid;
    QString from;
    QString to;
    QString status;                  // CallStatus: queued, ringing, in-progress, or a final one
    QStringList transcript;          // every <Say>, oldest first
    QStringList transcriptLanguages; // each line's language: "en-US", "de-DE", ...
    QString digits;                  // every key pressed, in order
    bool ringing = false;            // the phone rings now
    bool listening = false;          // a <Gather> takes keys now
    // One of ScriptedNumbers: it answers, presses and declines by itself, so a person cannot
    // answer or decline it.
    bool scripted = false;
    QString error;        // why the call ended early (an application error), else empty
    QString answeredBy;   // AnsweredBy once machine detection decided, else empty
    QString machine;      // "voicemail" or "fax" when a machine answered, else empty
    QStringList recorded; // what a voicemail recorded after its beep
    QDateTime created;    // UTC

    // What kind of machine answered, as the control API and the virtual phone name it.
    inline static const QString Voicemail = QStringLiteral("voicemail");
    inline static const QString Fax = QStringLiteral("fax");

    // A person may answer or decline it, or let it go to voicemail, now.
    bool answerable() const { return ringing && !scripted; }
};

} // namespace flux
