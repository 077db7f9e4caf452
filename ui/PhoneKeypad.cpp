#include "PhoneKeypad.h"

#include <QGridLayout>
#include <QToolButton>

namespace flux {

namespace {
// The letters printed under the digits of a phone's keypad (ITU E.161), so it reads as one.
QString lettersOf(QChar key)
{
    switch (key.unicode()) {
    case '2':
        return QStringLiteral("ABC");
    case '3':
        return QStringLiteral("DEF");
    case '4':
        return QStringLiteral("GHI");
    case '5':
        return QStringLiteral("JKL");
    case '6':
        return QStringLiteral("MNO");
    case '7':
        return QStringLiteral("PQRS");
    case '8':
        return QStringLiteral("TUV");
    case '9':
        return QStringLiteral("WXYZ");
    case '0':
        return QStringLiteral("+");
    default:
        return {};
    }
}

// The key's object name.
QString spokenNameOf(QChar key)
{
    if (key == QLatin1Char('*'))
        return QStringLiteral("star");
    if (key == QLatin1Char('#'))
        return QStringLiteral("hash");
    return QString(key);
}
} // namespace

const QString PhoneKeypad::Keys = QStringLiteral("123456789*0#");

PhoneKeypad::PhoneKeypad(QWidget *parent) : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(6);
    QFont keyFont = font();
    keyFont.setPointSizeF(keyFont.pointSizeF() * 1.3);
    for (qsizetype i = 0; i < Keys.size(); ++i) {
        const QChar key = Keys.at(i);
        auto *button = new QToolButton(this);
        const QString letters = lettersOf(key);
        button->setText(letters.isEmpty() ? QString(key)
                                          : QString(key) + QLatin1Char('\n') + letters);
        button->setFont(keyFont);
        button->setObjectName(QStringLiteral("key-") + spokenNameOf(key));
        button->setAccessibleName(key == QLatin1Char('*')   ? tr("Key star")
                                  : key == QLatin1Char('#') ? tr("Key hash")
                                                            : tr("Key %1").arg(key));
        button->setToolTip(tr("Press %1 on the phone").arg(key));
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        button->setMinimumSize(64, 48);
        button->setFocusPolicy(Qt::StrongFocus);
        connect(button, &QToolButton::clicked, this, [this, key] { Q_EMIT keyPressed(key); });
        grid->addWidget(button, int(i / 3), int(i % 3));
        m_buttons.append(button);
    }
    for (int column = 0; column < 3; ++column)
        grid->setColumnStretch(column, 1);
    for (int row = 0; row < 4; ++row)
        grid->setRowStretch(row, 1);
}

QToolButton *PhoneKeypad::button(QChar key) const
{
    const qsizetype index = Keys.indexOf(key);
    return index < 0 ? nullptr : m_buttons.at(index);
}

} // namespace flux
