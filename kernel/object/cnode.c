// SPDX-License-Identifier: MIT
/* Cap slots and CNode invocations: copy, mint, move, mutate, delete and
 * revoke, kept consistent with the derivation tree. */
#include <arch/irq.h>
#include <arch/object.h>
#include <tern/cspace.h>
#include <tern/invocation.h>
#include <tern/string.h>
#include <tern/thread.h>
#include <tern/untyped.h>
#include <tern/vspace.h>

#ifndef HOST_TEST
_Static_assert(sizeof(struct cte) == 1u << CTE_SIZE_BITS, "a slot is 2^CTE_SIZE_BITS bytes");
#endif

enum { ARG_DEST, ARG_SRC, ARG_RIGHTS_OR_BADGE, ARG_BADGE };

bool cap_same_object(const struct cap *a, const struct cap *b)
{
	if (a->type == CAP_IRQ_HANDLER)
		return b->type == CAP_IRQ_HANDLER && a->irq == b->irq;
	return a->type == b->type && a->object == b->object && a->type != CAP_NULL &&
	       a->type != CAP_UNTYPED && a->type != CAP_IRQ_CONTROL &&
	       a->type != CAP_VSPACE_ID_CONTROL;
}

static bool is_mapping_cap(const struct cap *c)
{
	return c->type == CAP_FRAME || c->type == CAP_PAGE_TABLE || c->type == CAP_PAGE_DIRECTORY;
}

enum l4_error cte_derive_check(const struct cte *src)
{
	switch (src->cap.type) {
	case CAP_UNTYPED:
		/* copies of an untyped that made objects could make them again */
		return cdt_has_children(src) ? L4_REVOKE_FIRST : L4_OK;
	case CAP_PAGE_TABLE:
	case CAP_PAGE_DIRECTORY:
		/* one cap per table: its mapping is the table's only place */
		return L4_ILLEGAL_OPERATION;
	case CAP_ZOMBIE:
		return L4_ILLEGAL_OPERATION; /* being deleted */
	default:
		return L4_OK;
	}
}

void cte_insert_copy(struct cte *src, struct cte *dest, struct cap cap)
{
	if (is_mapping_cap(&cap))
		cap.mapped_in = cap.mapped_at = 0; /* a copy of a mapped cap starts unmapped */
	if (cap.type == CAP_UNTYPED) {
		/* the copy takes the memory over: the source is full until the copy
		 * and everything made through it are gone (then it resets) */
		src->cap.free_offset = (uint32_t)1 << src->cap.size_bits;
		cap.free_offset = 0;
		cap.mapped_in = 0; /* nothing known to be zero (untyped_invoke.c) */
	}
	cte_insert_derived(src, dest, cap);
}

void cte_insert_derived(struct cte *parent, struct cte *slot, struct cap cap)
{
	slot->cap = cap;
	slot->first_child = slot->next_sibling = slot->prev_sibling = slot->parent = NULL;
	if (parent)
		cdt_insert_child(parent, slot);
}

/* Whether slot holds the last cap to its object, in constant time. Every
 * cap to an object descends from the one its retype made, through copies;
 * a cap's children are copies of it (an untyped's are other objects, and
 * untyped caps are never the same object); and a removed cap's children
 * take its place among its siblings (cdt_remove). So the other caps to
 * slot's object, if any, include its parent, its first child or a sibling
 * right next to it. */
bool cte_is_final(const struct cte *slot)
{
	const struct cap *c = &slot->cap;
	const struct cte *neighbours[] = {slot->parent, slot->first_child, slot->prev_sibling,
					  slot->next_sibling};
	for (unsigned i = 0; i < sizeof(neighbours) / sizeof(neighbours[0]); i++)
		if (neighbours[i] && cap_same_object(&neighbours[i]->cap, c))
			return false;
	return true;
}

/* Objects that hold cap slots of their own: their caps go with them. */
static struct cte *object_slots(const struct cap *c, uint32_t *count)
{
	switch (c->type == CAP_ZOMBIE ? c->zombie_type : c->type) {
	case CAP_CNODE:
		*count = (uint32_t)1 << c->size_bits;
		return (struct cte *)c->object;
	case CAP_TCB:
		_Static_assert(offsetof(struct tcb, vspace_root) ==
				       offsetof(struct tcb, cspace_root) + sizeof(struct cte),
			       "a TCB's slots are an array of two");
		*count = 2;
		return &((struct tcb *)c->object)->cspace_root;
	default:
		*count = 0;
		return NULL;
	}
}

/* Empties slot and, with the last cap, destroys the object, when that
 * object holds no slots (nothing to recurse into). */
static void delete_simple(struct cte *slot, bool final)
{
	struct cap old = slot->cap;
	cdt_remove(slot);
	memset(&slot->cap, 0, sizeof(slot->cap));
	if (final)
		object_destroy(&old);
}

/* A CNode or TCB being emptied becomes a zombie in its slot (cap.h): it
 * stays in the derivation tree, takes part in no lookup or invocation,
 * and keeps where its emptying stands, so that the work can stop for an
 * interrupt and go on when it is deleted again. */
