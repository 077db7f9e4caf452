#include "CallSortProxy.h"

#include "CallTableModel.h"

namespace flux {

CallSortProxy::CallSortProxy(CallTableModel *source, QObject *parent)
    : QSortFilterProxyModel(parent), m_source(source)
{
    setSourceModel(source);
    setSortRole(CallTableModel::SortRole);
    // One cheap role carries everything searchable, so filtering never formats dates.
    setFilterKeyColumn(0);
    setFilterRole(CallTableModel::SearchRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

bool CallSortProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const CallRows &rows = m_source->rows();
    const int a = left.row();
    const int b = right.row();
    // Ties keep the store's order (newest first), as the default comparison would.
    switch (left.column()) {
    case CallTableModel::Time:
        return rows.initiatedAtMs(a) < rows.initiatedAtMs(b);
    case CallTableModel::Number:
        return rows.toBytes(a) < rows.toBytes(b);
    case CallTableModel::Duration:
        return rows.durationSeconds(a) < rows.durationSeconds(b);
    default:
        return QSortFilterProxyModel::lessThan(left, right);
    }
}

} // namespace flux
