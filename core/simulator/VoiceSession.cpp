#include "simulator/VoiceSession.h"

#include "base/LogCategories.h"
#include "simulator/SimulatedTime.h"
#include "simulator/WebhookSender.h"
#include "twilio/TwimlDocument.h"

#include <QTimer>
#include <QUrl>

#include <algorithm>

namespace flux {

namespace {
// What Twilio says to the callee before hanging up on TwiML it cannot run.
const QString ApplicationErrorSentence =
    QStringLiteral("We are sorry, an application error has occurred. Goodbye.");
const QString Keypad = QStringLiteral("0123456789*#");

bool isVerb(const TwimlNode &node, const char *name)
{
    return node.name == QLatin1String(name);
}

QString methodOf(const TwimlNode &verb)
{
    const QString method = verb.attribute(QStringLiteral("method")).toUpper();
    return method == QLatin1String("GET") ? method : QStringLiteral("POST");
}
} // namespace

VoiceSession::VoiceSession(WebhookDispatcher *webhooks, const QByteArray &authToken,
                           SimulatorClock *clock, FormParams callParams, QObject *parent)
    : QObject(parent),
      m_sender(new WebhookSender(webhooks, authToken,
                                 SimulatedTime::webhookTimeoutMs(clock->speed()), this)),
      m_clock(clock), m_callParams(std::move(callParams))
{}

VoiceSession::~VoiceSession()
{
    m_clock->cancel(m_wait);
}

void VoiceSession::startWithUrl(const QString &url, const QString &method, const FormParams &extra)
{
    fetch(url,
          method.toUpper() == QLatin1String("GET") ? QStringLiteral("GET") : QStringLiteral("POST"),
          extra);
}

void VoiceSession::startWithTwiml(const QByteArray &twiml)
{
    // Run from the event loop, as a fetched document would be, so signals never fire from
    // inside the caller's start.
    QTimer::singleShot(0, this, [this, twiml] {
        if (!m_stopped)
            run(twiml, {});
    });
}

void VoiceSession::stop()
{
    m_stopped = true;
    m_clock->cancel(m_wait);
    m_sender->abortAll();
    m_gather.reset();
}

bool VoiceSession::isListening() const
{
    return m_gather && m_gather->dtmf && !m_stopped;
}

bool VoiceSession::areKeys(const QString &digits)
{
    return !digits.isEmpty() && std::all_of(digits.begin(), digits.end(),
                                            [](QChar key) { return Keypad.contains(key); });
}

VoiceSession::PressResult VoiceSession::press(const QString &digits)
{
    if (!areKeys(digits))
        return PressResult::InvalidDigits;
    if (!isListening())
        return PressResult::NotListening;
    // Keys after the one that ends the <Gather> fall on deaf ears, as on a real call.
    for (const QChar key : digits) {
        Q_EMIT keyPressed(QString(key));
        if (!isListening())
            break; // whoever heard the key hung up
        if (QString(key) == m_gather->finishOnKey) {
            finishGather(QString(key));
            break;
        }
        m_gather->digits += key;
        if (m_gather->numDigits > 0 && m_gather->digits.size() >= m_gather->numDigits) {
            finishGather({});
            break;
        }
        // A key interrupts the prompt, and each key restarts the wait for the next one.
        m_gather->prompting = false;
        wait(m_gather->timeoutMs, [this] { finishGather({}); });
    }
    return PressResult::Accepted;
}

void VoiceSession::fetch(const QString &url, const QString &method, const FormParams &extra)
{
    const QString callSid = FormEncoding::value(m_callParams, QStringLiteral("CallSid"));
    qCDebug(lcSim).noquote() << callSid << "fetches TwiML from" << url;
    m_sender->send(
        method, url, m_callParams + extra, [this, url](const WebhookSender::Answer &answer) {
            if (m_stopped)
                return;
            if (!answer.error.isEmpty())
                finish(QStringLiteral("11200 HTTP retrieval failure: %1").arg(answer.error));
            else
                run(answer.body, url);
        });
}

void VoiceSession::run(const QByteArray &xml, const QString &documentUrl)
{
    const auto parsed = TwimlDocument::parse(xml);
    if (!parsed) {
        const QString where = documentUrl.isEmpty() ? QStringLiteral("inline TwiML") : documentUrl;
        finish(QStringLiteral("12100 Document parse failure: %1: %2").arg(where, parsed.error()));
        return;
    }
    m_documentUrl = documentUrl;
    m_verbs = parsed.value().children;
    m_index = 0;
    next();
}

void VoiceSession::next()
{
    if (m_stopped)
        return;
    if (m_index >= m_verbs.size()) {
        finish({}); // Twilio hangs up when the document runs out
        return;
    }
    const TwimlNode verb = m_verbs.at(m_index++);
    if (isVerb(verb, "Say")) {
        Q_EMIT said(verb.text, languageOf(verb));
        wait(sayMs(verb.text), [this] { next(); });
    } else if (isVerb(verb, "Pause")) {
        wait(seconds(verb, QStringLiteral("length"), SimulatedTime::DefaultPauseSeconds) * 1000,
             [this] { next(); });
    } else if (isVerb(verb, "Gather")) {
        startGather(verb);
    } else if (isVerb(verb, "Redirect")) {
        const auto url = resolve(verb.text.trimmed());
        if (url)
            fetch(*url, methodOf(verb), {});
        else
            finish(
                QStringLiteral("12200 Schema validation warning: <Redirect> to \"%1\" is not a URL")
                    .arg(verb.text.trimmed()));
    } else if (isVerb(verb, "Hangup")) {
        finish({});
    } else {
        finish(QStringLiteral("12200 Schema validation warning: the simulator does not run <%1>")
                   .arg(verb.name));
    }
}

void VoiceSession::startGather(const TwimlNode &verb)
{
    Gather gather;
    const QString action = verb.attribute(QStringLiteral("action"));
    const auto resolved =
        action.isEmpty() ? std::optional<QString>(m_documentUrl) : resolve(action);
    if (!resolved || resolved->isEmpty()) {
        finish(
            QStringLiteral("12200 Schema validation warning: <Gather> has no usable action URL"));
        return;
    }
    gather.action = *resolved;
    gather.method = methodOf(verb);
    gather.numDigits = std::max(0, verb.attribute(QStringLiteral("numDigits")).toInt());
    gather.finishOnKey = verb.attribute(QStringLiteral("finishOnKey"), QStringLiteral("#"));
    gather.timeoutMs =
        seconds(verb, QStringLiteral("timeout"), SimulatedTime::DefaultGatherTimeoutSeconds) * 1000;
    gather.actionOnEmptyResult =
        verb.attribute(QStringLiteral("actionOnEmptyResult")).toLower() == QLatin1String("true");
    gather.dtmf = verb.attribute(QStringLiteral("input"), QStringLiteral("dtmf"))
                      .split(QLatin1Char(' '))
                      .contains(QStringLiteral("dtmf"));
    for (const TwimlNode &child : verb.children) {
        if (!isVerb(child, "Say") && !isVerb(child, "Pause")) {
            finish(QStringLiteral("12200 Schema validation warning: <%1> inside <Gather>")
                       .arg(child.name));
            return;
        }
    }
    gather.prompt = verb.children;
    m_gather = gather;
    if (gather.dtmf)
        Q_EMIT listeningChanged(true);
    playPrompt();
}

void VoiceSession::playPrompt()
{
    if (!m_gather || !m_gather->prompting)
        return;
    if (m_gather->promptIndex >= m_gather->prompt.size()) {
        m_gather->prompting = false;
        wait(m_gather->timeoutMs, [this] { finishGather({}); });
        return;
    }
    const TwimlNode part = m_gather->prompt.at(m_gather->promptIndex++);
    if (isVerb(part, "Say")) {
        Q_EMIT said(part.text, languageOf(part));
        wait(sayMs(part.text), [this] { playPrompt(); });
    } else {
        wait(seconds(part, QStringLiteral("length"), SimulatedTime::DefaultPauseSeconds) * 1000,
             [this] { playPrompt(); });
    }
}

void VoiceSession::finishGather(const QString &finishedOnKey)
{
    const Gather gather = *m_gather;
    m_gather.reset();
    m_clock->cancel(m_wait);
    if (gather.dtmf)
        Q_EMIT listeningChanged(false);
    if (gather.digits.isEmpty() && !gather.actionOnEmptyResult) {
        next(); // no input: Twilio falls through to the verb after <Gather>
        return;
    }
    fetch(gather.action, gather.method,
          {{QStringLiteral("Digits"), gather.digits},
           {QStringLiteral("FinishedOnKey"), finishedOnKey}});
}

void VoiceSession::wait(int simulatedMs, std::function<void()> then)
{
    m_clock->cancel(m_wait);
    m_wait = m_clock->after(simulatedMs, std::move(then));
}

void VoiceSession::finish(const QString &error)
{
    if (m_stopped)
        return;
    const bool wasListening = isListening();
    if (!error.isEmpty()) {
        qCWarning(lcSim).noquote() << FormEncoding::value(m_callParams, QStringLiteral("CallSid"))
                                   << "ends on an application error:" << error;
        Q_EMIT said(ApplicationErrorSentence, languageOf({}));
    }
    stop();
    if (wasListening)
        Q_EMIT listeningChanged(false);
    Q_EMIT ended(error);
}

QString VoiceSession::languageOf(const TwimlNode &say)
{
    return say.attribute(QStringLiteral("language"), QStringLiteral("en-US"));
}

int VoiceSession::sayMs(const QString &text) const
{
    return int(std::min<qint64>(qint64(text.size()) * SimulatedTime::SayMsPerCharacter,
                                SimulatedTime::SayMaxMs));
}

int VoiceSession::seconds(const TwimlNode &verb, const QString &attribute, int fallback) const
{
    bool ok = false;
    const int value = verb.attribute(attribute).toInt(&ok);
    return ok && value >= 0 ? std::min(value, 600) : fallback;
}

std::optional<QString> VoiceSession::resolve(const QString &reference) const
{
    const QUrl url(reference);
    if (reference.isEmpty() || !url.isValid())
        return std::nullopt;
    if (!url.isRelative())
        return url.toString(QUrl::FullyEncoded);
    if (m_documentUrl.isEmpty())
        return std::nullopt; // inline TwiML has no document to be relative to
    return QUrl(m_documentUrl).resolved(url).toString(QUrl::FullyEncoded);
}

} // namespace flux