static bool dying(const struct cap *c)
{
	return c->type == CAP_ZOMBIE;
}

static struct cte *zombie_up(const struct cte *z)
{
	return (struct cte *)z->cap.mapped_in;
}

static void start_dying(struct cte *slot, struct cte *up)
{
	object_destroy(&slot->cap); /* what the object is part of: threads stop, bindings go */
	slot->cap.zombie_type = slot->cap.type;
	slot->cap.type = CAP_ZOMBIE;
	slot->cap.mapped_in = (uintptr_t)up;
	slot->cap.guard = 0;
}

/* The zombie one level down from z on its chain, or NULL: where the scan
 * of z's slots went down last. */
static struct cte *zombie_down(const struct cte *z)
{
	uint32_t count;
	struct cte *slots = object_slots(&z->cap, &count);
	uint32_t at = z->cap.guard;
	if (at == 0 || at > count || !dying(&slots[at - 1].cap) || zombie_up(&slots[at - 1]) != z)
		return NULL;
	return &slots[at - 1];
}

/* Destroys the object of top's cap, its last, and every object that goes
 * with it because its last cap lies in a slot of one being destroyed
 * (a CNode holding the last cap to another, a TCB holding the last cap to
 * its CSpace, ...), however long the chain: iteratively, one level of the
 * chain at a time, never recursing on the kernel stack. Preemptible: false
 * when it stopped for a pending interrupt, with top left a zombie (a chain
 * of them) that the next delete of any of them goes on with. The top of
 * another deletion that stopped, met in a slot, joins the chain and is
 * finished too; a zombie of this chain met in a slot (a CNode holding its
 * own last cap, cycles) is where it is and stays until its turn. */
static bool finalise(struct cte *top)
{
	if (!dying(&top->cap))
		start_dying(top, NULL);
	while (zombie_up(top)) /* any zombie of a chain goes on with all of it */
		top = zombie_up(top);
	struct cte *cur = top, *down;
	while ((down = zombie_down(cur)))
		cur = down;
	while (cur) {
		uint32_t count;
		struct cte *slots = object_slots(&cur->cap, &count);
		down = NULL;
		for (uint32_t i = cur->cap.guard; i < count && !down; i++) {
			struct cte *t = &slots[i];
			cur->cap.guard = i + 1;
			if (dying(&t->cap) && !zombie_up(t) && t != top) {
				t->cap.mapped_in = (uintptr_t)cur;
				down = t;
				while ((t = zombie_down(down)))
					down = t;
				break;
			}
			if (!cte_is_empty(t) && !dying(&t->cap)) {
				if (is_mapping_cap(&t->cap))
					arch_mapping_cap_unmap(&t->cap);
				uint32_t inner;
				bool final = cte_is_final(t);
				if (final && object_slots(&t->cap, &inner) && inner) {
					start_dying(t, cur);
					down = t;
					break;
				}
				delete_simple(t, final);
			}
			/* a preemption point after each slot: the tree is whole */
			if (arch_irq_pending())
				return false;
		}
		if (down) {
			cur = down;
			continue;
		}
		/* every slot of cur's object is empty: the object is gone */
		struct cte *up = zombie_up(cur);
		cdt_remove(cur);
		memset(&cur->cap, 0, sizeof(cur->cap));
		cur = up;
	}
	return true;
}

bool cte_delete(struct cte *slot)
{
	if (cte_is_empty(slot))
		return true;
	if (dying(&slot->cap))
		return finalise(slot);
	if (is_mapping_cap(&slot->cap))
		arch_mapping_cap_unmap(&slot->cap); /* the mapping made through this cap */
	bool final = cte_is_final(slot);
	uint32_t count;
	if (final && object_slots(&slot->cap, &count) && count)
		return finalise(slot);
	delete_simple(slot, final);
	return true;
}

bool cte_revoke(struct cte *slot)
{
	struct cte *leaf;
	while ((leaf = cdt_leaf_descendant(slot))) {
		/* a preemption point after each cap: the tree is whole between
		 * deletions, and the caller restarts the revoke where it stopped */
		if (!cte_delete(leaf) || (arch_irq_pending() && cdt_has_children(slot)))
			return false;
	}
	if (slot->cap.type == CAP_UNTYPED)
		slot->cap.free_offset = slot->cap.mapped_in = 0; /* everything made from it is gone */
	return true;
}

static struct cte *dest_slot(struct invocation *inv, struct invocation_error *err)
{
	const struct cap *cn = &inv->slot->cap;
	uint32_t index = inv->mr[ARG_DEST];
	if (index >= (1u << cn->size_bits)) {
		*err = invocation_range(ARG_DEST, 0, (1u << cn->size_bits) - 1);
		return NULL;
	}
	struct cte *dest = (struct cte *)cn->object + index;
	if (!cte_is_empty(dest)) {
		*err = invocation_fail(L4_DELETE_FIRST, ARG_DEST);
		return NULL;
	}
	return dest;
}

