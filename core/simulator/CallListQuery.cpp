#include "simulator/CallListQuery.h"

#include "base/JsonWriter.h"
#include "simulator/SimulatedCallRecord.h"

#include <algorithm>
#include <optional>

namespace flux {

namespace {
const QString PageAfter = QStringLiteral("PA");
const QString PageBefore = QStringLiteral("PB");

// A time a filter bounds: Twilio takes a day (YYYY-MM-DD, the SDKs send strings as given) or,
// from the SDKs' datetime objects, YYYY-MM-DDTHH:MM:SSZ. The span is how long the value covers,
// so "on that day" and "on or before that day" take the whole day in.
struct FilterTime
{
    QDateTime at;
    qint64 spanSeconds = 0;
};

std::optional<FilterTime> parseTime(const QString &text)
{
    const QDate day = QDate::fromString(text, Qt::ISODate);
    if (day.isValid() && text.size() == 10)
        return FilterTime{QDateTime(day, QTime(0, 0), Qt::UTC), 24 * 3600};
    const QDateTime at = QDateTime::fromString(text, Qt::ISODate);
    if (!at.isValid())
        return std::nullopt;
    return FilterTime{at.toUTC(), 1};
}

void narrowFrom(QDateTime &bound, const QDateTime &from)
{
    if (!bound.isValid() || from > bound)
        bound = from;
}

void narrowUntil(QDateTime &bound, const QDateTime &until)
{
    if (!bound.isValid() || until < bound)
        bound = until;
}

bool within(const QDateTime &time, const QDateTime &from, const QDateTime &until)
{
    if (!from.isValid() && !until.isValid())
        return true;
    // A call not yet started (or not yet ended) has no time to match a bound.
    if (!time.isValid())
        return false;
    return (!from.isValid() || time >= from) && (!until.isValid() || time < until);
}

void appendField(QByteArray &out, QLatin1String key)
{
    if (!out.endsWith('{'))
        out += ',';
    JsonWriter::appendString(out, key);
    out += ':';
}

void appendUriOrNull(QByteArray &out, QLatin1String key, const QString &uri)
{
    appendField(out, key);
    if (uri.isEmpty())
        out += "null";
    else
        JsonWriter::appendString(out, uri);
}
} // namespace

Result<CallListQuery, QString> CallListQuery::parse(const FormParams &query)
{
    CallListQuery parsed;
    for (const auto &[name, value] : query) {
        if (name == QLatin1String("To")) {
            parsed.to = value;
        } else if (name == QLatin1String("From")) {
            parsed.from = value;
        } else if (name == QLatin1String("Status")) {
            parsed.status = value;
        } else if (name.startsWith(QLatin1String("StartTime")) ||
                   name.startsWith(QLatin1String("EndTime"))) {
            const bool start = name.startsWith(QLatin1String("StartTime"));
            const QStringView comparison =
                QStringView(name).sliced(start ? 9 : 7); // "", "<" or ">"
            const auto time = parseTime(value);
            if (!time || comparison.size() > 1)
                return QStringLiteral("Invalid %1: %2").arg(name, value);
            QDateTime &from = start ? parsed.startFrom : parsed.endFrom;
            QDateTime &until = start ? parsed.startUntil : parsed.endUntil;
            const QDateTime after = time->at.addSecs(time->spanSeconds);
            if (comparison != QLatin1String(">"))
                narrowUntil(until, after); // "=" and "<": on or before
            if (comparison != QLatin1String("<"))
                narrowFrom(from, time->at); // "=" and ">": on or after
        } else if (name == QLatin1String("PageSize")) {
            bool ok = false;
            const int size = value.toInt(&ok);
            if (!ok || size < 1)
                return QStringLiteral("Invalid PageSize: %1").arg(value);
            // The SDKs pass a list's limit as its PageSize; Twilio serves at most its maximum.
            parsed.pageSize = std::min(size, MaxPageSize);
            continue;
        } else if (name == QLatin1String("Page")) {
            bool ok = false;
            parsed.page = value.toInt(&ok);
            if (!ok || parsed.page < 0)
                return QStringLiteral("Invalid Page: %1").arg(value);
            continue;
        } else if (name == QLatin1String("PageToken")) {
            parsed.pageToken = value;
            continue;
        } else {
            continue; // ParentCallSid and the like: the simulator makes no child calls
        }
        parsed.filters.append({name, value});
    }
    return parsed;
}

bool CallListQuery::matches(const SimulatedCallRecord &call) const
{
    return (to.isEmpty() || call.to == to) && (from.isEmpty() || call.from == from) &&
           (status.isEmpty() || call.status == status) &&
           within(call.started, startFrom, startUntil) && within(call.ended, endFrom, endUntil);
}

QByteArray CallListQuery::pageBytes(const std::vector<const SimulatedCallRecord *> &newestFirst,
                                    const QString &accountSid, const QString &phoneNumberSid) const
{
    std::vector<const SimulatedCallRecord *> matching;
    for (const SimulatedCallRecord *call : newestFirst) {
        if (matches(*call))
            matching.push_back(call);
    }
    const qsizetype total = qsizetype(matching.size());
    // A token names a call rather than an offset, so calls placed between two pages do not
    // shift the next one. A token whose call is forgotten falls back to Page.
    qsizetype begin = std::min<qsizetype>(qsizetype(page) * pageSize, total);
    const QString tokenSid = pageToken.mid(2);
    const auto token = std::find_if(newestFirst.cbegin(), newestFirst.cend(),
                                    [&](const auto *call) { return call->sid == tokenSid; });
    if (!tokenSid.isEmpty() && token != newestFirst.cend()) {
        const qint64 number = (*token)->number;
        const auto firstAt = [&matching](auto predicate) {
            return qsizetype(std::find_if(matching.cbegin(), matching.cend(), predicate) -
                             matching.cbegin());
        };
        if (pageToken.startsWith(PageAfter))
            begin = firstAt([number](const auto *call) { return call->number < number; });
        else if (pageToken.startsWith(PageBefore))
            begin = std::max<qsizetype>(0, firstAt([number](const auto *call) {
                                               return call->number <= number;
                                           }) - pageSize);
    }
    const qsizetype end = std::min<qsizetype>(begin + pageSize, total);

    const QString listPath = QStringLiteral("/2010-04-01/Accounts/%1/Calls.json").arg(accountSid);
    const auto uri = [&](int pageNumber, const QString &tokenValue) -> QString {
        FormParams params = filters;
        params.append({QStringLiteral("PageSize"), QString::number(pageSize)});
        params.append({QStringLiteral("Page"), QString::number(pageNumber)});
        if (!tokenValue.isEmpty())
            params.append({QStringLiteral("PageToken"), tokenValue});
        return listPath + QLatin1Char('?') + QString::fromLatin1(FormEncoding::encode(params));
    };

    QByteArray body;
    body += '{';
    appendField(body, QLatin1String("calls"));
    body += '[';
    for (qsizetype i = begin; i < end; ++i) {
        if (i > begin)
            body += ',';
        body += matching[std::size_t(i)]->resourceBytes(accountSid, phoneNumberSid);
    }
    body += ']';
    const qint64 start = qint64(page) * pageSize;
    const qint64 count = end - begin;
    appendField(body, QLatin1String("end"));
    body += QByteArray::number(count > 0 ? start + count - 1 : start);
    appendUriOrNull(body, QLatin1String("first_page_uri"), uri(0, {}));
    appendUriOrNull(body, QLatin1String("next_page_uri"),
                    end < total ? uri(page + 1, PageAfter + matching[std::size_t(end - 1)]->sid)
                                : QString());
    appendField(body, QLatin1String("page"));
    body += QByteArray::number(page);
    appendField(body, QLatin1String("page_size"));
    body += QByteArray::number(pageSize);
    appendUriOrNull(body, QLatin1String("previous_page_uri"),
                    page > 0 && begin > 0 && begin < total
                        ? uri(page - 1, PageBefore + matching[std::size_t(begin)]->sid)
                        : QString());
    appendField(body, QLatin1String("start"));
    body += QByteArray::number(start);
    appendUriOrNull(body, QLatin1String("uri"), uri(page, pageToken));
    body += '}';
    return body;
}

} // namespace flux
