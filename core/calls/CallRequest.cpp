#include "calls/CallRequest.h"

#include "twilio/VoicePrompts.h"

namespace flux {

int CallRequest::maxTitleLength()
{
    // The same limit whichever language the desk speaks: a script's request does not become
    // invalid when someone switches the language.
    return VoicePrompts::MaxSayLength - VoicePrompts::longestTaskFrame();
}

} // namespace flux
