#define _GNU_SOURCE
#include "list.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(void)
{
	fputs("xmig-cc: out of memory\n", stderr);
	exit(1);
}

void *xmig_allocate(size_t size)
{
	void *memory = calloc(1, size ? size : 1);
	if (!memory)
		out_of_memory();
	return memory;
}

char *xmig_copy(const char *text)
{
	char *copy = strdup(text);
	if (!copy)
		out_of_memory();
	return copy;
}

char *xmig_format(const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	char *text;
	int length = vasprintf(&text, format, arguments);
	va_end(arguments);
	if (length < 0)
		out_of_memory();
	return text;
}

void xmig_list_add(struct xmig_list *list, const char *item)
{
	if (list->count + 1 >= list->capacity) {
		size_t capacity = list->capacity ? 2 * list->capacity : 16;
		char **items = realloc(list->items, capacity * sizeof *items);
		if (!items)
			out_of_memory();
		list->items = items;
		list->capacity = capacity;
	}
	/* Lists are built once and passed as argv, which is char *const[]. */
	list->items[list->count++] = (char *)item;
	list->items[list->count] = NULL;
}

void xmig_list_add_all(struct xmig_list *list, const struct xmig_list *other)
{
	for (size_t i = 0; i < other->count; i++)
		xmig_list_add(list, other->items[i]);
}

void xmig_list_add_words(struct xmig_list *list, const char *text)
{
	const char *word = text;
	while (*word) {
		while (*word == ' ')
			word++;
		size_t length = strcspn(word, " ");
		if (length == 0)
			break;
		char *copy = strndup(word, length);
		if (!copy)
			out_of_memory();
		xmig_list_add(list, copy);
		word += length;
	}
}

void xmig_list_free(struct xmig_list *list)
{
	free(list->items);
	*list = (struct xmig_list){0};
}
