// NewCallForm: the first thing on screen: a phone number (or a contact's name), a task, who to
// call after them, how often, and the Call button.
#pragma once

#include "calls/CallRequest.h"
#include "calls/Contact.h"
#include "engine/EngineClient.h"

#include <QList>
#include <QStringList>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace flux {

class ContactCompleter;

class NewCallForm : public QWidget
{
    Q_OBJECT
public:
    explicit NewCallForm(QWidget *parent = nullptr);

    // What the attempts and wait start at (the engine's FLUX_ATTEMPTS and
    // FLUX_RETRY_AFTER_SECONDS; 1 and 120 until it says): shown now unless a call is being
    // written, and after every clear().
    void setDefaults(int attempts, int retryAfterSeconds);
    int defaultAttempts() const { return m_defaultAttempts; }
    int defaultRetryAfterSeconds() const { return m_defaultRetryAfterSeconds; }

    // The contacts the number fields complete and the lists "Then call" offers.
    void setContactBook(const QList<Contact> &contacts, const QList<EscalationList> &lists);

    bool isValid() const;
    CallRequest request() const;
    // The whole request: the call, then the escalation list or the people after it.
    NotificationRequest notificationRequest() const;
    // After a call was placed: empty the form and put the cursor back on the number.
    void clear();
    // While a request is on its way the button waits; an error is shown under the form.
    void setBusy(bool busy);
    void showError(const QString &message);
    void focusNumber();

    QLineEdit *numberField() const { return m_number; }
    QLineEdit *titleField() const { return m_title; }
    QLineEdit *taskIdField() const { return m_taskId; }
    QComboBox *thenCallBox() const { return m_thenCall; }
    QLineEdit *peopleField() const { return m_people; }
    QSpinBox *attemptsBox() const { return m_attempts; }
    QSpinBox *waitBox() const { return m_wait; }
    QPushButton *callButton() const { return m_call; }
    QLabel *hintLabel() const { return m_hint; }
    QLabel *peopleHintLabel() const { return m_peopleHint; }
    ContactCompleter *numberCompleter() const { return m_numberCompleter; }
    ContactCompleter *peopleCompleter() const { return m_peopleCompleter; }

Q_SIGNALS:
    void callRequested(const flux::NotificationRequest &request);

private:
    enum class ThenCall
    {
        NoOne,
        List,
        People,
    };
    ThenCall thenCall() const;
    // The numbers "Then call" names when it is People: nullopt, with the reason, when an entry
    // is neither a number nor one contact's name.
    std::optional<QStringList> peopleNumbers(QString *problem = nullptr) const;
    void thenCallChosen();
    void revalidate();
    void submit();

    QLineEdit *m_number;
    QLineEdit *m_title;
    QLineEdit *m_taskId;
    QComboBox *m_thenCall;
    QLineEdit *m_people;
    QSpinBox *m_attempts;
    QSpinBox *m_wait;
    QPushButton *m_call;
    QLabel *m_hint;
    QLabel *m_peopleHint;
    QLabel *m_error;
    ContactCompleter *m_numberCompleter;
    ContactCompleter *m_peopleCompleter;
    QList<Contact> m_contacts;
    QList<EscalationList> m_lists;
    int m_defaultAttempts = 1;
    int m_defaultRetryAfterSeconds = 120;
    bool m_busy = false;
};

} // namespace flux
