#include "VirtualPhonePanel.h"

#include "PhoneKeypad.h"
#include "VirtualPhoneCalls.h"

#include "calls/CallStatus.h"
#include "engine/EngineClient.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace flux {

namespace {
// How many of the latest sentences the phone shows; older ones scroll away as on a real screen.
constexpr int SpokenLinesShown = 3;
// How many of the newest texts the phone lists.
constexpr int TextsShown = 20;

const QKeySequence AnswerShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_A);
const QKeySequence DeclineShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_D);
const QKeySequence HangUpShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_H);
const QKeySequence VoicemailShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_V);

enum class Look
{
    Quiet,   // no call, or it ended
    Ringing, // the one state that must catch the eye
    InCall,
};

void setLook(QLabel *label, Look look)
{
    QPalette palette; // an empty palette: every role inherited from the parent
    const QPalette &inherited = label->parentWidget()->palette();
    switch (look) {
    case Look::Ringing:
        palette.setColor(QPalette::Window, inherited.color(QPalette::Highlight));
        palette.setColor(QPalette::WindowText, inherited.color(QPalette::HighlightedText));
        break;
    case Look::InCall:
        break;
    case Look::Quiet:
        palette.setColor(QPalette::WindowText, inherited.color(QPalette::PlaceholderText));
        break;
    }
    label->setAutoFillBackground(look == Look::Ringing);
    label->setPalette(palette);
}

// A call button tinted when it can be pressed; disabled it stays the style's grey.
void tint(QPushButton *button, const QColor &color)
{
    QPalette palette = button->palette();
    for (const auto group : {QPalette::Active, QPalette::Inactive}) {
        palette.setColor(group, QPalette::Button, color);
        palette.setColor(group, QPalette::ButtonText, Qt::white);
    }
    button->setPalette(palette);
}

QString endedText(const QString &status)
{
    if (status == CallStatus::Busy)
        return VirtualPhonePanel::tr("Declined (busy)");
    if (status == CallStatus::NoAnswer)
        return VirtualPhonePanel::tr("Not answered");
    if (status == CallStatus::Failed)
        return VirtualPhonePanel::tr("Call failed");
    if (status == CallStatus::Canceled)
        return VirtualPhonePanel::tr("Canceled by the caller");
    return VirtualPhonePanel::tr("Call ended");
}

// Who took the call when a machine did.
QString machineText(const QString &machine)
{
    if (machine == SimulatedCallView::Fax)
        return VirtualPhonePanel::tr("Fax machine");
    return VirtualPhonePanel::tr("Voicemail");
}

// The status in a few words, for the list of calls.
QString shortStatus(const SimulatedCallView &call)
{
    if (call.ringing)
        return VirtualPhonePanel::tr("ringing");
    if (call.status == CallStatus::InProgress)
        return VirtualPhonePanel::tr("in call");
    if (CallStatus::isFinal(call.status))
        return VirtualPhonePanel::tr("ended");
    return VirtualPhonePanel::tr("connecting");
}

// A text's status (Twilio's word for it) as the phone shows it.
QString textStatus(const QString &status)
{
    if (status == QLatin1String("queued") || status == QLatin1String("accepted"))
        return VirtualPhonePanel::tr("arriving");
    if (status == QLatin1String("sent"))
        return VirtualPhonePanel::tr("sent");
    if (status == QLatin1String("delivered"))
        return VirtualPhonePanel::tr("received");
    if (status == QLatin1String("undelivered") || status == QLatin1String("failed"))
        return VirtualPhonePanel::tr("not received");
    return status;
}

QString spokenText(const QStringList &transcript)
{
    QStringList shown;
    for (qsizetype i = std::max<qsizetype>(0, transcript.size() - SpokenLinesShown);
         i < transcript.size(); ++i)
        //: The quotation marks around a sentence the phone heard.
        shown.append(VirtualPhonePanel::tr("\u201C%1\u201D").arg(transcript.at(i)));
    return shown.join(QLatin1Char('\n'));
}
} // namespace

