// CallSortProxy: sorts and searches the call list; compares times, numbers and durations straight
// from the compact rows, so sorting 100,000 calls makes no QVariant per comparison. A
// notification's calls stay in attempt order whichever way the list is sorted, and a search that
// matches a notification shows its calls, one that matches a call shows its notification.
#pragma once

#include <QSortFilterProxyModel>

namespace flux {

class CallTreeModel;

class CallSortProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit CallSortProxy(CallTreeModel *source, QObject *parent = nullptr);

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    CallTreeModel *m_source;
};

} // namespace flux
