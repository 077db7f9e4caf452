// NewCallForm: the first thing on screen: a phone number, a task, and the Call button.
#pragma once

#include "calls/CallRequest.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace flux {

class NewCallForm : public QWidget
{
    Q_OBJECT
public:
    explicit NewCallForm(QWidget *parent = nullptr);

    bool isValid() const;
    CallRequest request() const;
    // After a call was placed: empty the form and put the cursor back on the number.
    void clear();
    // While a request is on its way the button waits; an error is shown under the form.
    void setBusy(bool busy);
    void showError(const QString &message);
    void focusNumber();

    QLineEdit *numberField() const { return m_number; }
    QLineEdit *titleField() const { return m_title; }
    QLineEdit *taskIdField() const { return m_taskId; }
    QPushButton *callButton() const { return m_call; }
    QLabel *hintLabel() const { return m_hint; }

Q_SIGNALS:
    void callRequested(const flux::CallRequest &request);

private:
    void revalidate();
    void submit();

    QLineEdit *m_number;
    QLineEdit *m_title;
    QLineEdit *m_taskId;
    QPushButton *m_call;
    QLabel *m_hint;
    QLabel *m_error;
    bool m_busy = false;
};

} // namespace flux
