/* Errors from xmig's readers: a message that names the file and the field
 * that is wrong, filled in by the function that found it. */
#ifndef XMIG_ERROR_H
#define XMIG_ERROR_H

struct xmig_error {
	char message[512];
};

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int xmig_fail(struct xmig_error *error, const char *format, ...);

#endif
