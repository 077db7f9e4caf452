// The logging category of the desktop window.
#pragma once
#include <QLoggingCategory>
namespace flux {
Q_DECLARE_LOGGING_CATEGORY(lcUi) // flux.ui
}
