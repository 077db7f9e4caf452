#include "OpenNotificationsPrompt.h"

#include "UiLog.h"

#include "engine/EngineClient.h"

#include <QMessageBox>
#include <QPushButton>

namespace flux {

OpenNotificationsPrompt::OpenNotificationsPrompt(const EngineClient *engine, QWidget *parent)
    : QObject(parent), m_engine(engine), m_parent(parent)
{
    // A query the stopping engine leaves unanswered must not keep the next one from being asked.
    connect(engine, &EngineClient::engineStopping, this, [this] { m_asking = false; });
}

QMessageBox *OpenNotificationsPrompt::question() const
{
    return m_question.data();
}

QString OpenNotificationsPrompt::text(int open)
{
    // Two sentences rather than %n: they read right without a translation installed too.
    if (open == 1)
        return tr("1 notification is still open. It pauses now and resumes, on schedule, the "
                  "next time Flux Call Desk starts.");
    return tr("%1 notifications are still open. They pause now and resume, on schedule, the next "
              "time Flux Call Desk starts.")
        .arg(open);
}

void OpenNotificationsPrompt::confirm(std::function<void()> proceed)
{
    if (m_question || m_asking)
        return;
    // A stopped engine answers no query: nothing of it is running to pause.
    if (!m_engine->isRunning()) {
        proceed();
        return;
    }
    m_asking = true;
    m_engine->openNotificationCount(this, [this, proceed](int open) {
        m_asking = false;
        if (open <= 0) {
            proceed();
            return;
        }
        ask(open, proceed);
    });
}

void OpenNotificationsPrompt::ask(int open, std::function<void()> proceed)
{
    qCInfo(lcUi) << open << "notifications open: asking before they pause";
    auto *question = new QMessageBox(QMessageBox::Warning, tr("Notifications are open"), text(open),
                                     QMessageBox::Cancel, m_parent);
    question->setObjectName(QStringLiteral("openNotificationsQuestion"));
    question->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *go = question->addButton(tr("Continue"), QMessageBox::AcceptRole);
    go->setObjectName(QStringLiteral("continueButton"));
    question->button(QMessageBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    question->setDefaultButton(QMessageBox::Cancel);
    connect(question, &QMessageBox::finished, this, [question, go, proceed] {
        if (question->clickedButton() == go)
            proceed();
    });
    m_question = question;
    question->open();
}

} // namespace flux
