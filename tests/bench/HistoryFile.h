// HistoryFile: writes a store file holding N finished calls, the history the window benches open.
#pragma once

#include <QString>

#include <functional>

class QSqlDatabase;

namespace flux::bench {

// Calls CA000…0 to CA…(N-1), oldest first, 20 s apart, ending about 30 days ago plus N×20 s.
// Written straight into the file in one transaction the way CallStore lays them out: going
// through CallStore would sync each call to disk, which is right for real calls but slow here.
bool writeHistory(const QString &path, int calls);
// Creates the store file (schema and all) and runs `fill` on it in one transaction: true when
// the file opened and `fill` and the commit succeeded.
bool fillStore(const QString &path, const std::function<bool(QSqlDatabase &)> &fill);
// The sid writeHistory gives call `index`.
QString historySid(int index);

} // namespace flux::bench
