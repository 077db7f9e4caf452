// VirtualPhonePanel: the simulator's phone on screen: it rings for each simulated call, shows who
// calls and what is said, and answers, declines, hangs up, lets it go to voicemail and presses
// keys as the callee; below, the texts (SMS) the simulator's phones received.
#pragma once

#include "simulator/SimulatedCallView.h"
#include "simulator/SimulatedMessage.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QGroupBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace flux {

class EngineClient;
class PhoneKeypad;
class VirtualPhoneCalls;

class VirtualPhonePanel : public QWidget
{
    Q_OBJECT
public:
    // Follows `engine` across restarts; without a simulator (live mode) it only says why not.
    explicit VirtualPhonePanel(EngineClient *engine, QWidget *parent = nullptr);
    ~VirtualPhonePanel() override;

    // The call the phone shows, or empty.
    QString shownCallSid() const;

protected:
    // Keys 0-9, * and # typed while the panel has focus press the phone's keys.
    void keyPressEvent(QKeyEvent *event) override;

private:
    void buildWidgets();
    void render();
    void renderSelector();
    void renderCall(const SimulatedCallView &call);
    // Reads the newest texts again (a text arrived or moved on, or the engine started).
    void fetchTexts();
    void renderTexts(const QList<SimulatedMessage> &texts);

    QPointer<EngineClient> m_engine;
    VirtualPhoneCalls *m_calls;
    bool m_fetchingTexts = false;
    bool m_textsStale = false;     // changed again while a read was under way
    quint64 m_textsGeneration = 0; // bumped when the engine stops: older answers are dropped

    QGroupBox *m_box = nullptr;
    QLabel *m_unavailable = nullptr;
    QWidget *m_phone = nullptr;
    QComboBox *m_selector = nullptr;
    QLabel *m_selectorLabel = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_parties = nullptr;
    QLabel *m_hint = nullptr;
    QPushButton *m_answer = nullptr;
    QPushButton *m_decline = nullptr;
    QPushButton *m_hangUp = nullptr;
    QPushButton *m_voicemail = nullptr;
    QLabel *m_spoken = nullptr;
    QLabel *m_recordedCaption = nullptr;
    QLabel *m_recorded = nullptr;
    QLabel *m_digits = nullptr;
    PhoneKeypad *m_keypad = nullptr;
    QLabel *m_textsCaption = nullptr;
    QListWidget *m_texts = nullptr;
};

} // namespace flux
