#include "LogView.h"

#include "LogSink.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

namespace flux {

namespace {

QString lineOf(const LogEntry &entry)
{
    return entry.time.toString(QStringLiteral("HH:mm:ss.zzz")) + QLatin1Char(' ') +
           LogEntry::levelName(entry.level).leftJustified(7) + QLatin1Char(' ') + entry.category +
           QStringLiteral(": ") + entry.message;
}

QTextCharFormat formatOf(LogEntry::Level level, const QPalette &palette)
{
    QTextCharFormat format;
    switch (level) {
    case LogEntry::Level::Debug:
        format.setForeground(palette.color(QPalette::PlaceholderText));
        break;
    case LogEntry::Level::Info:
        break;
    case LogEntry::Level::Warning:
        format.setForeground(QColor(0xb3, 0x6b, 0x00));
        break;
    case LogEntry::Level::Error:
        format.setForeground(QColor(0xc0, 0x39, 0x2b));
        format.setFontWeight(QFont::Bold);
        break;
    }
    return format;
}

} // namespace

LogView::LogView(LogSink *sink, QWidget *parent) : QWidget(parent), m_sink(sink)
{
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    layout->addLayout(bar);

    m_level = new QComboBox(this);
    m_level->setAccessibleName(tr("Log level"));
    for (const auto level : {LogEntry::Level::Debug, LogEntry::Level::Info,
                             LogEntry::Level::Warning, LogEntry::Level::Error})
        m_level->addItem(LogEntry::levelName(level) + tr(" and above"), int(level));
    m_level->setCurrentIndex(int(LogEntry::Level::Info));
    auto *levelLabel = new QLabel(tr("&Show"), this);
    levelLabel->setBuddy(m_level);
    bar->addWidget(levelLabel);
    bar->addWidget(m_level);

    m_filter = new QLineEdit(this);
    m_filter->setAccessibleName(tr("Log filter"));
    m_filter->setPlaceholderText(tr("Filter by category or text, e.g. flux.http or CA…"));
    m_filter->setClearButtonEnabled(true);
    bar->addWidget(m_filter, 1);

    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_text->setAccessibleName(tr("Log"));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setMaximumBlockCount(m_sink->capacity());
    layout->addWidget(m_text, 1);

    // Follow new lines while the reader is at the end; stop once they scroll up. The range grows
    // when the layout catches up, which may be after append() returns, hence the signals.
    QScrollBar *scroll = m_text->verticalScrollBar();
    connect(scroll, &QScrollBar::valueChanged, this,
            [this, scroll](int value) { m_following = value == scroll->maximum(); });
    connect(scroll, &QScrollBar::rangeChanged, this, [this, scroll](int, int maximum) {
        if (m_following)
            scroll->setValue(maximum);
    });

    connect(m_level, &QComboBox::currentIndexChanged, this, &LogView::rebuild);
    connect(m_filter, &QLineEdit::textChanged, this, &LogView::rebuild);
    connect(m_sink, &LogSink::logged, this, &LogView::append);
    rebuild();
}

void LogView::setMinimumLevel(LogEntry::Level level)
{
    m_level->setCurrentIndex(m_level->findData(int(level)));
}

LogEntry::Level LogView::minimumLevel() const
{
    return LogEntry::Level(m_level->currentData().toInt());
}

void LogView::setFilterText(const QString &text)
{
    m_filter->setText(text);
}

bool LogView::shows(const LogEntry &entry) const
{
    if (entry.level < minimumLevel())
        return false;
    const QString text = m_filter->text().trimmed();
    return text.isEmpty() || entry.category.contains(text, Qt::CaseInsensitive) ||
           entry.message.contains(text, Qt::CaseInsensitive);
}

void LogView::rebuild()
{
    m_text->clear();
    m_following = true;
    append(m_sink->entries());
    m_text->verticalScrollBar()->setValue(m_text->verticalScrollBar()->maximum());
}

void LogView::append(const QList<LogEntry> &entries)
{
    QTextCursor cursor(m_text->document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    for (const LogEntry &entry : entries) {
        if (!shows(entry))
            continue;
        if (!m_text->document()->isEmpty())
            cursor.insertBlock();
        cursor.insertText(lineOf(entry), formatOf(entry.level, palette()));
    }
    cursor.endEditBlock();
}

} // namespace flux
