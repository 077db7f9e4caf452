#include "twilio/VoicePrompts.h"

#include "twilio/TwimlDocument.h"

namespace flux::VoicePrompts {

QString taskSentence(const QString &taskTitle)
{
    return TaskPrefix + taskTitle + TaskSuffix;
}

QByteArray taskPrompt(const QString &taskTitle, const QString &gatherUrl)
{
    TwimlNode gather = TwimlNode::element(QStringLiteral("Gather"));
    gather.attr(QStringLiteral("input"), QStringLiteral("dtmf"))
        .attr(QStringLiteral("numDigits"), QStringLiteral("1"))
        .attr(QStringLiteral("timeout"), QString::number(GatherTimeoutSeconds))
        .attr(QStringLiteral("action"), gatherUrl)
        .attr(QStringLiteral("method"), QStringLiteral("POST"))
        .attr(QStringLiteral("actionOnEmptyResult"), QStringLiteral("true"))
        .child(TwimlNode::element(QStringLiteral("Say"), taskSentence(taskTitle)));
    TwimlNode response = TwimlNode::element(QStringLiteral("Response"));
    response.child(gather);
    return TwimlDocument::write(response);
}

QByteArray gatherAnswer(bool acknowledged)
{
    TwimlNode response = TwimlNode::element(QStringLiteral("Response"));
    response
        .child(TwimlNode::element(QStringLiteral("Say"),
                                  acknowledged ? Acknowledged : NotAcknowledged))
        .child(TwimlNode::element(QStringLiteral("Hangup")));
    return TwimlDocument::write(response);
}

} // namespace flux::VoicePrompts
