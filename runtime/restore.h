/* Restore: the process takes over the state in an image of the same binary
 * and continues where it was captured. */
#ifndef XMIG_RUNTIME_RESTORE_H
#define XMIG_RUNTIME_RESTORE_H

/* Never returns: resumes the program, or exits with XMIG_EXIT_RESTORE_FAILED
 * and a message saying why. The fixed ranges must be reserved. */
_Noreturn void xmig_restore(const char *image_path);

#endif
