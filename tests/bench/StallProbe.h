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

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    std::vector<qint64> m_gapsNs;
};

} // namespace flux::bench