static bool badge_is_settable(const struct cap *c)
{
	return c->type == CAP_ENDPOINT || c->type == CAP_NOTIFICATION || c->type == CAP_CNODE;
}

/* Decodes what copy, mint, move and mutate share: `args` message
 * registers, an empty destination slot and a source slot holding a cap. */
static bool decode_dest_and_source(struct invocation *inv, unsigned args, struct cte **dest,
				   struct cte **src, struct invocation_error *err)
{
	if (!invocation_has_args(inv, args, err) || !(*dest = dest_slot(inv, err)) ||
	    !(*src = invocation_lookup(inv, inv->mr[ARG_SRC], ARG_SRC, err)))
		return false;
	if (cte_is_empty(*src)) {
		*err = invocation_fail(L4_FAILED_LOOKUP, ARG_SRC);
		return false;
	}
	return true;
}

static struct invocation_error copy_or_mint(struct invocation *inv, bool mint)
{
	struct invocation_error err = invocation_ok();
	struct cte *dest, *src;
	if (!decode_dest_and_source(inv, mint ? 4 : 3, &dest, &src, &err))
		return err;

	struct cap cap = src->cap;
	enum l4_error not_derivable = cte_derive_check(src);
	if (not_derivable)
		return invocation_fail(not_derivable, ARG_SRC);
	cap.rights &= (uint8_t)inv->mr[ARG_RIGHTS_OR_BADGE];
	if (mint) {
		if (!badge_is_settable(&cap))
			return invocation_fail(L4_ILLEGAL_OPERATION, ARG_BADGE);
		if (cap.type == CAP_CNODE) {
			/* the badge word is the new guard: low bits = value, bits 31..27 width */
			unsigned guard_bits = inv->mr[ARG_BADGE] >> 27;
			uint32_t guard = inv->mr[ARG_BADGE] & ((1u << 27) - 1);
			if (guard_bits + cap.size_bits > L4_CPTR_BITS || guard >> guard_bits)
				return invocation_range(ARG_BADGE, 0, L4_CPTR_BITS - cap.size_bits);
			cap.guard_bits = (uint8_t)guard_bits;
			cap.guard = guard;
		} else {
			if (cap.badge)
				return invocation_fail(L4_ILLEGAL_OPERATION, ARG_SRC); /* already badged */
			cap.badge = inv->mr[ARG_BADGE];
		}
	}
	cte_insert_copy(src, dest, cap);
	return err;
}

static struct invocation_error move_or_mutate(struct invocation *inv, bool mutate)
{
	struct invocation_error err = invocation_ok();
	struct cte *dest, *src;
	if (!decode_dest_and_source(inv, mutate ? 3 : 2, &dest, &src, &err))
		return err;
	if (src == inv->slot || dying(&src->cap))
		return invocation_fail(L4_ILLEGAL_OPERATION, ARG_SRC); /* in use, or being deleted */
	struct cap cap = src->cap;
	if (mutate) {
		if (!badge_is_settable(&cap) || cap.type == CAP_CNODE || cap.badge)
			return invocation_fail(L4_ILLEGAL_OPERATION, ARG_SRC);
		cap.badge = inv->mr[ARG_RIGHTS_OR_BADGE];
	}
	cdt_move(src, dest);
	dest->cap = cap;
	memset(&src->cap, 0, sizeof(src->cap));
	return err;
}

static struct cte *indexed_slot(struct invocation *inv, struct invocation_error *err)
{
	const struct cap *cn = &inv->slot->cap;
	if (!invocation_has_args(inv, 1, err))
		return NULL;
	if (inv->mr[0] >= (1u << cn->size_bits)) {
		*err = invocation_range(0, 0, (1u << cn->size_bits) - 1);
		return NULL;
	}
	return (struct cte *)cn->object + inv->mr[0];
}

struct invocation_error cnode_invoke(struct invocation *inv)
{
	struct invocation_error err = invocation_ok();
	struct cte *slot;

	switch (inv->label) {
	case L4_CNODE_COPY:
		return copy_or_mint(inv, false);
	case L4_CNODE_MINT:
		return copy_or_mint(inv, true);
	case L4_CNODE_MOVE:
		return move_or_mutate(inv, false);
	case L4_CNODE_MUTATE:
		return move_or_mutate(inv, true);
	case L4_CNODE_DELETE:
		if (!(slot = indexed_slot(inv, &err)))
			return err;
		if (slot == inv->slot)
			return invocation_fail(L4_ILLEGAL_OPERATION, 0);
		if (!cte_delete(slot))
			inv->restart = true; /* an interrupt is waiting: continued later */
		return err;
	case L4_CNODE_REVOKE:
		if (!(slot = indexed_slot(inv, &err)))
			return err;
		if (cdt_is_ancestor(slot, inv->slot))
			return invocation_fail(L4_ILLEGAL_OPERATION, 0); /* would revoke itself */
		if (!cte_revoke(slot))
			inv->restart = true; /* an interrupt is waiting: continued later */
		return err;
	default:
		return invocation_fail(L4_ILLEGAL_OPERATION, 0);
	}
}
