/* The program's atexit handlers. libc keeps its own list in memory that does
 * not migrate, so the runtime keeps the program's in migrated memory and
 * hands libc a single handler that runs them. */
#ifndef XMIG_RUNTIME_EXIT_HANDLERS_H
#define XMIG_RUNTIME_EXIT_HANDLERS_H

/* After a restore: gives the restored list to this process's libc. */
void xmig_exit_handlers_after_restore(void);

#endif
