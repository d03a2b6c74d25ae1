/* Runtime state that instrumented code reads on its fast paths. */
#include "xmig/runtime.h"

volatile int __xmig_pending;
char *__xmig_data_stack_pointer;
