/* Growable lists of strings, the currency of a driver that builds argument
 * vectors, and allocation that ends the program rather than fail: a driver
 * out of memory has nothing better to do. */
#ifndef XMIG_DRIVER_LIST_H
#define XMIG_DRIVER_LIST_H

#include <stddef.h>

struct xmig_list {
	char **items; /* always NULL-terminated, so it can serve as an argv */
	size_t count;
	size_t capacity;
};

void *xmig_allocate(size_t size);
char *xmig_copy(const char *text);
char *xmig_format(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* The list keeps pointers to what it is given; it never frees them. */
void xmig_list_add(struct xmig_list *list, const char *item);
void xmig_list_add_all(struct xmig_list *list, const struct xmig_list *other);
/* Adds the words of text, separated by spaces. */
void xmig_list_add_words(struct xmig_list *list, const char *text);
void xmig_list_free(struct xmig_list *list);

#endif
