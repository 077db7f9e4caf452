// The store alone under a webhook storm's writes: status callbacks applied in groups, as the
// server applies them (one group per event-loop turn, each answered once its sync is done, two
// groups in flight), on a real SQLite file. Prints the store thread's CPU time per status, the
// whole process's (with the sync and checkpoint threads) and the rate; never passes or fails on
// them. Without HTTP and wrk sharing the cores, the figures vary far less from run to run than
// bench-server.sh's do, so a change to the store can be measured here first.
//
//   bench-store-writes [calls=200] [statuses=300000] [group=20]
#include "ProcessStats.h"
#include "calls/CallStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace flux;

namespace {

struct Run
{
    CallStore *store = nullptr;
    QStringList sids;
    int total = 0;
    int group = 0;
    bool repeats = false; // every status sent twice: the second is a duplicate
    int sequence = 100;
    int applied = 0;
    int next = 0;     // statuses handed to the store so far
    int durable = 0;  // ... and reported durable
    int inFlight = 0; // groups waiting for their sync
    bool failed = false;

    CallEvent event(int index) const
    {
        CallEvent status;
        status.kind = CallEvent::Kind::Status;
        const int distinct = repeats ? index / 2 : index;
        status.callSid = sids.at(distinct % sids.size());
        status.status = CallStatus::InProgress;
        status.sequence = sequence + distinct / int(sids.size());
        status.timestamp = QStringLiteral("Wed, 25 Nov 2026 12:00:00 +0000");
        status.receivedAt = QDateTime::currentDateTimeUtc();
        return status;
    }

    // One event-loop turn: a group of statuses, committed once the turn ends.
    void turn()
    {
        if (failed || next >= total || inFlight >= 2)
            return;
        const int end = qMin(total, next + group);
        const int size = end - next;
        for (; next < end; ++next) {
            auto result = store->applyStatus(event(next), CallStore::Commit::Grouped);
            if (!result) {
                std::fprintf(stderr, "write failed: %s\n", qPrintable(result.error().message));
                failed = true;
                QCoreApplication::exit(1);
                return;
            }
            applied += result.value() == CallStore::StatusResult::Applied;
        }
        ++inFlight;
        store->whenDurable([this, size](const Result<void, StoreError> &done) {
            if (!done) {
                std::fprintf(stderr, "sync failed: %s\n", qPrintable(done.error().message));
                failed = true;
                QCoreApplication::exit(1);
                return;
            }
            --inFlight;
            durable += size;
            if (durable >= total)
                QCoreApplication::exit(0);
            else
                QTimer::singleShot(0, [this] { turn(); });
        });
        QTimer::singleShot(0, [this] { turn(); });
    }
};

int measure(const QString &dir, int calls, int total, int group, bool repeats)
{
    auto opened = CallStore::open(
        dir + (repeats ? QStringLiteral("/repeats.sqlite") : QStringLiteral("/new.sqlite")));
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    CallStore &store = *opened.value();
    Run run;
    run.store = &store;
    run.total = total;
    run.group = group;
    run.repeats = repeats;
    for (int i = 0; i < calls; ++i) {
        CallRecord call;
        call.sid = QStringLiteral("CA%1").arg(i, 32, 16, QLatin1Char('0'));
        call.to = QStringLiteral("+15555550199");
        call.from = QStringLiteral("+15005550006");
        call.taskTitle = QStringLiteral("Benchmark call %1").arg(i);
        call.status = CallStatus::Queued;
        if (auto inserted = store.insertCall(call); !inserted) {
            std::fprintf(stderr, "%s\n", qPrintable(inserted.error().message));
            return 1;
        }
        run.sids.append(call.sid);
    }

    const double thread0 = bench::threadCpuMs();
    const double process0 = bench::processCpuMs();
    QElapsedTimer wall;
    wall.start();
    QTimer::singleShot(0, [&run] { run.turn(); });
    if (const int code = QCoreApplication::exec(); code != 0)
        return code;
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const double threadMs = bench::threadCpuMs() - thread0;
    const double processMs = bench::processCpuMs() - process0;
    std::printf("%-7s statuses=%d applied=%d group=%d calls=%d wall_s=%.2f rate=%.0f/s "
                "store_thread_us=%.2f process_us=%.2f\n",
                repeats ? "repeats" : "new", total, run.applied, group, calls, seconds,
                total / seconds, threadMs / total * 1e3, processMs / total * 1e3);
    std::fflush(stdout);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto arg = [&args](int i, int fallback) {
        return args.size() > i ? args.at(i).toInt() : fallback;
    };
    const int calls = arg(1, 200);
    const int total = arg(2, 300000);
    const int group = arg(3, 20);
    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    std::printf("# bench-store-writes: %d status callbacks over %d calls, %d per group, in %s\n",
                total, calls, group, qPrintable(dir.path()));
    // New statuses (each SequenceNumber higher than the call's last), as Twilio sends them;
    // then each sent twice, the second a retry the store must recognise.
    if (const int code = measure(dir.path(), calls, total, group, false); code != 0)
        return code;
    return measure(dir.path(), calls, total, group, true);
}