VirtualPhonePanel::VirtualPhonePanel(EngineClient *engine, QWidget *parent)
    : QWidget(parent), m_engine(engine), m_calls(new VirtualPhoneCalls(engine, this))
{
    setObjectName(QStringLiteral("virtualPhonePanel"));
    setAccessibleName(tr("Virtual phone"));
    // Takes focus on click or Tab so typed digits reach the keypad.
    setFocusPolicy(Qt::StrongFocus);
    buildWidgets();
    connect(m_calls, &VirtualPhoneCalls::changed, this, &VirtualPhonePanel::render);
    connect(engine, &EngineClient::simulatedMessageChanged, this, &VirtualPhonePanel::fetchTexts);
    connect(engine, &EngineClient::engineStarted, this, &VirtualPhonePanel::fetchTexts);
    connect(engine, &EngineClient::engineStopping, this, [this] {
        // A read under way is answered by an engine that has gone, if at all: not awaited.
        ++m_textsGeneration;
        m_fetchingTexts = false;
        m_textsStale = false;
        renderTexts({});
    });
    render();
    renderTexts({});
    fetchTexts();
}

VirtualPhonePanel::~VirtualPhonePanel() = default;

QString VirtualPhonePanel::shownCallSid() const
{
    return m_calls->shownSid();
}

