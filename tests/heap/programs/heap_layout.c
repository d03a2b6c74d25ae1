/* Stresses: the heap's layout as a function of the allocation sequence alone.
 * Small, large, reused, grown, zeroed and aligned blocks, a long list and a
 * tree of them: the same sequence must give the same addresses on both ISAs,
 * every one inside the heap arena, which is what lets the heap migrate
 * without rewriting a pointer. */
#define _GNU_SOURCE
#include "xmig/layout.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int outside;

static void show(const char *what, const void *block)
{
	int inside = (uintptr_t)block - XMIG_HEAP_ARENA_BASE < XMIG_HEAP_ARENA_SIZE;
	outside += !inside;
	printf("%-28s %p%s\n", what, block, inside ? "" : "  outside the heap arena");
}

struct node {
	struct node *next;
	struct node *children[2];
	long key;
};

static struct node *insert(struct node *root, struct node *node)
{
	if (root == NULL)
		return node;
	int side = node->key > root->key;
	root->children[side] = insert(root->children[side], node);
	return root;
}

int main(void)
{
	static const size_t sizes[] = {1, 24, 100, 1000, 5000, 40000, 1 << 20};
	void *blocks[sizeof sizes / sizeof sizes[0]];
	char label[64];
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		blocks[i] = malloc(sizes[i]);
		snprintf(label, sizeof label, "malloc(%zu)", sizes[i]);
		show(label, blocks[i]);
	}
	free(blocks[1]);
	free(blocks[5]);
	show("malloc(20) after a free", malloc(20));
	show("malloc(33000) after a free", malloc(33000));
	show("realloc(100 -> 3000)", realloc(blocks[2], 3000));
	show("realloc(1 MiB -> 3 MiB)", realloc(blocks[6], 3 << 20));
	show("calloc(100, 8)", calloc(100, 8));
	void *aligned;
	if (posix_memalign(&aligned, 4096, 100) == 0)
		show("posix_memalign(4096, 100)", aligned);
	show("aligned_alloc(64, 64)", aligned_alloc(64, 64));
	show("strdup", strdup("a string libc copies"));

	struct node *list = NULL;
	struct node *root = NULL;
	long key = 1;
	for (int i = 0; i < 3000; i++) {
		struct node *node = calloc(1, sizeof *node);
		key = key * 1103515245 % 2147483647;
		node->key = key;
		node->next = list;
		list = node;
		root = insert(root, node);
	}
	show("last list node", list);
	show("tree root", root);
	for (struct node **link = &list; *link != NULL;) {
		struct node *node = *link;
		if (node->key % 3 == 0) {
			*link = node->next;
			node->key = -1; /* stays in the tree, unreachable through the list */
		} else {
			link = &node->next;
		}
	}
	uintptr_t mixed = 0;
	for (int i = 0; i < 1000; i++) {
		char *block = malloc((size_t)(i % 50) * 16 + 8);
		mixed = mixed * 31 + (uintptr_t)block;
		if (i % 2 == 0)
			free(block);
	}
	printf("%-28s %#lx\n", "mixed addresses", (unsigned long)mixed);
	return outside == 0 ? 0 : 1;
}
