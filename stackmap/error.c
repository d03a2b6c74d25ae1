#include "xmig/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Returns -1 so that callers can write `return xmig_fail(...)`. Formats into
 * a buffer of its own first, so that a caller may prefix the message it
 * already holds: xmig_fail(error, "frame 3: %s", error->message). */
int xmig_fail(struct xmig_error *error, const char *format, ...)
{
	if (error) {
		char message[sizeof error->message];
		va_list arguments;
		va_start(arguments, format);
		vsnprintf(message, sizeof message, format, arguments);
		va_end(arguments);
		memcpy(error->message, message, sizeof message);
	}
	return -1;
}