void VirtualPhonePanel::buildWidgets()
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_box = new QGroupBox(this); // titled by the dock it sits in
    outer->addWidget(m_box);
    auto *boxLayout = new QVBoxLayout(m_box);

    m_unavailable = new QLabel(m_box);
    m_unavailable->setObjectName(QStringLiteral("unavailableText"));
    m_unavailable->setWordWrap(true);
    boxLayout->addWidget(m_unavailable);

    m_phone = new QWidget(m_box);
    boxLayout->addWidget(m_phone);
    auto *layout = new QVBoxLayout(m_phone);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *selectorRow = new QHBoxLayout;
    m_selectorLabel = new QLabel(tr("&Call:"), m_phone);
    m_selector = new QComboBox(m_phone);
    m_selector->setObjectName(QStringLiteral("callSelector"));
    m_selector->setAccessibleName(tr("Live calls"));
    m_selector->setToolTip(tr("Other calls ringing or in progress on the simulator"));
    m_selectorLabel->setBuddy(m_selector);
    selectorRow->addWidget(m_selectorLabel);
    selectorRow->addWidget(m_selector, 1);
    layout->addLayout(selectorRow);
    connect(m_selector, &QComboBox::activated, this,
            [this](int index) { m_calls->show(m_selector->itemData(index).toString()); });

    m_state = new QLabel(m_phone);
    m_state->setObjectName(QStringLiteral("callState"));
    m_state->setAccessibleName(tr("Call state"));
    QFont stateFont = m_state->font();
    stateFont.setPointSizeF(stateFont.pointSizeF() * 1.6);
    stateFont.setBold(true);
    m_state->setFont(stateFont);
    m_state->setMargin(6);
    layout->addWidget(m_state);

    m_parties = new QLabel(m_phone);
    m_parties->setObjectName(QStringLiteral("callParties"));
    m_parties->setAccessibleName(tr("Caller"));
    m_parties->setWordWrap(true);
    m_parties->setTextFormat(Qt::PlainText);
    m_parties->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont partiesFont = m_parties->font();
    partiesFont.setBold(true);
    m_parties->setFont(partiesFont);
    layout->addWidget(m_parties);

    m_hint = new QLabel(m_phone);
    m_hint->setObjectName(QStringLiteral("callHint"));
    m_hint->setAccessibleName(tr("Hint"));
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    layout->addWidget(m_hint);

    auto *buttons = new QHBoxLayout;
    m_answer = new QPushButton(tr("Answer"), m_phone);
    m_answer->setObjectName(QStringLiteral("answerButton"));
    m_answer->setAccessibleName(tr("Answer call"));
    m_answer->setIcon(QIcon::fromTheme(QStringLiteral("call-start")));
    m_answer->setShortcut(AnswerShortcut);
    m_answer->setToolTip(
        tr("Answer the ringing call (%1)").arg(AnswerShortcut.toString(QKeySequence::NativeText)));
    tint(m_answer, QColor(0x2e, 0x7d, 0x32));
    m_decline = new QPushButton(tr("Decline"), m_phone);
    m_decline->setObjectName(QStringLiteral("declineButton"));
    m_decline->setAccessibleName(tr("Decline call"));
    m_decline->setIcon(QIcon::fromTheme(QStringLiteral("call-stop")));
    m_decline->setShortcut(DeclineShortcut);
    m_decline->setToolTip(tr("Decline the ringing call: the caller hears busy (%1)")
                              .arg(DeclineShortcut.toString(QKeySequence::NativeText)));
    tint(m_decline, QColor(0xc6, 0x28, 0x28));
    m_hangUp = new QPushButton(tr("Hang up"), m_phone);
    m_hangUp->setObjectName(QStringLiteral("hangUpButton"));
    m_hangUp->setAccessibleName(tr("Hang up"));
    m_hangUp->setIcon(QIcon::fromTheme(QStringLiteral("call-stop")));
    m_hangUp->setShortcut(HangUpShortcut);
    m_hangUp->setToolTip(
        tr("End the call (%1)").arg(HangUpShortcut.toString(QKeySequence::NativeText)));
    tint(m_hangUp, QColor(0xc6, 0x28, 0x28));
    m_voicemail = new QPushButton(tr("Voicemail"), m_phone);
    m_voicemail->setObjectName(QStringLiteral("voicemailButton"));
    m_voicemail->setAccessibleName(tr("Let it go to voicemail"));
    m_voicemail->setIcon(QIcon::fromTheme(QStringLiteral("mail-message-new")));
    m_voicemail->setShortcut(VoicemailShortcut);
    m_voicemail->setToolTip(tr("Let it go to voicemail (%1)")
                                .arg(VoicemailShortcut.toString(QKeySequence::NativeText)));
    for (QPushButton *button : {m_answer, m_decline, m_voicemail, m_hangUp}) {
        button->setAutoDefault(false);
        button->setMinimumHeight(36);
        buttons->addWidget(button, 1);
    }
    layout->addLayout(buttons);
    connect(m_answer, &QPushButton::clicked, m_calls, &VirtualPhoneCalls::answer);
    connect(m_decline, &QPushButton::clicked, m_calls, &VirtualPhoneCalls::decline);
    connect(m_hangUp, &QPushButton::clicked, m_calls, &VirtualPhoneCalls::hangUp);
    connect(m_voicemail, &QPushButton::clicked, m_calls, &VirtualPhoneCalls::sendToVoicemail);

    auto *spokenCaption = new QLabel(tr("Spoken on the call:"), m_phone);
    layout->addWidget(spokenCaption);
    m_spoken = new QLabel(m_phone);
    m_spoken->setObjectName(QStringLiteral("spokenText"));
    m_spoken->setAccessibleName(tr("Spoken text"));
    m_spoken->setWordWrap(true);
    m_spoken->setTextFormat(Qt::PlainText); // a task title is read out, never rendered
    m_spoken->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_spoken->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_spoken->setFrameShape(QFrame::StyledPanel);
    m_spoken->setMargin(6);
    m_spoken->setMinimumHeight(m_spoken->fontMetrics().lineSpacing() * 4 + 12);
    m_spoken->setBackgroundRole(QPalette::Base);
    m_spoken->setAutoFillBackground(true);
    layout->addWidget(m_spoken);

    m_recordedCaption = new QLabel(tr("Voicemail recorded:"), m_phone);
    layout->addWidget(m_recordedCaption);
    m_recorded = new QLabel(m_phone);
    m_recorded->setObjectName(QStringLiteral("voicemailRecorded"));
    m_recorded->setAccessibleName(tr("Voicemail recorded"));
    m_recorded->setWordWrap(true);
    m_recorded->setTextFormat(Qt::PlainText);
    m_recorded->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_recorded);

    auto *digitsRow = new QHBoxLayout;
    digitsRow->addWidget(new QLabel(tr("Keys pressed:"), m_phone));
    m_digits = new QLabel(m_phone);
    m_digits->setObjectName(QStringLiteral("digitsPressed"));
    m_digits->setAccessibleName(tr("Keys pressed"));
    m_digits->setTextFormat(Qt::PlainText);
    QFont digitsFont = QFont(QStringLiteral("monospace"));
    digitsFont.setStyleHint(QFont::Monospace);
    digitsFont.setBold(true);
    m_digits->setFont(digitsFont);
    digitsRow->addWidget(m_digits, 1);
    layout->addLayout(digitsRow);

    m_keypad = new PhoneKeypad(m_phone);
    m_keypad->setObjectName(QStringLiteral("keypad"));
    m_keypad->setAccessibleName(tr("Keypad"));
    layout->addWidget(m_keypad, 1);
    connect(m_keypad, &PhoneKeypad::keyPressed, m_calls, &VirtualPhoneCalls::pressKey);

    m_textsCaption = new QLabel(tr("Texts received:"), m_phone);
    layout->addWidget(m_textsCaption);
    m_texts = new QListWidget(m_phone);
    m_texts->setObjectName(QStringLiteral("textMessages"));
    m_texts->setAccessibleName(tr("Texts received"));
    m_texts->setWordWrap(true);
    m_texts->setSelectionMode(QAbstractItemView::NoSelection);
    m_texts->setFocusPolicy(Qt::NoFocus); // typed digits stay with the keypad
    m_texts->setMaximumHeight(m_texts->fontMetrics().lineSpacing() * 7);
    layout->addWidget(m_texts);

    QWidget *previous = m_selector;
    for (QWidget *next :
         std::initializer_list<QWidget *>{m_answer, m_decline, m_voicemail, m_hangUp}) {
        setTabOrder(previous, next);
        previous = next;
    }
    for (QToolButton *key : m_keypad->buttons()) {
        setTabOrder(previous, key);
        previous = key;
    }
}

