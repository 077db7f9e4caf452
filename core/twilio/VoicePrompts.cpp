#include "twilio/VoicePrompts.h"

#include "twilio/TwimlDocument.h"

#include <algorithm>

namespace flux::VoicePrompts {

namespace {

// Always named, English too: what Twilio speaks then never rests on its account-wide default.
TwimlNode say(const Language &language, const QString &text, const QString &voice = {})
{
    TwimlNode node = TwimlNode::element(QStringLiteral("Say"), text);
    if (!voice.isEmpty())
        node.attr(QStringLiteral("voice"), voice);
    node.attr(QStringLiteral("language"), language.sayLanguage);
    return node;
}

TwimlNode gather(const QString &gatherUrl)
{
    TwimlNode node = TwimlNode::element(QStringLiteral("Gather"));
    node.attr(QStringLiteral("input"), QStringLiteral("dtmf"))
        .attr(QStringLiteral("numDigits"), QStringLiteral("1"))
        .attr(QStringLiteral("timeout"), QString::number(GatherTimeoutSeconds))
        .attr(QStringLiteral("action"), gatherUrl)
        .attr(QStringLiteral("method"), QStringLiteral("POST"))
        .attr(QStringLiteral("actionOnEmptyResult"), QStringLiteral("true"));
    return node;
}

} // namespace

const QList<Language> &languages()
{
    static const QList<Language> all = {
        {DefaultLanguage, QStringLiteral("en-US"), TaskPrefix, TaskSuffix, Acknowledged,
         NotAcknowledged, KeyHeard, MenuHint, RepeatHint, Voicemail, StarKey, PoundKey, PassOnHint,
         PassedOn, AlreadyAcknowledged, Canceled},
        {QStringLiteral("de"), QStringLiteral("de-DE"), German::TaskPrefix, German::TaskSuffix,
         German::Acknowledged, German::NotAcknowledged, German::KeyHeard, German::MenuHint,
         German::RepeatHint, German::Voicemail, German::StarKey, German::PoundKey,
         German::PassOnHint, German::PassedOn, German::AlreadyAcknowledged, German::Canceled},
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
    return taskPrompt(taskTitle, gatherUrl, Speech{languageCode, {}});
}

QByteArray taskPrompt(const QString &taskTitle, const QString &gatherUrl, const Speech &speech)
{
    return taskPrompt(taskTitle, gatherUrl, speech, false);
}

QByteArray taskPrompt(const QString &taskTitle, const QString &gatherUrl, const Speech &speech,
                      bool passOn)
{
    const Language &spoken = language(speech.language);
    TwimlNode prompt = gather(gatherUrl);
    prompt.child(say(spoken, taskSentence(taskTitle, speech.language), speech.voice));
    if (passOn)
        prompt.child(say(spoken, spoken.passOnHint, speech.voice));
    TwimlNode response = TwimlNode::element(QStringLiteral("Response"));
    response.child(prompt);
    return TwimlDocument::write(response);
}

namespace {
QByteArray sayThenHangUp(const QString &text, const Speech &speech)
{
    TwimlNode response = TwimlNode::element(QStringLiteral("Response"));
    response.child(say(language(speech.language), text, speech.voice))
        .child(TwimlNode::element(QStringLiteral("Hangup")));
    return TwimlDocument::write(response);
}
} // namespace

QByteArray passedOn(const Speech &speech)
{
    return sayThenHangUp(language(speech.language).passedOn, speech);
}

QByteArray alreadyAcknowledged(const QString &who, const QDateTime &when, const Speech &speech)
{
    return sayThenHangUp(
        language(speech.language)
            .alreadyAcknowledged.arg(who, when.toUTC().toString(QStringLiteral("HH:mm"))),
        speech);
}

QByteArray canceled(const Speech &speech)
{
    return sayThenHangUp(language(speech.language).canceled, speech);
}

QByteArray gatherAnswer(bool acknowledged, const QString &languageCode)
{
    return goodbye(acknowledged, Speech{languageCode, {}});
}

QString spokenKey(const QString &key, const QString &languageCode)
{
    const Language &spoken = language(languageCode);
    if (key == QLatin1String("*"))
        return spoken.starKey;
    if (key == QLatin1String("#"))
        return spoken.poundKey;
    return key;
}

QByteArray repeatPrompt(const QString &taskTitle, const QString &gatherUrl, const Speech &speech,
                        const QString &heardKey, bool passOn)
{
    const Language &spoken = language(speech.language);
    TwimlNode response = TwimlNode::element(QStringLiteral("Response"));
    if (!heardKey.isEmpty()) {
        response.child(say(spoken,
                           spoken.keyHeard.arg(spokenKey(heardKey, speech.language)) +
                               QLatin1Char(' ') + spoken.menuHint,
                           speech.voice));
    }
    TwimlNode prompt = gather(gatherUrl);
    prompt.child(say(spoken, taskSentence(taskTitle, speech.language), speech.voice));
    if (passOn)
        prompt.child(say(spoken, spoken.passOnHint, speech.voice));
    prompt.child(say(spoken, spoken.repeatHint, speech.voice));
    response.child(prompt);
    return TwimlDocument::write(response);
}

QByteArray goodbye(bool acknowledged, const Speech &speech, const QString &heardKey)
{
    const Language &spoken = language(speech.language);
    TwimlNode response = TwimlNode::element(QStringLiteral("Response"));
    if (!acknowledged && !heardKey.isEmpty()) {
        response.child(
            say(spoken, spoken.keyHeard.arg(spokenKey(heardKey, speech.language)), speech.voice));
    }
    response
        .child(
            say(spoken, acknowledged ? spoken.acknowledged : spoken.notAcknowledged, speech.voice))
        .child(TwimlNode::element(QStringLiteral("Hangup")));
    return TwimlDocument::write(response);
}

QByteArray voicemailMessage(const QString &taskTitle, const Speech &speech)
{
    const Language &spoken = language(speech.language);
    TwimlNode response = TwimlNode::element(QStringLiteral("Response"));
    // The voicemail's frame is longer than the prompt's, which bounds the title: a title that
    // would take the sentence past Twilio's limit is cut.
    const qsizetype room = MaxSayLength - (spoken.voicemail.size() - 2);
    const QString title =
        taskTitle.size() <= room ? taskTitle : taskTitle.left(room - 1) + QChar(0x2026);
    response.child(say(spoken, spoken.voicemail.arg(title), speech.voice))
        .child(TwimlNode::element(QStringLiteral("Hangup")));
    return TwimlDocument::write(response);
}

QByteArray hangUp()
{
    TwimlNode response = TwimlNode::element(QStringLiteral("Response"));
    response.child(TwimlNode::element(QStringLiteral("Hangup")));
    return TwimlDocument::write(response);
}

} // namespace flux::VoicePrompts
