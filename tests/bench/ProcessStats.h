// ProcessStats: what the benches print about the process itself: resident memory, age, CPU.
#pragma once

#include <QtGlobal>

namespace flux::bench {

// Resident set size (VmRSS), KiB; -1 if unknown.
long rssKb();
// Peak resident set size (VmHWM), KiB; -1 if unknown.
long peakRssKb();
// Milliseconds since the kernel started this process (10 ms resolution: clock ticks).
qint64 processAgeMs();
// CPU time the calling thread has used, ns and ms.
qint64 threadCpuNs();
double threadCpuMs();
// CPU time the whole process has used (every thread, user and system), ms.
double processCpuMs();

} // namespace flux::bench
