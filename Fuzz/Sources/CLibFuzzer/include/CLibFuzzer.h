#ifndef FALCO_IPFEED_CLIBFUZZER_H
#define FALCO_IPFEED_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver as a function (compiler-rt's FuzzerInterface.h, LLVM 11 and later): parses
// libFuzzer's flags from argv and calls `callback` with each input. The harnesses start it from
// their own main, because SwiftPM renames an executable's entry point and would not let
// libFuzzer's main take its place.
int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*callback)(const uint8_t *data, size_t size));

#endif
