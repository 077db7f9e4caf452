// VoicePrompts: what a callee hears, as TwiML, in each language the desk speaks. The sentences are
// part of the product's contract.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace flux::VoicePrompts {

// English, the default: these exact sentences are the contract scripts and tests rely on.
inline const QString TaskPrefix = QStringLiteral("Hi! This is Flux. You have a critical task: ");
inline const QString TaskSuffix = QStringLiteral(". Press 1 to acknowledge.");
inline const QString Acknowledged = QStringLiteral("Thank you. Task acknowledged. Goodbye.");
inline const QString NotAcknowledged = QStringLiteral("No acknowledgment received. Goodbye.");

namespace German {
inline const QString TaskPrefix =
    QStringLiteral("Hallo! Hier ist Flux. Sie haben eine kritische Aufgabe: ");
inline const QString TaskSuffix = QStringLiteral(". Drücken Sie 1 zum Bestätigen.");
inline const QString Acknowledged =
    QStringLiteral("Vielen Dank. Aufgabe bestätigt. Auf Wiederhören.");
inline const QString NotAcknowledged =
    QStringLiteral("Keine Bestätigung erhalten. Auf Wiederhören.");
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

} // namespace flux::VoicePrompts
