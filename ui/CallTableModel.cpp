#include "CallTableModel.h"

#include "CallBadge.h"

namespace flux {

CallTableModel::CallTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void CallTableModel::reset(const QList<CallRecord> &calls)
{
    beginResetModel();
    m_calls = QVector<CallRecord>(calls.begin(), calls.end());
    m_rowBySid.clear();
    m_rowBySid.reserve(m_calls.size());
    for (int row = 0; row < m_calls.size(); ++row)
        m_rowBySid.insert(m_calls.at(row).sid, row);
    endResetModel();
}

void CallTableModel::upsert(const CallRecord &call)
{
    const int row = rowOf(call.sid);
    if (row >= 0) {
        m_calls[row] = call;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int newRow = static_cast<int>(m_calls.size());
    beginInsertRows({}, newRow, newRow);
    m_calls.append(call);
    m_rowBySid.insert(call.sid, newRow);
    endInsertRows();
}

int CallTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_calls.size());
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
    if (!index.isValid() || index.row() >= m_calls.size())
        return {};
    const CallRecord &call = m_calls.at(index.row());
    if (role == SidRole)
        return call.sid;
    if (role == SearchRole)
        return QStringList{call.to, call.taskTitle, call.taskId, CallBadge::of(call).text, call.sid}
            .join(QLatin1Char('\n'));
    switch (index.column()) {
    case Time:
        // Sorting asks for this role n log n times: keep it free of time-zone conversion.
        if (role == SortRole)
            return call.initiatedAt.toMSecsSinceEpoch();
        if (role == Qt::DisplayRole) {
            const QDateTime local = call.initiatedAt.toLocalTime();
            return local.date() == QDate::currentDate()
                       ? local.toString(QStringLiteral("HH:mm:ss"))
                       : local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        }
        if (role == Qt::ToolTipRole)
            return call.initiatedAt.toLocalTime().toString(Qt::ISODate);
        break;
    case Number:
        if (role == Qt::DisplayRole || role == SortRole)
            return call.to;
        break;
    case Task:
        if (role == Qt::DisplayRole || role == SortRole)
            return call.taskId.isEmpty()
                       ? call.taskTitle
                       : QStringLiteral("%1 (%2)").arg(call.taskTitle, call.taskId);
        if (role == Qt::ToolTipRole)
            return call.taskTitle;
        break;
    case Status: {
        const CallBadge badge = CallBadge::of(call);
        if (role == Qt::DisplayRole || role == SortRole)
            return badge.text;
        if (role == BadgeColorRole)
            return badge.color;
        if (role == Qt::ToolTipRole)
            return call.errorMessage.isEmpty() ? call.status : call.errorMessage;
        break;
    }
    case Duration:
        if (role == Qt::DisplayRole)
            return formatDuration(call.durationSeconds);
        if (role == SortRole)
            return call.durationSeconds;
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
