// Fuzzes DotEnvFile::parse: a .env file as people write them, any bytes. Every key it accepts
// is a valid variable name; every refusal names the file and line.
#include "config/DotEnvFile.h"

#include <QRegularExpression>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QRegularExpression key(QStringLiteral("\\A[A-Za-z_][A-Za-z0-9_]*\\z"));
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = flux::DotEnvFile::parse(text, QStringLiteral("fuzz.env"));
    if (parsed) {
        for (auto it = parsed.value().begin(); it != parsed.value().end(); ++it) {
            if (!key.match(it.key()).hasMatch())
                std::abort();
        }
    } else if (!parsed.error().variable.startsWith(QLatin1String("fuzz.env line "))) {
        std::abort();
    }
    return 0;
}
