#include "CallRows.h"

namespace flux {

namespace {
quint16 clamp16(qsizetype bytes)
{
    return quint16(qMin<qsizetype>(bytes, 0xffff));
}
} // namespace

void CallRows::reserve(int rows)
{
    m_rows.reserve(rows);
    // Sid, number, a short title and an id come to about 100 bytes.
    m_text.reserve(qsizetype(rows) * 100);
}

void CallRows::append(const CallRecord &call)
{
    Row row;
    const QByteArray sid = call.sid.toUtf8().left(0xffff);
    const QByteArray to = call.to.toUtf8().left(0xffff);
    const QByteArray title = call.taskTitle.toUtf8();
    const QByteArray taskId = call.taskId.toUtf8().left(0xffff);
    row.text = quint32(m_text.size());
    row.sidBytes = clamp16(sid.size());
    row.toBytes = clamp16(to.size());
    row.titleBytes = quint32(title.size());
    row.taskIdBytes = clamp16(taskId.size());
    m_text += sid;
    m_text += to;
    m_text += title;
    m_text += taskId;
    row.initiatedAtMs = call.initiatedAt.toMSecsSinceEpoch();
    m_rows.append(row);
    update(int(m_rows.size()) - 1, call);
    index(int(m_rows.size()) - 1);
}

bool CallRows::update(int row, const CallRecord &call)
{
    Row &r = m_rows[row];
    const quint8 status = word(call.status);
    const quint8 outcome = word(call.outcome);
    const quint8 reason = word(call.reason);
    const bool changed = r.status != status || r.outcome != outcome || r.reason != reason ||
                         r.durationSeconds != call.durationSeconds ||
                         m_errors.value(row) != call.errorMessage;
    r.status = status;
    r.outcome = outcome;
    r.reason = reason;
    r.durationSeconds = call.durationSeconds;
    if (call.errorMessage.isEmpty())
        m_errors.remove(row);
    else
        m_errors.insert(row, call.errorMessage);
    return changed;
}

quint8 CallRows::word(const QString &value)
{
    const qsizetype at = m_words.indexOf(value);
    if (at >= 0)
        return quint8(at);
    // Twilio's statuses and our outcomes are a dozen words; anything past 255 shares the last.
    if (m_words.size() >= 255)
        return 254;
    m_words.append(value);
    return quint8(m_words.size() - 1);
}

QString CallRows::text(quint32 offset, int bytes) const
{
    return QString::fromUtf8(m_text.constData() + offset, bytes);
}

QByteArrayView CallRows::sidBytes(int row) const
{
    const Row &r = m_rows.at(row);
    return QByteArrayView(m_text.constData() + r.text, r.sidBytes);
}

QString CallRows::sid(int row) const
{
    const Row &r = m_rows.at(row);
    return text(r.text, r.sidBytes);
}

QString CallRows::to(int row) const
{
    const Row &r = m_rows.at(row);
    return text(r.text + r.sidBytes, r.toBytes);
}

QString CallRows::taskTitle(int row) const
{
    const Row &r = m_rows.at(row);
    return text(r.text + r.sidBytes + r.toBytes, int(r.titleBytes));
}

QString CallRows::taskId(int row) const
{
    const Row &r = m_rows.at(row);
    return text(r.text + r.sidBytes + r.toBytes + r.titleBytes, r.taskIdBytes);
}

int CallRows::find(const QString &sid) const
{
    if (m_slots.isEmpty())
        return -1;
    const QByteArray key = sid.toUtf8();
    const size_t mask = size_t(m_slots.size()) - 1;
    for (size_t slot = qHash(QByteArrayView(key)) & mask;; slot = (slot + 1) & mask) {
        const qint32 row = m_slots.at(qsizetype(slot));
        if (row < 0)
            return -1;
        if (sidBytes(row) == QByteArrayView(key))
            return row;
    }
}

void CallRows::index(int row)
{
    if (qsizetype(m_rows.size()) * 2 > m_slots.size()) {
        grow();
        return; // grow() indexed every row, this one too
    }
    const size_t mask = size_t(m_slots.size()) - 1;
    size_t slot = qHash(sidBytes(row)) & mask;
    while (m_slots.at(qsizetype(slot)) >= 0)
        slot = (slot + 1) & mask;
    m_slots[qsizetype(slot)] = row;
}

void CallRows::grow()
{
    qsizetype capacity = 64;
    while (capacity < qsizetype(m_rows.size()) * 2)
        capacity *= 2;
    m_slots.fill(-1, capacity);
    const size_t mask = size_t(capacity) - 1;
    for (int row = 0; row < m_rows.size(); ++row) {
        size_t slot = qHash(sidBytes(row)) & mask;
        while (m_slots.at(qsizetype(slot)) >= 0)
            slot = (slot + 1) & mask;
        m_slots[qsizetype(slot)] = row;
    }
}

} // namespace flux
