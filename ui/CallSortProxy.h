// CallSortProxy: sorts and searches the call list; compares times, numbers and durations straight
// from the compact rows, so sorting 100,000 calls makes no QVariant per comparison. A
// notification's rows stay together, its own first and its calls first to last, whichever way
// the list is sorted; a collapsed one hides its calls; a search that matches a call shows its
// notification, one that matches a notification shows its calls.
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
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    // Whether row `a` sorts before row `b` by the column, both rows that stand for themselves.
    bool keyLess(int a, int b, int column) const;
    bool matches(int row) const;

    CallTreeModel *m_source;
};

} // namespace flux
