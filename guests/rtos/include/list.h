/* SPDX-License-Identifier: MIT */
/* Intrusive doubly linked lists with a head node: O(1) insert and
 * remove, no allocation. An empty list's head points at itself. */
#ifndef RTOS_LIST_H
#define RTOS_LIST_H

#include <tern/types.h>

struct list {
	struct list *next, *prev;
};

#define LIST_INIT(name) {&(name), &(name)}

static inline void list_init(struct list *head)
{
	head->next = head->prev = head;
}

static inline bool list_empty(const struct list *head)
{
	return head->next == head;
}

/* Inserts node before `before` (before == head: at the tail). */
static inline void list_insert_before(struct list *before, struct list *node)
{
	node->prev = before->prev;
	node->next = before;
	before->prev->next = node;
	before->prev = node;
}

static inline void list_add_tail(struct list *head, struct list *node)
{
	list_insert_before(head, node);
}

static inline void list_remove(struct list *node)
{
	node->prev->next = node->next;
	node->next->prev = node->prev;
	node->next = node->prev = node;
}

#endif
