#include "StallProbe.h"

#include "ProcessStats.h"

#include <algorithm>

namespace flux::bench {

namespace {
double longest(const std::vector<qint64> &ns)
{
    return ns.empty() ? 0.0 : double(*std::max_element(ns.begin(), ns.end())) / 1e6;
}

double percentile(std::vector<qint64> ns, double fraction)
{
    if (ns.empty())
        return 0.0;
    const size_t at = std::min(ns.size() - 1, size_t(double(ns.size()) * fraction));
    std::nth_element(ns.begin(), ns.begin() + long(at), ns.end());
    return double(ns[at]) / 1e6;
}

int countOver(const std::vector<qint64> &ns, double ms)
{
    return int(
        std::count_if(ns.begin(), ns.end(), [ms](qint64 gap) { return double(gap) / 1e6 > ms; }));
}
} // namespace

StallProbe::StallProbe()
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(1);
    QObject::connect(&m_timer, &QTimer::timeout, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        const qint64 cpu = threadCpuNs();
        m_gapsNs.push_back(now - m_lastNs);
        m_busyNs.push_back(cpu - m_lastCpuNs);
        m_lastNs = now;
        m_lastCpuNs = cpu;
    });
}

void StallProbe::start()
{
    m_gapsNs.clear();
    m_gapsNs.reserve(200000);
    m_busyNs.clear();
    m_busyNs.reserve(200000);
    m_clock.start();
    m_lastNs = 0;
    m_lastCpuNs = threadCpuNs();
    m_timer.start();
}

void StallProbe::stop()
{
    m_timer.stop();
}

double StallProbe::longestMs() const
{
    return longest(m_gapsNs);
}

double StallProbe::percentileMs(double fraction) const
{
    return percentile(m_gapsNs, fraction);
}

int StallProbe::countOver(double ms) const
{
    return flux::bench::countOver(m_gapsNs, ms);
}

double StallProbe::longestBusyMs() const
{
    return longest(m_busyNs);
}

double StallProbe::busyPercentileMs(double fraction) const
{
    return percentile(m_busyNs, fraction);
}

int StallProbe::countBusyOver(double ms) const
{
    return flux::bench::countOver(m_busyNs, ms);
}

} // namespace flux::bench
