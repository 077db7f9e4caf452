#include "simulator/EndedCallArchive.h"

#include <algorithm>

namespace flux {

EndedCallArchive::EndedCallArchive(int capacity) : m_capacity(std::max(capacity, 0)) {}

void EndedCallArchive::add(SimulatedCallRecord record)
{
    if (m_capacity == 0) {
        ++m_forgotten;
        return;
    }
    while (qsizetype(m_records.size()) >= m_capacity) {
        m_positions.remove(m_records.front().sid);
        m_records.pop_front();
        ++m_forgotten;
    }
    record.squeeze();
    m_positions.insert(record.sid, m_forgotten + qint64(m_records.size()));
    m_records.push_back(std::move(record));
}

const SimulatedCallRecord *EndedCallArchive::find(const QString &sid) const
{
    const auto found = m_positions.constFind(sid);
    if (found == m_positions.cend())
        return nullptr;
    return &m_records[std::size_t(found.value() - m_forgotten)];
}

} // namespace flux
