// Fuzzes CallRequestParser::parse: the JSON body of POST /notifications/call, any bytes. What it
// accepts must be a request the rest of the app can place.
#include "api/CallRequestParser.h"
#include "calls/Contact.h"
#include "calls/PhoneNumber.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    flux::HttpRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/notifications/call");
    request.headers = {{"Content-Type", "application/json"}};
    request.body = QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = flux::CallRequestParser::parse(request);
    if (parsed) {
        const flux::CallRequest &call = parsed.value().call;
        for (const QString &number : parsed.value().escalation) {
            if (!flux::PhoneNumber::isE164(number))
                std::abort();
        }
        if (parsed.value().escalation.size() > flux::EscalationList::MaxEscalation ||
            parsed.value().attempts < 0 ||
            parsed.value().attempts > flux::EscalationList::MaxAttempts)
            std::abort();
        if (!flux::PhoneNumber::isE164(call.to) || call.taskTitle.trimmed().isEmpty() ||
            call.taskTitle.size() > flux::CallRequest::maxTitleLength() ||
            call.taskId.size() > flux::CallRequest::MaxTaskIdLength)
            std::abort();
    } else if (parsed.error().isEmpty()) {
        std::abort(); // a refusal must say why
    }
    return 0;
}
