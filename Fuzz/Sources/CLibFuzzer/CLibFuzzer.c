// Declarations only: LLVMFuzzerRunDriver comes from the toolchain's libFuzzer runtime, linked by
// -sanitize=fuzzer. SwiftPM needs one source file in a C target.
#include "CLibFuzzer.h"
