// OpenNotificationsPrompt: before the engine stops (new settings applied, the window closed),
// says how many notifications are still open and that they pause until the next start, and lets
// the person go back.
#pragma once

#include <QObject>
#include <QPointer>

#include <functional>

class QMessageBox;
class QWidget;

namespace flux {

class EngineClient;

class OpenNotificationsPrompt : public QObject
{
    Q_OBJECT
public:
    // The question is shown over `parent`, window-modal.
    OpenNotificationsPrompt(const EngineClient *engine, QWidget *parent);

    // Runs `proceed` once the engine says nothing is open (or while none runs), or after
    // Continue; never after Cancel. A question already shown is not asked twice.
    void confirm(std::function<void()> proceed);
    // The question while it is shown, else null.
    QMessageBox *question() const;
    static QString text(int open);

private:
    void ask(int open, std::function<void()> proceed);

    const EngineClient *m_engine;
    QWidget *m_parent;
    QPointer<QMessageBox> m_question;
    bool m_asking = false; // the count is being read
};

} // namespace flux
