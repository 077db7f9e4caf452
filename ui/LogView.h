// LogView: the recent log, filtered by level and by text, following new lines unless the user
// has scrolled up to read.
#pragma once

#include "LogEntry.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace flux {

class LogSink;

class LogView : public QWidget
{
    Q_OBJECT
public:
    // `sink` must outlive the view.
    explicit LogView(LogSink *sink, QWidget *parent = nullptr);

    // Lines below this level are hidden (Info at first).
    void setMinimumLevel(LogEntry::Level level);
    LogEntry::Level minimumLevel() const;
    // Only lines whose category or message contains `text` (any case); empty shows all.
    void setFilterText(const QString &text);

    QPlainTextEdit *textView() const { return m_text; }

private:
    bool shows(const LogEntry &entry) const;
    void rebuild();
    void append(const QList<LogEntry> &entries);

    LogSink *m_sink;
    QComboBox *m_level;
    QLineEdit *m_filter;
    QPlainTextEdit *m_text;
    bool m_following = true;
};

} // namespace flux
