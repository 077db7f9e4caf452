// VoicePrompts: what a callee hears, as TwiML, in each language the desk speaks. The sentences are
// part of the product's contract.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace flux::VoicePrompts {

// English, the default: these exact sentences are the contract scripts and tests rely on.
inline const QString TaskPrefix = QStringLiteral("Hi! This is Flux. You have a critical task: ");
inline const QString TaskSuffix = QStringLiteral(". Press 1 to acknowledge.");
inline const QString Acknowledged = QStringLiteral("Thank you. Task acknowledged. Goodbye.");
inline const QString NotAcknowledged = QStringLiteral("No acknowledgment received. Goodbye.");
// The menu around the seed's sentences. %1 is the key, spoken ("2", "star", "pound").
inline const QString KeyHeard = QStringLiteral("You pressed %1.");
inline const QString MenuHint =
    QStringLiteral("Press 1 to acknowledge, or press star to hear the message again.");
inline const QString RepeatHint = QStringLiteral("Press star to hear this again.");
// What an answering machine records. %1 is the task title.
inline const QString Voicemail =
    QStringLiteral("Hi! This is Flux with a critical task: %1. It has not been acknowledged. "
                   "You may be called again. Goodbye.");
inline const QString StarKey = QStringLiteral("star");
inline const QString PoundKey = QStringLiteral("pound");
// Escalation: said only when someone is called after this callee.
inline const QString PassOnHint = QStringLiteral("Press 2 to pass it on to the next person.");
inline const QString PassedOn = QStringLiteral("Passing the task on to the next person. Goodbye.");
// To someone called after the task was acknowledged. %1 who, %2 the time (UTC).
inline const QString AlreadyAcknowledged =
    QStringLiteral("This task was already acknowledged by %1 at %2 UTC. Thank you. Goodbye.");
inline const QString Canceled = QStringLiteral("This task was canceled. Goodbye.");

namespace German {
inline const QString TaskPrefix =
    QStringLiteral("Hallo! Hier ist Flux. Sie haben eine kritische Aufgabe: ");
inline const QString TaskSuffix = QStringLiteral(". Drücken Sie 1 zum Bestätigen.");
inline const QString Acknowledged =
    QStringLiteral("Vielen Dank. Aufgabe bestätigt. Auf Wiederhören.");
inline const QString NotAcknowledged =
    QStringLiteral("Keine Bestätigung erhalten. Auf Wiederhören.");
inline const QString KeyHeard = QStringLiteral("Sie haben %1 gedrückt.");
inline const QString MenuHint = QStringLiteral(
    "Drücken Sie 1 zum Bestätigen, oder Stern, um die Nachricht noch einmal zu hören.");
inline const QString RepeatHint = QStringLiteral("Drücken Sie Stern, um sie noch einmal zu hören.");
inline const QString Voicemail =
    QStringLiteral("Hallo! Hier ist Flux mit einer kritischen Aufgabe: %1. Sie wurde noch nicht "
                   "bestätigt. Wir rufen Sie eventuell noch einmal an. Auf Wiederhören.");
inline const QString StarKey = QStringLiteral("Stern");
inline const QString PoundKey = QStringLiteral("Raute");
inline const QString PassOnHint =
    QStringLiteral("Drücken Sie 2, um sie an die nächste Person weiterzugeben.");
inline const QString PassedOn =
    QStringLiteral("Die Aufgabe geht an die nächste Person. Auf Wiederhören.");
inline const QString AlreadyAcknowledged = QStringLiteral(
    "Diese Aufgabe wurde bereits von %1 um %2 UTC bestätigt. Vielen Dank. Auf Wiederhören.");
inline const QString Canceled = QStringLiteral("Diese Aufgabe wurde abgebrochen. Auf Wiederhören.");
} // namespace German

inline const QString AcknowledgeDigit = QStringLiteral("1");
// Whether a keypress acknowledges the task: the one rule for what is stored and what is said.
inline bool acknowledges(const QString &digits)
{
    return digits == AcknowledgeDigit;
}
// Twilio refuses <Say> text longer than this many characters.
constexpr int MaxSayLength = 4000;
// Seconds the callee has to press a key once the sentence has been read.
constexpr int GatherTimeoutSeconds = 10;

