// PhoneKeypad: the twelve keys of a phone (1-9, *, 0, #) in a grid of evenly sized buttons.
#pragma once

#include <QList>
#include <QWidget>

class QToolButton;

namespace flux {

class PhoneKeypad : public QWidget
{
    Q_OBJECT
public:
    // The keys in reading order, as a phone lays them out.
    static const QString Keys; // "123456789*0#"

    explicit PhoneKeypad(QWidget *parent = nullptr);

    // The button for `key`, or null when a phone has no such key.
    QToolButton *button(QChar key) const;
    // Every button in reading order (for tab order).
    const QList<QToolButton *> &buttons() const { return m_buttons; }

Q_SIGNALS:
    void keyPressed(const QString &key);

private:
    QList<QToolButton *> m_buttons;
};

} // namespace flux
