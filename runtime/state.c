/* Runtime state that instrumented code reads on its fast paths. */
#include "migratable.h"
#include "xmig/runtime.h"

/* A request belongs to this process, not to the program's state. */
volatile int __xmig_pending;

/* The data stack's top is part of the program's state: it migrates. */
char *XMIG_MIGRATABLE_ZEROED(__xmig_data_stack_pointer);

/* Set while a restored process rebuilds its frames (resume.c): process state,
 * like the request flag. */
volatile int __xmig_resuming;
