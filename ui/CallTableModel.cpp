#include "CallTableModel.h"

#include "CallBadge.h"

#include <QSet>

namespace flux {

CallTableModel::CallTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void CallTableModel::reset(const CallRows &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void CallTableModel::reset(const QList<CallRecord> &calls)
{
    CallRows rows;
    rows.reserve(int(calls.size()));
    for (const CallRecord &call : calls)
        rows.append(call);
    reset(rows);
}

void CallTableModel::upsert(const CallRecord &call)
{
    upsert(QList<CallRecord>{call});
}

void CallTableModel::upsert(const QList<CallRecord> &calls)
{
    QList<const CallRecord *> added;
    for (const CallRecord &call : calls) {
        const int row = m_rows.find(call.sid);
        if (row < 0) {
            added.append(&call);
        } else if (m_rows.update(row, call)) {
            // Number, task and time never change: announcing them would make a proxy sorted
            // by time move the row (and re-check the sort of 100,000 rows) for nothing.
            Q_EMIT dataChanged(index(row, Status), index(row, Duration));
        }
    }
    if (added.isEmpty())
        return;
    // The same sid twice in one batch: the first adds the row, the later ones update it.
    QSet<QString> newSids;
    for (const CallRecord *call : added)
        newSids.insert(call->sid);
    const int first = m_rows.size();
    beginInsertRows({}, first, first + int(newSids.size()) - 1);
    QList<const CallRecord *> updates;
    for (const CallRecord *call : added) {
        if (newSids.remove(call->sid))
            m_rows.append(*call);
        else
            updates.append(call);
    }
    endInsertRows();
    for (const CallRecord *call : updates) {
        const int row = m_rows.find(call->sid);
        if (m_rows.update(row, *call))
            Q_EMIT dataChanged(index(row, Status), index(row, Duration));
    }
}

int CallTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

int CallTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CallTableModel::formatDuration(int seconds)
{
    if (seconds < 0)
        return {};
    return seconds < 60
               ? tr("%1 s").arg(seconds)
               : tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QVariant CallTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const int row = index.row();
    if (role == SidRole)
        return m_rows.sid(row);
    if (role == SearchRole)
        return QStringList{
            m_rows.to(row), m_rows.taskTitle(row), m_rows.taskId(row),
            CallBadge::of(m_rows.status(row), m_rows.outcome(row), m_rows.reason(row)).text,
            m_rows.sid(row)}
            .join(QLatin1Char('\n'));
    switch (index.column()) {
    case Time:
        // Sorting asks for this role n log n times: keep it free of time-zone conversion.
        if (role == SortRole)
            return m_rows.initiatedAtMs(row);
        if (role == Qt::DisplayRole) {
            const QDateTime local = QDateTime::fromMSecsSinceEpoch(m_rows.initiatedAtMs(row));
            return local.date() == QDate::currentDate()
                       ? local.toString(QStringLiteral("HH:mm:ss"))
                       : local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        }
        if (role == Qt::ToolTipRole)
            return QDateTime::fromMSecsSinceEpoch(m_rows.initiatedAtMs(row)).toString(Qt::ISODate);
        break;
    case Number:
        if (role == Qt::DisplayRole || role == SortRole)
            return m_rows.to(row);
        break;
    case Task:
        if (role == Qt::DisplayRole || role == SortRole) {
            const QString taskId = m_rows.taskId(row);
            return taskId.isEmpty() ? m_rows.taskTitle(row)
                                    : QStringLiteral("%1 (%2)").arg(m_rows.taskTitle(row), taskId);
        }
        if (role == Qt::ToolTipRole)
            return m_rows.taskTitle(row);
        break;
    case Status: {
        const CallBadge badge =
            CallBadge::of(m_rows.status(row), m_rows.outcome(row), m_rows.reason(row));
        if (role == Qt::DisplayRole || role == SortRole)
            return badge.text;
        if (role == BadgeColorRole)
            return badge.color;
        if (role == Qt::ToolTipRole) {
            const QString error = m_rows.errorMessage(row);
            return error.isEmpty() ? m_rows.status(row) : error;
        }
        break;
    }
    case Duration:
        if (role == Qt::DisplayRole)
            return formatDuration(m_rows.durationSeconds(row));
        if (role == SortRole)
            return m_rows.durationSeconds(row);
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant CallTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Number:
        return tr("Number");
    case Task:
        return tr("Task");
    case Status:
        return tr("Status");
    case Duration:
        return tr("Duration");
    default:
        return {};
    }
}

} // namespace flux
