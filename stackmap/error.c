#include "xmig/error.h"

#include <stdarg.h>
#include <stdio.h>

/* Returns -1 so that callers can write `return xmig_fail(...)`. */
int xmig_fail(struct xmig_error *error, const char *format, ...)
{
	if (error) {
		va_list arguments;
		va_start(arguments, format);
		vsnprintf(error->message, sizeof error->message, format, arguments);
		va_end(arguments);
	}
	return -1;
}