// One spoken language: FLUX_LANGUAGE's code, the <Say language> Twilio speaks it in, and its
// sentences.
struct Language
{
    QString code;        // "en", "de": FLUX_LANGUAGE and the UI translation's suffix
    QString sayLanguage; // "en-US", "de-DE": <Say language="...">
    QString taskPrefix;
    QString taskSuffix;
    QString acknowledged;
    QString notAcknowledged;
    QString keyHeard;            // "You pressed %1."
    QString menuHint;            // how to acknowledge or repeat
    QString repeatHint;          // after a repeated message
    QString voicemail;           // "... %1 ..." for an answering machine
    QString starKey;             // "*" as spoken
    QString poundKey;            // "#" as spoken
    QString passOnHint;          // how to pass the task on, when someone is called next
    QString passedOn;            // the goodbye after passing it on
    QString alreadyAcknowledged; // "... by %1 at %2 ..."
    QString canceled;
};

// How the callee is spoken to: the language, and Twilio's voice for every <Say> (FLUX_VOICE,
// e.g. "Polly.Joanna-Neural"; empty: Twilio's default voice for the language).
struct Speech
{
    QString language = QStringLiteral("en");
    QString voice;
};

inline const QString DefaultLanguage = QStringLiteral("en");

// Every language the desk speaks, English first.
const QList<Language> &languages();
// The language of `code`, or English for a code it does not know.
const Language &language(const QString &code);
bool isSupported(const QString &code);
// The most characters any language's task sentence adds around the title.
int longestTaskFrame();

QString taskSentence(const QString &taskTitle, const QString &languageCode = DefaultLanguage);
// <Gather input="dtmf" numDigits="1" action=gatherUrl actionOnEmptyResult="true">
// <Say language=…>…</Say></Gather>: the action is called with or without a key, so silence is
// recorded too.
QByteArray taskPrompt(const QString &taskTitle, const QString &gatherUrl,
                      const QString &languageCode = DefaultLanguage);
QByteArray gatherAnswer(bool acknowledged, const QString &languageCode = DefaultLanguage);

// The same, spoken with `speech`'s voice.
QByteArray taskPrompt(const QString &taskTitle, const QString &gatherUrl, const Speech &speech);
// With `passOn`, the hint that 2 passes the task on follows the sentence (someone is called
// after this callee).
QByteArray taskPrompt(const QString &taskTitle, const QString &gatherUrl, const Speech &speech,
                      bool passOn);
// The key that passes the task on, where it is offered.
inline const QString PassOnDigit = QStringLiteral("2");
// The goodbye after 2 passed the task on.
QByteArray passedOn(const Speech &speech);
// For a call whose task someone else acknowledged first: who and when, then goodbye.
QByteArray alreadyAcknowledged(const QString &who, const QDateTime &when, const Speech &speech);
// For a call whose notification was canceled while it rang.
QByteArray canceled(const Speech &speech);
// A key as the callee hears it named: "2", "star", "pound".
QString spokenKey(const QString &key, const QString &languageCode = DefaultLanguage);
// The message again, after `heardKey` when the callee pressed a key that does nothing ("You
// pressed 2. Press 1 to acknowledge, or press star ..."), with a hint that star repeats it.
QByteArray repeatPrompt(const QString &taskTitle, const QString &gatherUrl, const Speech &speech,
                        const QString &heardKey = {}, bool passOn = false);
// The last words: the seed's acknowledged or not-acknowledged goodbye, after "You pressed 2."
// when `heardKey` is a key that declined.
QByteArray goodbye(bool acknowledged, const Speech &speech, const QString &heardKey = {});
// For an answering machine: the task, that it is not acknowledged, that a call may come again.
QByteArray voicemailMessage(const QString &taskTitle, const Speech &speech);
// <Response><Hangup/></Response>: for a fax, or a machine when no message is left.
QByteArray hangUp();

} // namespace flux::VoicePrompts
