/* SPDX-License-Identifier: MIT */
/* Capabilities and the slots (CTEs) that hold them, with the capability
 * derivation tree: every cap made from another (copy, mint, retype) is a
 * child of it, so revoke can find and remove everything derived. */
#ifndef TERN_CAP_H
#define TERN_CAP_H

#include <l4/abi.h>
#include <tern/types.h>

enum cap_type {
	CAP_NULL = 0,
	CAP_UNTYPED,
	CAP_CNODE,
	CAP_TCB,
	CAP_ENDPOINT,
	CAP_NOTIFICATION,
	CAP_FRAME,
	CAP_PAGE_TABLE,
	CAP_PAGE_DIRECTORY,
	CAP_VSPACE,
	CAP_VCPU,
	CAP_IRQ_CONTROL,
	CAP_IRQ_HANDLER,
	CAP_VSPACE_ID_CONTROL, /* makes VSpace id pools; the root task's */
	CAP_VSPACE_ID_POOL,
	/* A CNode or TCB whose last cap is being deleted (cnode.c): nothing
	 * but deleting it again, which goes on with the work, reaches it.
	 * zombie_type is what it was, guard where the scan of its slots is,
	 * mapped_in the zombie one level up in a chain of them (0: the top). */
	CAP_ZOMBIE,
	CAP_TYPE_COUNT
};

struct cap {
	uint8_t type;       /* enum cap_type */
	uint8_t rights;     /* L4_RIGHT_* */
	uint8_t size_bits;  /* log2 of the object's size (CNode: of its slot count) */
	union {
		uint8_t guard_bits; /* CNode: width of the guard */
		uint8_t device;     /* untyped, frame: 1 for device memory */
		uint8_t zombie_type; /* zombie: the type it had */
	};
	uintptr_t object;   /* kernel address of the object (identity-mapped) */
	union {
		uint32_t badge;        /* endpoint, notification */
		uint32_t guard;        /* CNode */
		uint32_t free_offset;  /* untyped: bytes already retyped (watermark) */
		uint32_t mapped_at;    /* frame, page tables: virtual address if mapped */
		uint32_t irq;          /* IRQ handler */
	};
	uintptr_t mapped_in;        /* frame, page tables: the VSpace object, 0 if unmapped */
};

/* A capability table entry: one CNode slot. */
struct cte {
	struct cap cap;
	struct cte *parent;
	struct cte *first_child;
	struct cte *next_sibling;
	struct cte *prev_sibling;
};

static inline bool cte_is_empty(const struct cte *c)
{
	return c->cap.type == CAP_NULL;
}

/* Derivation tree (kernel/object/cdt.c). All O(1) but for the searches. */
/* Puts the (empty-linked) child below parent. */
void cdt_insert_child(struct cte *parent, struct cte *child);
/* Takes c out of the tree; its children move up to c's parent. */
void cdt_remove(struct cte *c);
/* Moves c's place in the tree (parent, siblings, children) to the unlinked
 * slot dst; c is left unlinked. The caller moves the cap itself. */
void cdt_move(struct cte *c, struct cte *dst);
/* A descendant of c with no children of its own, or NULL: revoke deletes
 * these one at a time, so each step is short and the tree stays whole. */
struct cte *cdt_leaf_descendant(const struct cte *c);
bool cdt_is_ancestor(const struct cte *ancestor, const struct cte *c);
static inline bool cdt_has_children(const struct cte *c)
{
	return c->first_child != NULL;
}

#endif
