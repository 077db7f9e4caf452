// CallRows: the call list's rows, kept compact: only what the list shows, sorts and searches by,
// the text of every row in one block. A value type, cheap to copy: the history is built into one
// on the engine thread and handed to the window in one go.
#pragma once

#include "calls/CallRecord.h"

#include <QByteArray>
#include <QHash>
#include <QStringList>
#include <QVector>

namespace flux {

class CallRows
{
public:
    int size() const { return int(m_rows.size()); }
    void reserve(int rows);

    // Adds a row for a call not in the list yet (see find()).
    void append(const CallRecord &call);
    // Brings a row up to date with what changes during a call (status, outcome, duration,
    // error); the number, task and start time never change. False when nothing shown changed.
    bool update(int row, const CallRecord &call);
    // The row of a call, or -1.
    int find(const QString &sid) const;

    QString sid(int row) const;
    QString to(int row) const;
    // The number as stored (UTF-8): compares as the QString would, without making one.
    QByteArrayView toBytes(int row) const
    {
        const Row &r = m_rows.at(row);
        return QByteArrayView(m_text.constData() + r.text + r.sidBytes, r.toBytes);
    }
    QString taskTitle(int row) const;
    QString taskId(int row) const;
    const QString &status(int row) const { return m_words.at(m_rows.at(row).status); }
    const QString &outcome(int row) const { return m_words.at(m_rows.at(row).outcome); }
    const QString &reason(int row) const { return m_words.at(m_rows.at(row).reason); }
    QString errorMessage(int row) const { return m_errors.value(row); }
    qint64 initiatedAtMs(int row) const { return m_rows.at(row).initiatedAtMs; }
    int durationSeconds(int row) const { return m_rows.at(row).durationSeconds; }

private:
    // 32 bytes; the strings live in m_text, UTF-8, back to back: sid, to, title, task id.
    struct Row
    {
        quint32 text = 0;
        quint32 titleBytes = 0;
        quint16 sidBytes = 0;
        quint16 toBytes = 0;
        quint16 taskIdBytes = 0;
        quint8 status = 0;  // index into m_words
        quint8 outcome = 0; // index into m_words
        qint64 initiatedAtMs = 0;
        qint32 durationSeconds = -1;
        quint8 reason = 0; // index into m_words
    };

    QString text(quint32 offset, int bytes) const;
    QByteArrayView sidBytes(int row) const;
    quint8 word(const QString &value);
    void index(int row);
    void grow();

    QVector<Row> m_rows;
    QByteArray m_text;
    // Statuses, outcomes and reasons: a handful of words, each kept once.
    QStringList m_words;
    // Error messages are rare: only rows that have one.
    QHash<int, QString> m_errors;
    // Open addressing by sid: row numbers, -1 where empty; at most half full.
    QVector<qint32> m_slots;
};

} // namespace flux
