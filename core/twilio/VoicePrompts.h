// VoicePrompts: what a callee hears, as TwiML. The sentences are part of the product's contract.
#pragma once

#include <QByteArray>
#include <QString>

namespace flux::VoicePrompts {

inline const QString TaskPrefix = QStringLiteral("Hi! This is Flux. You have a critical task: ");
inline const QString TaskSuffix = QStringLiteral(". Press 1 to acknowledge.");
inline const QString Acknowledged = QStringLiteral("Thank you. Task acknowledged. Goodbye.");
inline const QString NotAcknowledged = QStringLiteral("No acknowledgment received. Goodbye.");
inline const QString AcknowledgeDigit = QStringLiteral("1");
// Twilio refuses <Say> text longer than this many characters.
constexpr int MaxSayLength = 4000;
// Seconds the callee has to press a key once the sentence has been read.
constexpr int GatherTimeoutSeconds = 10;

QString taskSentence(const QString &taskTitle);
// <Gather input="dtmf" numDigits="1" action=gatherUrl actionOnEmptyResult="true"><Say>…</Say>
// </Gather>: the action is called with or without a key, so silence is recorded too.
QByteArray taskPrompt(const QString &taskTitle, const QString &gatherUrl);
QByteArray gatherAnswer(bool acknowledged);

} // namespace flux::VoicePrompts