void VirtualPhonePanel::render()
{
    QString unavailable;
    switch (m_calls->availability()) {
    case VirtualPhoneCalls::Availability::NoEngine:
        unavailable = tr("Virtual phone: the call engine is not running");
        break;
    case VirtualPhoneCalls::Availability::Restarting:
        unavailable = tr("Virtual phone: the call engine is restarting");
        break;
    case VirtualPhoneCalls::Availability::LiveMode:
        unavailable = tr("Virtual phone: available in simulator mode");
        break;
    case VirtualPhoneCalls::Availability::Ready:
        break;
    }
    m_unavailable->setText(unavailable);
    m_unavailable->setVisible(!unavailable.isEmpty());
    m_phone->setVisible(unavailable.isEmpty());
    setEnabled(unavailable.isEmpty());
    if (!unavailable.isEmpty())
        return;

    renderSelector();
    if (const SimulatedCallView *call = m_calls->shown()) {
        renderCall(*call);
        return;
    }
    setLook(m_state, Look::Quiet);
    m_state->setText(tr("No call"));
    m_parties->setText(tr("Calls placed in simulator mode ring here."));
    m_hint->setText(m_calls->manualAnswer()
                        ? tr("The scripted numbers +15555550101 to +15555550109 play their part "
                             "by themselves; any other number waits for you to answer.")
                        : tr("Calls answer by themselves after a few rings unless you answer or "
                             "decline first."));
    m_hint->show();
    m_spoken->clear();
    m_recordedCaption->hide();
    m_recorded->hide();
    m_digits->setText(tr("none"));
    m_answer->setEnabled(false);
    m_decline->setEnabled(false);
    m_voicemail->setEnabled(false);
    m_hangUp->setEnabled(false);
    m_keypad->setEnabled(false);
}

void VirtualPhonePanel::renderSelector()
{
    const QList<SimulatedCallView> &calls = m_calls->calls();
    QStringList texts;
    QStringList sids;
    for (auto it = calls.crbegin(); it != calls.crend(); ++it) { // newest first
        texts.append(tr("%1 \u00B7 %2").arg(it->to, shortStatus(*it)));
        sids.append(it->sid);
    }
    QStringList current;
    for (int i = 0; i < m_selector->count(); ++i)
        current.append(m_selector->itemText(i));
    // Rebuilt only when it reads differently, so an open list does not flicker as calls speak.
    if (current != texts) {
        const QSignalBlocker quiet(m_selector);
        m_selector->clear();
        for (qsizetype i = 0; i < texts.size(); ++i)
            m_selector->addItem(texts.at(i), sids.at(i));
    }
    m_selector->setCurrentIndex(int(sids.indexOf(m_calls->shownSid())));
    const bool several = calls.size() > 1;
    m_selector->setVisible(several);
    m_selectorLabel->setVisible(several);
}

