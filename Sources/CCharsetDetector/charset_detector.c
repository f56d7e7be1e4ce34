#include "charset_detector.h"

#include <string.h>
#include <unicode/ucsdet.h>

int32_t feedwright_detect_charset(const char *bytes, int32_t length, char *name, int32_t capacity) {
    if (capacity < 1) return -1;
    name[0] = '\0';
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *detector = ucsdet_open(&status);
    if (U_FAILURE(status) || detector == NULL) return -1;
    /* Tags and attribute values say nothing about the text's language. */
    ucsdet_enableInputFilter(detector, 1);
    ucsdet_setText(detector, bytes, length, &status);
    int32_t confidence = -1;
    const UCharsetMatch *match = U_SUCCESS(status) ? ucsdet_detect(detector, &status) : NULL;
    if (U_SUCCESS(status) && match != NULL) {
        const char *found = ucsdet_getName(match, &status);
        int32_t level = ucsdet_getConfidence(match, &status);
        if (U_SUCCESS(status) && found != NULL && strlen(found) < (size_t)capacity) {
            strcpy(name, found);
            confidence = level;
        }
    }
    ucsdet_close(detector);
    return confidence;
}
