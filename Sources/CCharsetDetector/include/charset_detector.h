#ifndef FEEDWRIGHT_CHARSET_DETECTOR_H
#define FEEDWRIGHT_CHARSET_DETECTOR_H

#include <stdint.h>

/* ICU's charset detector (ucsdet) behind one plain C function. Its ICU types stay in the .c
 * file: Swift's Foundation ships its own ICU module, and a Swift module that sees both fails
 * to build ("'UErrorCode' has different definitions"); ICU's versioned symbol names
 * (ucsdet_open_72) are resolved here by its headers, not by Swift. */

/* Guesses the encoding of `length` bytes of text, markup ignored. Writes the encoding's name
 * (NUL-terminated, at most `capacity` bytes) into `name` and returns ICU's confidence (0-100),
 * or -1 when ICU finds nothing. */
int32_t feedwright_detect_charset(const char *bytes, int32_t length, char *name, int32_t capacity);

#endif