void VirtualPhonePanel::renderCall(const SimulatedCallView &call)
{
    const bool inCall = call.status == CallStatus::InProgress;
    const bool ended = CallStatus::isFinal(call.status);
    if (call.ringing) {
        setLook(m_state, Look::Ringing);
        m_state->setText(tr("Ringing\u2026"));
        m_parties->setText(tr("Incoming call from %1 to %2").arg(call.from, call.to));
    } else {
        setLook(m_state, inCall ? Look::InCall : Look::Quiet);
        m_state->setText(inCall && !call.machine.isEmpty() ? machineText(call.machine)
                         : inCall                          ? tr("In call")
                         : ended                           ? endedText(call.status)
                                                           : tr("Connecting\u2026"));
        m_parties->setText(tr("Call from %1 to %2").arg(call.from, call.to));
    }

    QString hint;
    if (!call.error.isEmpty())
        hint = tr("The call hit an application error: %1").arg(call.error);
    else if (call.scripted && !ended)
        hint = tr("%1 is a scripted test number: the phone plays its part by itself.").arg(call.to);
    else if (call.answerable())
        hint = tr("Answer (%1), decline (%2) or let it go to voicemail (%3).")
                   .arg(AnswerShortcut.toString(QKeySequence::NativeText),
                        DeclineShortcut.toString(QKeySequence::NativeText),
                        VoicemailShortcut.toString(QKeySequence::NativeText));
    else if (call.machine == SimulatedCallView::Voicemail && !ended)
        hint = tr("A voicemail answered: it records what is said after its beep.");
    else if (call.listening)
        hint = tr("The call is listening: press keys on the keypad or type them.");
    else if (inCall)
        hint = tr("The keypad opens when the call asks for keys.");
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());

    m_spoken->setText(spokenText(call.transcript));
    // The <Say> language attribute, as the simulator read it: "en-US", "de-DE".
    m_spoken->setToolTip(call.transcriptLanguages.isEmpty()
                             ? QString()
                             : tr("Spoken in %1").arg(call.transcriptLanguages.last()));
    const bool voicemail = call.machine == SimulatedCallView::Voicemail;
    m_recordedCaption->setVisible(voicemail);
    m_recorded->setVisible(voicemail);
    m_recorded->setText(call.recorded.isEmpty() ? tr("nothing yet") : spokenText(call.recorded));
    m_digits->setText(call.digits.isEmpty() ? tr("none") : call.digits);
    m_answer->setEnabled(call.answerable());
    m_decline->setEnabled(call.answerable());
    m_voicemail->setEnabled(call.answerable());
    m_hangUp->setEnabled(inCall);
    m_keypad->setEnabled(call.listening);
}

void VirtualPhonePanel::fetchTexts()
{
    if (!m_engine || !m_engine->isRunning())
        return;
    if (m_fetchingTexts) {
        m_textsStale = true; // one more read once this one is in
        return;
    }
    m_fetchingTexts = true;
    const quint64 generation = m_textsGeneration;
    m_engine->simulatedMessages(TextsShown, this,
                                [this, generation](const QList<SimulatedMessage> &texts) {
                                    if (generation != m_textsGeneration)
                                        return; // from an engine that has stopped since
                                    m_fetchingTexts = false;
                                    renderTexts(texts);
                                    if (m_textsStale) {
                                        m_textsStale = false;
                                        fetchTexts();
                                    }
                                });
}

void VirtualPhonePanel::renderTexts(const QList<SimulatedMessage> &texts)
{
    m_texts->clear();
    for (const SimulatedMessage &text : texts) { // newest first
        //: A text on the virtual phone: the number it went to, when, and whether it arrived;
        //: its words on the next line.
        auto *item = new QListWidgetItem(
            tr("To %1 \u00B7 %2 \u00B7 %3\n%4")
                .arg(text.to, text.created.toLocalTime().toString(QStringLiteral("HH:mm:ss")),
                     textStatus(text.status), text.body),
            m_texts);
        item->setData(Qt::UserRole, text.sid);
        item->setToolTip(
            text.errorCode.isEmpty() ? text.sid : tr("%1: error %2").arg(text.sid, text.errorCode));
    }
    if (texts.isEmpty())
        m_texts->addItem(tr("none"));
    m_textsCaption->setText(texts.isEmpty() ? tr("Texts received:")
                                            : tr("Texts received (%1):").arg(texts.size()));
}

void VirtualPhonePanel::keyPressEvent(QKeyEvent *event)
{
    const QString text = event->text();
    const bool plain = !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier |
                                               Qt::MetaModifier)); // Shift types * and #
    if (plain && text.size() == 1) {
        QToolButton *key = m_keypad->button(text.at(0));
        if (key && key->isEnabled() && m_phone->isVisible()) {
            key->animateClick(); // shows the key going down, then presses it as a click does
            event->accept();
            return;
        }
    }
    QWidget::keyPressEvent(event);
}

} // namespace flux
