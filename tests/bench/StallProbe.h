// StallProbe: measures how long the GUI thread's event loop goes without turning, with a 1 ms
// timer whose actual intervals are the gaps a person would feel as a frozen window.
#pragma once

#include <QElapsedTimer>
#include <QTimer>

#include <vector>

namespace flux::bench {

class StallProbe
{
public:
    StallProbe();

    void start();
    void stop();

    // Over the gaps measured between start() and stop(), in ms.
    double longestMs() const;
    double percentileMs(double percentile) const;
    int countOver(double ms) const;
    int samples() const { return int(m_gapsNs.size()); }
    // The same for the CPU time the GUI thread spent within each gap: the window's own work,
    // without the time the thread waited for a core (the machine may be shared).
    double longestBusyMs() const;
    double busyPercentileMs(double percentile) const;
    int countBusyOver(double ms) const;

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_lastCpuNs = 0;
    std::vector<qint64> m_gapsNs;
    std::vector<qint64> m_busyNs;
};

} // namespace flux::bench
