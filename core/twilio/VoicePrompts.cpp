#include "twilio/VoicePrompts.h"

#include "twilio/TwimlDocument.h"

#include <algorithm>

namespace flux::VoicePrompts {

namespace {

// Always named, English too: what Twilio speaks then never rests on its account-wide default.
TwimlNode say(const Language &language, const QString &text)
{
    TwimlNode node = TwimlNode::element(QStringLiteral("Say"), text);
    node.attr(QStringLiteral("language"), language.sayLanguage);
    return node;
}

} // namespace

const QList<Language> &languages()
{
    static const QList<Language> all = {
        {DefaultLanguage, QStringLiteral("en-US"), TaskPrefix, TaskSuffix, Acknowledged,
         NotAcknowledged},
        {QStringLiteral("de"), QStringLiteral("de-DE"), German::TaskPrefix, German::TaskSuffix,
         German::Acknowledged, German::NotAcknowledged},
    };
    return all;
}

const Language &language(const QString &code)
{
    for (const Language &candidate : languages()) {
        if (candidate.code == code)
            return candidate;
    }
    return languages().first();
}

bool isSupported(const QString &code)
{
    return std::any_of(languages().begin(), languages().end(),
                       [&](const Language &candidate) { return candidate.code == code; });
}

int longestTaskFrame()
{
    qsizetype longest = 0;
    for (const Language &candidate : languages())
        longest = std::max(longest, candidate.taskPrefix.size() + candidate.taskSuffix.size());
    return int(longest);
}

QString taskSentence(const QString &taskTitle, const QString &languageCode)
{
    const Language &spoken = language(languageCode);
    return spoken.taskPrefix + taskTitle + spoken.taskSuffix;
}

QByteArray taskPrompt(const QString &taskTitle, const QString &gatherUrl,
                      const QString &languageCode)
{
    TwimlNode gather = TwimlNode::element(QStringLiteral("Gather"));
    gather.attr(QStringLiteral("input"), QStringLiteral("dtmf"))
        .attr(QStringLiteral("numDigits"), QStringLiteral("1"))
        .attr(QStringLiteral("timeout"), QString::number(GatherTimeoutSeconds))
        .attr(QStringLiteral("action"), gatherUrl)
        .attr(QStringLiteral("method"), QStringLiteral("POST"))
        .attr(QStringLiteral("actionOnEmptyResult"), QStringLiteral("true"))
        .child(say(language(languageCode), taskSentence(taskTitle, languageCode)));
    TwimlNode response = TwimlNode::element(QStringLiteral("Response"));
    response.child(gather);
    return TwimlDocument::write(response);
}

QByteArray gatherAnswer(bool acknowledged, const QString &languageCode)
{
    const Language &spoken = language(languageCode);
    TwimlNode response = TwimlNode::element(QStringLiteral("Response"));
    response.child(say(spoken, acknowledged ? spoken.acknowledged : spoken.notAcknowledged))
        .child(TwimlNode::element(QStringLiteral("Hangup")));
    return TwimlDocument::write(response);
}

} // namespace flux::VoicePrompts
