// Fuzzes ConfigLoader::load with fuzzed values: line i of the input is the value of variable
// i (mod the number of variables), from the environment or, for odd lines, as a flag. A refusal
// names a variable in one line and a refused auth token is never quoted; an acceptance is a
// usable configuration.
#include "config/ConfigLoader.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QStringList names = flux::ConfigLoader::variableNames();
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    QHash<QString, QString> flags;
    QProcessEnvironment environment;
    const QList<QByteArray> lines = input.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString name = names.at(i % names.size());
        const QString value = QString::fromUtf8(lines.at(i));
        if (i % 2)
            flags.insert(name, value);
        else
            environment.insert(name, value);
    }
    const auto config =
        flux::ConfigLoader::load(flags, environment, QStringLiteral("/nonexistent/flux-fuzz.env"),
                                 QStringLiteral("/tmp/flux-fuzz"));
    if (!config) {
        const flux::ConfigError &error = config.error();
        if (!names.contains(error.variable) || error.problem.isEmpty() ||
            error.describe().contains(QLatin1Char('\n')))
            std::abort();
        const QString token = flags
                                  .value(QStringLiteral("TWILIO_AUTH_TOKEN"),
                                         environment.value(QStringLiteral("TWILIO_AUTH_TOKEN")))
                                  .trimmed();
        if (error.variable == QLatin1String("TWILIO_AUTH_TOKEN") && !token.isEmpty() &&
            error.describe().contains(token))
            std::abort();
        return 0;
    }
    const flux::Config &c = config.value();
    if (c.dataDir.isEmpty() || !(c.simulatorSpeed >= 0.1 && c.simulatorSpeed <= 1000) ||
        c.twilioTimeoutMs < 100 || c.twilioAttempts < 1)
        std::abort();
    return 0;
}
