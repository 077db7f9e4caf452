// SdkCapture: reads a request an official Twilio SDK sent, as captured in tests/data.
#pragma once

#include "net/HttpRequest.h"

namespace flux::SdkCapture {
// The capture's method, path, headers and raw body; `form` holds the capture's own decoding of
// the body (its "#   Name = Value" lines), in the order sent. Empty when the file is missing.
HttpRequest read(const QString &fileName);
} // namespace flux::SdkCapture
