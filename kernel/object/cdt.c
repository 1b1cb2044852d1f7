// SPDX-License-Identifier: MIT
/* The capability derivation tree, kept as explicit parent / child / sibling
 * links in each slot (rather than seL4's ordered list). Insertion and move
 * are constant time; removal is linear in the removed cap's children (their
 * parent link), never in the size of the tree. */
#include <tern/cap.h>

void cdt_insert_child(struct cte *parent, struct cte *child)
{
	child->parent = parent;
	child->prev_sibling = NULL;
	child->next_sibling = parent->first_child;
	if (parent->first_child)
		parent->first_child->prev_sibling = child;
	parent->first_child = child;
}

static void unlink_from_siblings(struct cte *c)
{
	if (c->prev_sibling)
		c->prev_sibling->next_sibling = c->next_sibling;
	else if (c->parent)
		c->parent->first_child = c->next_sibling;
	if (c->next_sibling)
		c->next_sibling->prev_sibling = c->prev_sibling;
	c->parent = c->prev_sibling = c->next_sibling = NULL;
}

/* first..last, linked to each other, take c's place among its siblings. */
static void take_place(const struct cte *c, struct cte *first, struct cte *last)
{
	first->prev_sibling = c->prev_sibling;
	last->next_sibling = c->next_sibling;
	if (c->prev_sibling)
		c->prev_sibling->next_sibling = first;
	else if (c->parent)
		c->parent->first_child = first;
	if (c->next_sibling)
		c->next_sibling->prev_sibling = last;
}

void cdt_remove(struct cte *c)
{
	struct cte *first = c->first_child;
	if (!first) {
		unlink_from_siblings(c);
		return;
	}
	/* The children take c's place among its siblings, in order, so caps to
	 * one object stay next to each other (what cte_is_final relies on);
	 * children of a cap without parent stay siblings of each other. */
	struct cte *last = first;
	for (struct cte *k = first;; k = k->next_sibling) {
		k->parent = c->parent;
		last = k;
		if (!k->next_sibling)
			break;
	}
	take_place(c, first, last);
	c->parent = c->first_child = c->prev_sibling = c->next_sibling = NULL;
}

void cdt_move(struct cte *c, struct cte *dst)
{
	dst->parent = c->parent;
	dst->first_child = c->first_child;
	take_place(c, dst, dst);
	for (struct cte *child = dst->first_child; child; child = child->next_sibling)
		child->parent = dst;
	c->parent = c->first_child = c->prev_sibling = c->next_sibling = NULL;
}

struct cte *cdt_leaf_descendant(const struct cte *c)
{
	struct cte *d = c->first_child;
	if (!d)
		return NULL;
	while (d->first_child)
		d = d->first_child;
	return d;
}

bool cdt_is_ancestor(const struct cte *ancestor, const struct cte *c)
{
	for (const struct cte *p = c->parent; p; p = p->parent)
		if (p == ancestor)
			return true;
	return false;
}
