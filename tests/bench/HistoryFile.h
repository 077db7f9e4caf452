// HistoryFile: writes a store file holding N finished calls, the history the window benches open.
#pragma once

#include <QString>

namespace flux::bench {

// Calls CA000…0 to CA…(N-1), oldest first, 20 s apart, ending about 30 days ago plus N×20 s.
// Written straight into the file in one transaction the way CallStore lays them out: going
// through CallStore would sync each call to disk, which is right for real calls but slow here.
bool writeHistory(const QString &path, int calls);
// The sid writeHistory gives call `index`.
QString historySid(int index);

} // namespace flux::bench
