#include "StallProbe.h"

#include <algorithm>

namespace flux::bench {

StallProbe::StallProbe()
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(1);
    QObject::connect(&m_timer, &QTimer::timeout, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        m_gapsNs.push_back(now - m_lastNs);
        m_lastNs = now;
    });
}

void StallProbe::start()
{
    m_gapsNs.clear();
    m_gapsNs.reserve(200000);
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
}

void StallProbe::stop()
{
    m_timer.stop();
}

double StallProbe::longestMs() const
{
    return m_gapsNs.empty() ? 0.0
                            : double(*std::max_element(m_gapsNs.begin(), m_gapsNs.end())) / 1e6;
}

double StallProbe::percentileMs(double percentile) const
{
    if (m_gapsNs.empty())
        return 0.0;
    std::vector<qint64> sorted = m_gapsNs;
    const size_t at = std::min(sorted.size() - 1, size_t(double(sorted.size()) * percentile));
    std::nth_element(sorted.begin(), sorted.begin() + long(at), sorted.end());
    return double(sorted[at]) / 1e6;
}

int StallProbe::countOver(double ms) const
{
    return int(std::count_if(m_gapsNs.begin(), m_gapsNs.end(),
                             [ms](qint64 gap) { return double(gap) / 1e6 > ms; }));
}

} // namespace flux::bench
