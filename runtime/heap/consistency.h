/* A full check of the heap's invariants, for tests: every page from the first
 * data page to the top belongs to one span that its first and last pages
 * describe; free spans are in the bin of their length, never next to another
 * free span or to the top; runs list exactly the blocks they do not hand out;
 * the lists link both ways. */
#ifndef XMIG_HEAP_CONSISTENCY_H
#define XMIG_HEAP_CONSISTENCY_H

/* NULL when the heap is consistent (or not attached), or what is wrong. */
const char *xmig_heap_check(void);

#endif
