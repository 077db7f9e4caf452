// EndedCallArchive: the ended calls the simulator still answers for, each kept as a small
// SimulatedCallRecord, the most recently ended ones up to a fixed number, so a simulator that
// runs for weeks stays bounded while Twilio's REST API and GET /sim/calls can still read them.
#pragma once

#include "simulator/SimulatedCallRecord.h"

#include <QHash>

#include <deque>

namespace flux {

class EndedCallArchive
{
public:
    // How many ended calls are kept by default. An app reads a call back (GET .../Calls/{sid})
    // only while it reconciles a call whose final callback it missed, minutes after the call,
    // and the virtual phone only shows the latest. The default holds the create benchmark's
    // whole run and a day of a busy desk; a record is small (bench-call-storm reports the peak
    // memory).
    static constexpr int DefaultCapacity = 10000;

    explicit EndedCallArchive(int capacity = DefaultCapacity);

    // Keeps `record`; beyond the capacity, the call that ended longest ago is forgotten.
    void add(SimulatedCallRecord record);
    // Null when no call with this sid is kept.
    // Valid until the next add(), which may forget the record it points to.
    const SimulatedCallRecord *find(const QString &sid) const;
    // Oldest ended first.
    const std::deque<SimulatedCallRecord> &records() const { return m_records; }
    qsizetype size() const { return qsizetype(m_records.size()); }
    int capacity() const { return m_capacity; }
    // Ended calls forgotten to stay within the capacity, since start.
    qint64 forgotten() const { return m_forgotten; }

private:
    int m_capacity;
    std::deque<SimulatedCallRecord> m_records;
    // Each record's position counted from the first call ever added: the deque's index plus
    // m_forgotten, so forgetting the oldest moves no other entry.
    QHash<QString, qint64> m_positions;
    qint64 m_forgotten = 0;
};

} // namespace flux
