// SPDX-License-Identifier: MIT
/* The invariant checker (CONFIG_KERNEL_INVARIANTS). It reads, never
 * writes, the kernel's structures and reports the first invariant it finds
 * violated (libl4/include/l4/abi.h lists them):
 *
 *  1. collect: every non-empty slot reachable from the caller's CSpace and
 *     VSpace slots, following CNode caps into their CNodes, TCB caps into
 *     the TCB's own slots, and derivation-tree links into slots found no
 *     other way (a CNode whose only cap sits in itself is alive, but out of
 *     reach of any CSpace). A worklist over the slot array, no recursion:
 *     the kernel stack is 8 KiB;
 *  2. each cap's object: size, alignment, kernel objects in RAM;
 *  3. the derivation tree: links agree both ways, no cycles, caps to one
 *     object adjacent among their siblings, cte_is_final right for every
 *     cap;
 *  4. memory: objects do not overlap but for an object inside an untyped
 *     it descends from; an untyped's children lie below its watermark;
 *  5. every live VSpace (the id table): tables and leaves are where the
 *     caps that claim them say, each table in one place;
 *  6. threads: ready queues, endpoint and notification queues, bindings
 *     and reply links name live objects that name them back.
 *
 * Pointers are read only once known to be safe: objects through caps that
 * passed step 2, anything else after arch_kernel_range_is_ram. The arrays
 * are static and bounded; more than they hold is reported, not ignored.
 * Runs with interrupts masked, like every system call: some milliseconds
 * for a few thousand caps, fine for a debug build. */
#include <arch/lpae.h>
#include <arch/object.h>
#include <arch/stage2_walk.h>
#include <arch/thread.h>
#include <stdarg.h>
#include <tern/bits.h>
#include <tern/invariants.h>
#include <tern/ipc.h>
#include <tern/printf.h>
#include <tern/string.h>
#include <tern/untyped.h>
#include <tern/vcpu.h>
#include <tern/vspace.h>

#define MAX_SLOTS 8192u          /* non-empty slots; indices fit 16 bits */
#define SLOT_HASH_BITS 14u       /* twice MAX_SLOTS: short probes */
#define MAX_CONTAINERS 2048u     /* CNodes and TCBs */
#define CONTAINER_HASH_BITS 12u
#define MAX_TABLE_REFS 4096u     /* table entries over all live VSpaces */
#define NONE 0xffffu

static const char *const invariant_names[] = {
	[0] = "none",
#define INVARIANT_NAME(number, name, text) [number] = text,
	L4_INVARIANT_LIST(INVARIANT_NAME)
#undef INVARIANT_NAME
};

static const char *const type_names[CAP_TYPE_COUNT] = {
	[CAP_NULL] = "null", [CAP_UNTYPED] = "untyped", [CAP_CNODE] = "cnode",
	[CAP_TCB] = "tcb", [CAP_ENDPOINT] = "endpoint", [CAP_NOTIFICATION] = "notification",
	[CAP_FRAME] = "frame", [CAP_PAGE_TABLE] = "page-table",
	[CAP_PAGE_DIRECTORY] = "page-directory", [CAP_VSPACE] = "vspace", [CAP_VCPU] = "vcpu",
	[CAP_IRQ_CONTROL] = "irq-control", [CAP_IRQ_HANDLER] = "irq-handler",
	[CAP_VSPACE_ID_CONTROL] = "vspace-id-control", [CAP_VSPACE_ID_POOL] = "vspace-id-pool",
	[CAP_ZOMBIE] = "zombie",
};

/* ---------------------------------------------------------------- state */

/* The slots found, by index; flags per slot. */
static struct cte *slot_cte[MAX_SLOTS];
static uint8_t slot_flags[MAX_SLOTS];
#define SLOT_IN_CONTAINER 0x1u  /* lies in a CNode or TCB the walk found */
#define SLOT_MAPPING_FOUND 0x2u /* its mapping was met in a VSpace walk */
static uint16_t slot_depth[MAX_SLOTS];     /* in the derivation tree, 1: no parent */
static uint16_t slot_list_head[MAX_SLOTS]; /* first of its siblings */
static uint16_t slot_hash[1u << SLOT_HASH_BITS]; /* index + 1; 0 free */
static unsigned slot_count;

/* CNodes and TCBs whose slots were taken in. */
static struct container {
	uintptr_t object;
	uint8_t type;        /* CAP_CNODE or CAP_TCB */
	uint8_t radix;       /* CNode */
} containers[MAX_CONTAINERS];
static uint16_t container_hash[1u << CONTAINER_HASH_BITS];
static unsigned container_count;

/* Scratch index arrays, each sorted its own way. */
static uint16_t by_memory[MAX_SLOTS];     /* caps with memory: base, size, depth */
static unsigned by_memory_count;
static uint16_t top_level[MAX_SLOTS];     /* of by_memory: ranges no other contains */
static unsigned top_level_count;
static uint16_t scratch[MAX_SLOTS];       /* work stack, then other sorts */
static uint16_t frame_claims[MAX_SLOTS];  /* mapped frame caps: VSpace, address */
static unsigned frame_claim_count;
static uint16_t table_caps[MAX_SLOTS];    /* page-table and directory caps: object */
static unsigned table_cap_count;
static paddr_t table_refs[MAX_TABLE_REFS];
static unsigned table_ref_count;

static struct tcb *checking_caller;
static uint32_t checking_flags;
static uint32_t first_violation;
static struct invariants_counts counted;

/* ---------------------------------------------------------------- reporting */

static bool describe_container(const struct cte *c, char *out);

/* Short descriptions for the console line, each in a buffer of its own
 * (they rotate: one line names at most a few objects). */
#define NAME_LENGTH 96
static char name_buffers[4][NAME_LENGTH];
static unsigned name_next;

static const char *type_name(unsigned type)
{
	return type < CAP_TYPE_COUNT ? type_names[type] : "bad-type";
}

static void format_cap(char *b, const struct cap *c)
{
	if (c->type == CAP_IRQ_HANDLER)
		ksnprintf(b, NAME_LENGTH, "irq-handler %u", c->irq);
	else
		ksnprintf(b, NAME_LENGTH, "%s 0x%08x", type_name(c->type), c->object);
}

static const char *cap_desc(const struct cap *c)
{
	char *b = name_buffers[name_next++ % ARRAY_SIZE(name_buffers)];
	format_cap(b, c);
	return b;
}

/* "frame 0x81300000 in CNode 0x81230000[5]" */
static const char *slot_desc(const struct cte *c)
{
	char *b = name_buffers[name_next++ % ARRAY_SIZE(name_buffers)];
	char what[NAME_LENGTH], where[NAME_LENGTH];
	if (c->cap.type == CAP_NULL)
		ksnprintf(what, sizeof(what), "empty slot");
	else
		format_cap(what, &c->cap);
	if (!describe_container(c, where))
		ksnprintf(where, sizeof(where), "at 0x%08x", (uintptr_t)c);
	ksnprintf(b, NAME_LENGTH, "%s %s", what, where);
	return b;
}

/* Records the first violation and prints its line; always true, so that a
 * check can `return !violated(...)` to stop. */
__attribute__((format(printf, 2, 3))) static bool violated(enum l4_invariant which,
							    const char *fmt, ...)
{
	if (!first_violation) {
		char line[200];
		va_list ap;
		va_start(ap, fmt);
		kvsnprintf(line, sizeof(line), fmt, ap);
		va_end(ap);
		first_violation = which;
		kprintf("tern: invariant %u (%s) violated: %s\n", which, invariant_names[which],
			line);
	}
	return true;
}

/* ---------------------------------------------------------------- sorting */

/* Sorting slot indices (or other small indices) by a 64-bit key made once
 * per element: sort_key[index]. Ties go by index, so the order is fixed. */
static uint64_t sort_key[MAX_SLOTS];

static bool key_less(uint16_t a, uint16_t b)
{
	return sort_key[a] != sort_key[b] ? sort_key[a] < sort_key[b] : a < b;
}

/* Heapsort: in place, no recursion, n log n whatever the input. */
static void sift_down(uint16_t *a, unsigned start, unsigned n)
{
	unsigned root = start;
	for (;;) {
		unsigned child = 2 * root + 1;
		if (child >= n)
			return;
		if (child + 1 < n && key_less(a[child], a[child + 1]))
			child++;
		if (!key_less(a[root], a[child]))
			return;
		uint16_t t = a[root];
		a[root] = a[child];
		a[child] = t;
		root = child;
	}
}

static void sort_by_key(uint16_t *a, unsigned n)
{
	for (unsigned i = n / 2; i-- > 0;)
		sift_down(a, i, n);
	for (unsigned end = n; end-- > 1;) {
		uint16_t t = a[0];
		a[0] = a[end];
		a[end] = t;
		sift_down(a, 0, end);
	}
}

/* ---------------------------------------------------------------- caps and memory */

static const struct cap *cap_of(uint16_t i)
{
	return &slot_cte[i]->cap;
}

/* log2 of the memory a cap's object takes, or -1 for caps without memory. */
static int memory_bits(const struct cap *c)
{
	switch (c->type == CAP_ZOMBIE ? c->zombie_type : c->type) {
	case CAP_UNTYPED:
	case CAP_FRAME:
	case CAP_TCB:
	case CAP_ENDPOINT:
	case CAP_NOTIFICATION:
	case CAP_PAGE_TABLE:
	case CAP_PAGE_DIRECTORY:
	case CAP_VSPACE:
	case CAP_VCPU:
	case CAP_VSPACE_ID_POOL:
		return c->size_bits;
	case CAP_CNODE:
		return c->size_bits + CTE_SIZE_BITS;
	default:
		return -1;
	}
}

static uint64_t memory_end(const struct cap *c)
{
	return (uint64_t)c->object + (1ull << memory_bits(c));
}

/* Caps that may name one object through several caps (cap_same_object). */
static bool groups_by_object(const struct cap *c)
{
	return c->type != CAP_NULL && c->type != CAP_UNTYPED && c->type != CAP_IRQ_CONTROL &&
	       c->type != CAP_VSPACE_ID_CONTROL;
}

static uint32_t object_key(const struct cap *c)
{
	return c->type == CAP_IRQ_HANDLER ? c->irq : c->object;
}

/* Orders caps by object: caps to one object (cap_same_object) end up next
 * to each other. */
static uint64_t object_sort_key(const struct cap *c)
{
	return (uint64_t)c->type << 32 | object_key(c);
}

/* ---------------------------------------------------------------- step 1: collect */

static unsigned hash_pointer(uintptr_t p, unsigned bits)
{
	return (uint32_t)(p * 2654435761u) >> (32 - bits);
}

static unsigned slot_find(const struct cte *c)
{
	const unsigned mask = (1u << SLOT_HASH_BITS) - 1;
	for (unsigned h = hash_pointer((uintptr_t)c, SLOT_HASH_BITS);; h = (h + 1) & mask) {
		if (!slot_hash[h])
			return NONE;
		if (slot_cte[slot_hash[h] - 1] == c)
			return slot_hash[h] - 1u;
	}
}

/* Takes in a non-empty slot (once); false when the arrays are full. */
static bool slot_add(struct cte *c, uint8_t flags)
{
	unsigned i = slot_find(c);
	if (i != NONE) {
		slot_flags[i] |= flags;
		return true;
	}
	if (slot_count == MAX_SLOTS)
		return !violated(L4_INVARIANT_CHECKER_FULL, "more than %u caps", MAX_SLOTS);
	const unsigned mask = (1u << SLOT_HASH_BITS) - 1;
	unsigned h = hash_pointer((uintptr_t)c, SLOT_HASH_BITS);
	while (slot_hash[h])
		h = (h + 1) & mask;
	slot_cte[slot_count] = c;
	slot_flags[slot_count] = flags;
	slot_hash[h] = (uint16_t)(++slot_count);
	return true;
}

static unsigned container_find(uintptr_t object, unsigned type)
{
	const unsigned mask = (1u << CONTAINER_HASH_BITS) - 1;
	for (unsigned h = hash_pointer(object ^ type, CONTAINER_HASH_BITS);; h = (h + 1) & mask) {
		unsigned v = container_hash[h];
		if (!v)
			return NONE;
		if (containers[v - 1].object == object && containers[v - 1].type == type)
			return v - 1;
	}
}

static bool container_add(uintptr_t object, unsigned type, unsigned radix)
{
	if (container_count == MAX_CONTAINERS)
		return !violated(L4_INVARIANT_CHECKER_FULL, "more than %u CNodes and TCBs",
				 MAX_CONTAINERS);
	const unsigned mask = (1u << CONTAINER_HASH_BITS) - 1;
	unsigned h = hash_pointer(object ^ type, CONTAINER_HASH_BITS);
	while (container_hash[h])
		h = (h + 1) & mask;
	containers[container_count] = (struct container){
		.object = object, .type = (uint8_t)type, .radix = (uint8_t)radix};
	container_hash[h] = (uint16_t)(++container_count);
	return true;
}

/* "in CNode 0x81230000[5]" or "in TCB 0x81240000 cspace_root"; false when
 * the slot lies in no CNode or TCB the walk took in. */
static bool describe_container(const struct cte *c, char *out)
{
	uintptr_t p = (uintptr_t)c;
	for (unsigned i = 0; i < container_count; i++) {
		const struct container *k = &containers[i];
		if (k->type == CAP_CNODE && p >= k->object &&
		    p < k->object + (sizeof(struct cte) << k->radix)) {
			ksnprintf(out, NAME_LENGTH, "in CNode 0x%08x[%u]", k->object,
				  (p - k->object) / sizeof(struct cte));
			return true;
		}
		if (k->type == CAP_TCB) {
			const struct tcb *t = (const struct tcb *)k->object;
			if (c == &t->cspace_root || c == &t->vspace_root) {
				ksnprintf(out, NAME_LENGTH, "in TCB 0x%08x %s", k->object,
					  c == &t->cspace_root ? "cspace_root" : "vspace_root");
				return true;
			}
		}
	}
	return false;
}

static bool links_are_empty(const struct cte *c)
{
	return !c->parent && !c->first_child && !c->next_sibling && !c->prev_sibling;
}

/* A slot inside a CNode or TCB: taken in when it holds a cap; an empty one
 * must be out of the derivation tree. */
static bool take_in(struct cte *c)
{
	if (!cte_is_empty(c))
		return slot_add(c, SLOT_IN_CONTAINER);
	if (!links_are_empty(c))
		return !violated(L4_INVARIANT_CDT_LINKS, "%s still has derivation links",
				 slot_desc(c));
	return true;
}

/* A kernel object the walk will read: naturally aligned, of a size that
 * holds it, in RAM. */
static bool object_readable(const struct cte *c, size_t least)
{
	const struct cap *cap = &c->cap;
	int bits = memory_bits(cap);
	if (bits < 0 || bits > 30 || (1u << bits) < least || !IS_ALIGNED(cap->object, 1u << bits) ||
	    !arch_kernel_range_is_ram(cap->object, (size_t)1 << bits))
		return !violated(L4_INVARIANT_CAP_OBJECT,
				 "%s: %u bytes, not aligned to its size, too small or not RAM",
				 slot_desc(c), bits >= 0 && bits < 32 ? 1u << bits : 0);
	return true;
}

static bool take_in_cnode(const struct cte *c)
{
	const struct cap *cap = &c->cap;
	if (cap->size_bits < CNODE_MIN_RADIX || cap->size_bits > CNODE_MAX_RADIX ||
	    cap->guard_bits + cap->size_bits > L4_CPTR_BITS)
		return !violated(L4_INVARIANT_CAP_OBJECT, "%s: radix %u, guard bits %u",
				 slot_desc(c), cap->size_bits, cap->guard_bits);
	if (!object_readable(c, sizeof(struct cte) << CNODE_MIN_RADIX))
		return false;
	unsigned k = container_find(cap->object, CAP_CNODE);
	if (k != NONE) {
		if (containers[k].radix != cap->size_bits)
			return !violated(L4_INVARIANT_CAP_OBJECT,
					 "%s: radix %u, another cap says %u", slot_desc(c),
					 cap->size_bits, containers[k].radix);
		return true;
	}
	if (!container_add(cap->object, CAP_CNODE, cap->size_bits))
		return false;
	struct cte *slots = (struct cte *)cap->object;
	for (uint32_t i = 0; i < (1u << cap->size_bits); i++)
		if (!take_in(&slots[i]))
			return false;
	return true;
}

static bool take_in_tcb_slots(struct tcb *t)
{
	if (container_find((uintptr_t)t, CAP_TCB) != NONE)
		return true;
	return container_add((uintptr_t)t, CAP_TCB, 0) && take_in(&t->cspace_root) &&
	       take_in(&t->vspace_root);
}

/* Takes in what a link points at: it must be a slot in RAM, holding a cap. */
static bool follow_link(const struct cte *from, const struct cte *to, const char *link)
{
	if (!to || slot_find(to) != NONE)
		return true;
	if (!IS_ALIGNED((uintptr_t)to, 4) ||
	    !arch_kernel_range_is_ram((uintptr_t)to, sizeof(struct cte)))
		return !violated(L4_INVARIANT_CDT_LINKS, "%s: %s 0x%08x is not RAM",
				 slot_desc(from), link, (uintptr_t)to);
	if (cte_is_empty(to))
		return !violated(L4_INVARIANT_CDT_LINKS, "%s: %s is %s", slot_desc(from), link,
				 slot_desc(to));
	return slot_add((struct cte *)to, 0);
}

static bool collect(struct tcb *caller)
{
	if (!take_in_tcb_slots(caller))
		return false;
	for (unsigned i = 0; i < slot_count; i++) {
		struct cte *c = slot_cte[i];
		/* a zombie (a deletion that stopped for an interrupt) still holds
		 * the caps it has not deleted yet */
		unsigned type = c->cap.type == CAP_ZOMBIE ? c->cap.zombie_type : c->cap.type;
		if (type == CAP_CNODE && !take_in_cnode(c))
			return false;
		if (type == CAP_TCB) {
			if (!object_readable(c, sizeof(struct tcb)) ||
			    !take_in_tcb_slots((struct tcb *)c->cap.object))
				return false;
		}
		if (!follow_link(c, c->parent, "parent") ||
		    !follow_link(c, c->first_child, "first child") ||
		    !follow_link(c, c->prev_sibling, "previous sibling") ||
		    !follow_link(c, c->next_sibling, "next sibling"))
			return false;
	}
	/* every slot the links led to must lie in a CNode or TCB found; one
	 * that does not is a link into memory that holds no slots (any more) */
	for (unsigned i = 0; i < slot_count; i++)
		if (!(slot_flags[i] & SLOT_IN_CONTAINER))
			return !violated(L4_INVARIANT_CDT_LINKS,
					 "%s is linked into the derivation tree but lies in no "
					 "CNode or TCB", slot_desc(slot_cte[i]));
	return true;
}

/* ---------------------------------------------------------------- step 2: objects */

/* Could a VSpace id have this value (tern/vspace.h)? */
static bool id_is_possible(uintptr_t id)
{
	uint32_t entry = id & ((1u << VSPACE_ID_POOL_SHIFT) - 1);
	return id >> VSPACE_ID_POOL_SHIFT <= L4_VSPACE_ID_POOLS && entry &&
	       entry <= L4_VSPACE_IDS_PER_POOL;
}

static bool check_cap_object(const struct cte *c)
{
	const struct cap *cap = &c->cap;
	if (cap->type >= CAP_TYPE_COUNT)
		return !violated(L4_INVARIANT_CAP_OBJECT, "%s: a type nothing makes", slot_desc(c));
	if (cap->rights & ~L4_RIGHTS_ALL)
		return !violated(L4_INVARIANT_CAP_OBJECT, "%s: rights 0x%x", slot_desc(c),
				 cap->rights);
	int bits = memory_bits(cap);
	bool size_ok;
	switch (cap->type) {
	case CAP_UNTYPED:
		size_ok = bits >= UNTYPED_MIN_BITS && bits <= UNTYPED_MAX_BITS;
		break;
	case CAP_FRAME:
		size_ok = bits == 12 || bits == 21;
		break;
	case CAP_TCB:
		size_ok = bits <= 12 && (1u << bits) >= sizeof(struct tcb);
		break;
	case CAP_ENDPOINT:
		size_ok = bits == 4 && sizeof(struct endpoint) <= 16;
		break;
	case CAP_NOTIFICATION:
		size_ok = bits == 4 && sizeof(struct notification) <= 16;
		break;
	case CAP_PAGE_TABLE:
		size_ok = bits == arch_object_size_bits(L4_OBJ_PAGE_TABLE);
		break;
	case CAP_PAGE_DIRECTORY:
		size_ok = bits == arch_object_size_bits(L4_OBJ_PAGE_DIRECTORY);
		break;
	case CAP_VSPACE: /* 4 KiB on HYP, 16 KiB on SVC */
		size_ok = bits == arch_object_size_bits(L4_OBJ_VSPACE);
		break;
	case CAP_VCPU:
		size_ok = bits == arch_object_size_bits(L4_OBJ_VCPU);
		break;
	case CAP_VSPACE_ID_POOL:
		size_ok = bits == L4_VSPACE_ID_POOL_BITS;
		break;
	case CAP_IRQ_HANDLER:
		return cap->irq < 1020 ||
		       !violated(L4_INVARIANT_CAP_OBJECT, "%s: no such interrupt", slot_desc(c));
	default:
		return true; /* CNodes were checked on the way in; controls have no object */
	}
	if (!size_ok || !IS_ALIGNED(cap->object, 1u << bits) || memory_end(cap) > (1ull << 32))
		return !violated(L4_INVARIANT_CAP_OBJECT, "%s: size 2^%d, or not aligned to it",
				 slot_desc(c), bits);
	bool device = (cap->type == CAP_UNTYPED || cap->type == CAP_FRAME) && cap->device;
	if (!device && !arch_kernel_range_is_ram(cap->object, (size_t)1 << bits))
		return !violated(L4_INVARIANT_CAP_OBJECT, "%s: not RAM, and not device memory",
				 slot_desc(c));
	if (cap->type == CAP_FRAME || cap->type == CAP_PAGE_TABLE ||
	    cap->type == CAP_PAGE_DIRECTORY) {
		uint32_t span = cap->type == CAP_FRAME ? 1u << bits
				: cap->type == CAP_PAGE_TABLE ? 1u << LPAE_L2_SHIFT
							      : 1u << LPAE_L1_SHIFT;
		if ((cap->mapped_in && !id_is_possible(cap->mapped_in)) ||
		    (cap->mapped_in && (!IS_ALIGNED(cap->mapped_at, span) ||
					cap->mapped_at >= ARCH_USER_LIMIT)))
			return !violated(L4_INVARIANT_CAP_OBJECT,
					 "%s: mapped in VSpace %u at 0x%08x, no place it can be",
					 slot_desc(c), cap->mapped_in, cap->mapped_at);
	}
	return true;
}

/* ---------------------------------------------------------------- step 3: derivation tree */

/* Depth of every slot, no recursion: walk up to a slot of known depth
 * (or the top), pushing on scratch, then number on the way down. A walk
 * longer than the number of slots is a cycle. */
static bool compute_depths(void)
{
	for (unsigned i = 0; i < slot_count; i++) {
		unsigned n = 0, at = i;
		while (at != NONE && !slot_depth[at]) {
			if (n == slot_count)
				return !violated(L4_INVARIANT_CDT_LINKS,
						 "the parents of %s form a cycle",
						 slot_desc(slot_cte[i]));
			scratch[n++] = (uint16_t)at;
			const struct cte *p = slot_cte[at]->parent;
			at = p ? slot_find(p) : NONE;
		}
		unsigned depth = at == NONE ? 0 : slot_depth[at];
		while (n)
			slot_depth[scratch[--n]] = (uint16_t)(depth < 0xfffe ? ++depth : depth);
	}
	return true;
}

static bool check_links(unsigned i)
{
	const struct cte *c = slot_cte[i];
	const struct cte *p = c->parent, *prev = c->prev_sibling, *next = c->next_sibling,
			 *child = c->first_child;
	if (prev && (prev->next_sibling != c || prev->parent != p))
		return !violated(L4_INVARIANT_CDT_LINKS,
				 "%s: its previous sibling %s does not lead "
				 "back to it or has another parent",
				 slot_desc(c), slot_desc(prev));
	if (!prev && p && p->first_child != c)
		return !violated(L4_INVARIANT_CDT_LINKS, "%s is first among its siblings, but its "
				 "parent %s names another first child", slot_desc(c), slot_desc(p));
	if (next && next->prev_sibling != c)
		return !violated(L4_INVARIANT_CDT_LINKS, "%s: its next sibling %s does not lead "
				 "back to it", slot_desc(c), slot_desc(next));
	if (child && (child->parent != c || child->prev_sibling))
		return !violated(L4_INVARIANT_CDT_LINKS,
				 "%s: its first child %s has another parent "
				 "or a previous sibling",
				 slot_desc(c), slot_desc(child));
	if (p == c || prev == c || next == c || child == c)
		return !violated(L4_INVARIANT_CDT_LINKS, "%s links to itself", slot_desc(c));
	return true;
}

/* Numbers each list of siblings by its first member; a member met twice,
 * or never, is in a cycle. */
static bool number_sibling_lists(void)
{
	for (unsigned i = 0; i < slot_count; i++)
		slot_list_head[i] = NONE;
	for (unsigned i = 0; i < slot_count; i++) {
		if (slot_cte[i]->prev_sibling)
			continue;
		unsigned steps = 0;
		for (const struct cte *s = slot_cte[i]; s; s = s->next_sibling) {
			unsigned k = slot_find(s);
			if (k == NONE || slot_list_head[k] != NONE || ++steps > slot_count)
				return !violated(L4_INVARIANT_CDT_LINKS,
						 "the siblings after %s run into a cycle",
						 slot_desc(slot_cte[i]));
			slot_list_head[k] = (uint16_t)i;
		}
	}
	for (unsigned i = 0; i < slot_count; i++)
		if (slot_list_head[i] == NONE)
			return !violated(L4_INVARIANT_CDT_LINKS,
					 "%s is in a ring of siblings with no first one",
					 slot_desc(slot_cte[i]));
	return true;
}

/* Caps to one object that are siblings sit next to each other: the first
 * cap of each run of one object is a run start, and no list may have two
 * run starts for one object. cte_is_final looks only at neighbours. */
static bool check_adjacency(void)
{
	unsigned n = 0;
	for (unsigned i = 0; i < slot_count; i++) {
		const struct cte *c = slot_cte[i];
		if (!groups_by_object(&c->cap))
			continue;
		if (!c->prev_sibling || !cap_same_object(&c->prev_sibling->cap, &c->cap)) {
			sort_key[i] = (uint64_t)slot_list_head[i] << 40 | object_sort_key(&c->cap);
			scratch[n++] = (uint16_t)i;
		}
	}
	sort_by_key(scratch, n);
	for (unsigned k = 1; k < n; k++) {
		uint16_t a = scratch[k - 1], b = scratch[k];
		if (slot_list_head[a] == slot_list_head[b] &&
		    cap_same_object(cap_of(a), cap_of(b)))
			return !violated(L4_INVARIANT_CDT_ADJACENT,
					 "%s and %s are siblings with other caps between them",
					 slot_desc(slot_cte[a]), slot_desc(slot_cte[b]));
	}
	return true;
}

/* cte_is_final must say "last cap" exactly when no other cap to the object
 * exists: otherwise a delete destroys an object still in use (or never
 * destroys one). */
static bool check_final(void)
{
	unsigned n = 0;
	for (unsigned i = 0; i < slot_count; i++)
		if (groups_by_object(cap_of((uint16_t)i))) {
			sort_key[i] = object_sort_key(cap_of((uint16_t)i));
			scratch[n++] = (uint16_t)i;
		}
	sort_by_key(scratch, n);
	for (unsigned start = 0; start < n;) {
		unsigned end = start + 1;
		while (end < n && cap_same_object(cap_of(scratch[start]), cap_of(scratch[end])))
			end++;
		for (unsigned k = start; k < end; k++) {
			const struct cte *c = slot_cte[scratch[k]];
			if (cte_is_final(c) != (end - start == 1))
				return !violated(L4_INVARIANT_CDT_FINAL,
						 "%s: cte_is_final says %s, but %u caps to the "
						 "object exist",
						 slot_desc(c),
						 cte_is_final(c) ? "last" : "not last",
						 end - start);
		}
		start = end;
	}
	return true;
}

static bool check_derivation_tree(void)
{
	for (unsigned i = 0; i < slot_count; i++)
		if (!check_links(i))
			return false;
	return compute_depths() && number_sibling_lists() && check_adjacency() && check_final();
}

/* ---------------------------------------------------------------- step 4: memory */

/* Memory order: by base, the larger (the container) first, an untyped
 * before an object of its size, an untyped before its copy. */
static uint64_t memory_sort_key(uint16_t i)
{
	const struct cap *c = cap_of(i);
	return (uint64_t)c->object << 32 | (uint64_t)(32 - memory_bits(c)) << 24 |
	       (uint64_t)(c->type != CAP_UNTYPED) << 16 | slot_depth[i];
}

static bool descends_from(const struct cte *c, const struct cte *ancestor)
{
	unsigned steps = 0;
	for (const struct cte *p = c->parent; p && steps <= slot_count; p = p->parent, steps++)
		if (p == ancestor)
			return true;
	return false;
}

/* Objects in memory order form a tree of containment, as every object is
 * naturally aligned: a sweep with a stack of the ranges still open finds
 * each object's innermost container, which must be an untyped it descends
 * from (or another cap to the same object). */
static bool check_overlaps(void)
{
	by_memory_count = 0;
	for (unsigned i = 0; i < slot_count; i++)
		if (memory_bits(cap_of((uint16_t)i)) >= 0) {
			sort_key[i] = memory_sort_key((uint16_t)i);
			by_memory[by_memory_count++] = (uint16_t)i;
		}
	sort_by_key(by_memory, by_memory_count);

	unsigned depth = 0;
	top_level_count = 0;
	for (unsigned k = 0; k < by_memory_count; k++) {
		uint16_t i = by_memory[k];
		const struct cap *c = cap_of(i);
		while (depth && memory_end(cap_of(scratch[depth - 1])) <= c->object)
			depth--;
		if (!depth)
			top_level[top_level_count++] = i;
		if (depth && memory_end(c) > memory_end(cap_of(scratch[depth - 1])))
			return !violated(L4_INVARIANT_OVERLAP, "%s reaches out of %s",
					 slot_desc(slot_cte[i]),
					 slot_desc(slot_cte[scratch[depth - 1]]));
		/* a copy of the object on top is checked against what holds that
		 * object, and not stacked: copies would make the stack deep */
		bool copy = depth && cap_same_object(cap_of(scratch[depth - 1]), c);
		unsigned outer = copy ? depth - 1 : depth;
		if (outer) {
			uint16_t container = scratch[outer - 1];
			const struct cap *u = cap_of(container);
			if (u->type != CAP_UNTYPED)
				return !violated(L4_INVARIANT_OVERLAP, "%s lies in %s",
						 slot_desc(slot_cte[i]),
						 slot_desc(slot_cte[container]));
			if (!descends_from(slot_cte[i], slot_cte[container]))
				return !violated(L4_INVARIANT_OVERLAP,
						 "%s lies in %s but was not made from it",
						 slot_desc(slot_cte[i]),
						 slot_desc(slot_cte[container]));
		}
		if (!copy)
			scratch[depth++] = i;
	}
	return true;
}

/* Whether any cap's memory meets [pa, pa + size). */
static bool inside_any_object(paddr_t pa, uint32_t size)
{
	unsigned lo = 0, hi = top_level_count;
	while (lo < hi) { /* the first top-level range starting at or after pa + size */
		unsigned mid = (lo + hi) / 2;
		if (cap_of(top_level[mid])->object < pa + size)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && memory_end(cap_of(top_level[lo - 1])) > pa;
}

/* The slot of a cap of `type` to the object at addr, or NONE. */
static unsigned find_object(uintptr_t addr, unsigned type)
{
	unsigned lo = 0, hi = by_memory_count;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		if (cap_of(by_memory[mid])->object < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < by_memory_count && cap_of(by_memory[lo])->object == addr; lo++)
		if (cap_of(by_memory[lo])->type == type)
			return by_memory[lo];
	return NONE;
}

static bool check_untyped_children(const struct cte *u)
{
	const struct cap *ut = &u->cap;
	uint64_t size = 1ull << ut->size_bits;
	if (ut->free_offset > size)
		return !violated(L4_INVARIANT_UNTYPED_CHILD, "%s: watermark 0x%x beyond its size",
				 slot_desc(u), ut->free_offset);
	unsigned steps = 0;
	for (const struct cte *k = u->first_child; k && steps <= slot_count;
	     k = k->next_sibling, steps++) {
		const struct cap *c = &k->cap;
		if (memory_bits(c) < 0)
			return !violated(L4_INVARIANT_UNTYPED_CHILD, "%s has the child %s",
					 slot_desc(u), slot_desc(k));
		if (c->object < ut->object ||
		    memory_end(c) > ut->object + (uint64_t)ut->free_offset)
			return !violated(L4_INVARIANT_UNTYPED_CHILD,
					 "%s lies outside [0x%08x, 0x%08x) of its parent %s",
					 slot_desc(k), ut->object, ut->object + ut->free_offset,
					 slot_desc(u));
		bool memory = c->type == CAP_UNTYPED || c->type == CAP_FRAME;
		if ((ut->device && (!memory || !c->device)) || (!ut->device && memory && c->device))
			return !violated(L4_INVARIANT_UNTYPED_CHILD,
					 "%s and its parent %s disagree on device memory",
					 slot_desc(k), slot_desc(u));
	}
	return true;
}

static bool check_memory(void)
{
	if (!check_overlaps())
		return false;
	for (unsigned i = 0; i < slot_count; i++)
		if (cap_of((uint16_t)i)->type == CAP_UNTYPED &&
		    !check_untyped_children(slot_cte[i]))
			return false;
	return true;
}

/* ---------------------------------------------------------------- step 5: VSpaces */

static unsigned frame_size_bits_at(unsigned level)
{
	return level == 3 ? 12 : 21;
}

static unsigned first_claim(uint32_t vspace, uint32_t vaddr)
{
	unsigned lo = 0, hi = frame_claim_count;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		const struct cap *c = cap_of(frame_claims[mid]);
		if (c->mapped_in < vspace || (c->mapped_in == vspace && c->mapped_at < vaddr))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static unsigned find_table_cap(paddr_t pa)
{
	unsigned lo = 0, hi = table_cap_count;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		if (cap_of(table_caps[mid])->object < pa)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < table_cap_count && cap_of(table_caps[lo])->object == pa ? table_caps[lo] : NONE;
}

/* The root task's boot image, stack and tables were made before any cap:
 * mappings and tables without one are allowed there, in RAM no cap
 * covers. */
static bool boot_memory(uint32_t vspace, paddr_t pa, uint32_t size)
{
	return vspace == ROOT_VSPACE_ID && pa + size <= (1ull << 32) &&
	       !inside_any_object(pa, size) && arch_kernel_range_is_ram((uintptr_t)pa, size);
}

struct walk {
	uint32_t id;
	const void *vspace;
};

/* For visitors: the violation is reported, the walk ends. */
static enum stage2_walk_step stop_walk(bool reported)
{
	return STAGE2_STOP;
}

static enum stage2_walk_step visit_table(const struct walk *w, const struct stage2_entry *e)
{
	unsigned want = e->level == 1 ? CAP_PAGE_DIRECTORY : CAP_PAGE_TABLE;
	if (table_ref_count == MAX_TABLE_REFS)
		return stop_walk(violated(L4_INVARIANT_CHECKER_FULL, "more than %u tables",
					  MAX_TABLE_REFS));
	table_refs[table_ref_count++] = e->paddr;
	unsigned t = find_table_cap(e->paddr);
	if (t != NONE) {
		const struct cap *c = cap_of((uint16_t)t);
		if (c->type != want || c->mapped_in != w->id || c->mapped_at != e->vaddr)
			return stop_walk(
				violated(L4_INVARIANT_TABLE_PLACE,
					 "VSpace %u has 0x%08x (level %u) at 0x%08x, but %s says "
					 "VSpace %u, 0x%08x",
					 w->id, (uint32_t)e->paddr, e->level + 1, e->vaddr,
					 slot_desc(slot_cte[t]), c->mapped_in, c->mapped_at));
		slot_flags[t] |= SLOT_MAPPING_FOUND;
		return STAGE2_DESCEND;
	}
	if (e->paddr < (1ull << 32) && inside_any_object(e->paddr, 4096)) {
		unsigned other = find_object((uintptr_t)e->paddr, CAP_FRAME);
		return stop_walk(violated(L4_INVARIANT_TABLE_PLACE,
				"VSpace %u at 0x%08x: a table entry to 0x%08x, %s", w->id, e->vaddr,
				(uint32_t)e->paddr,
				other != NONE ? slot_desc(slot_cte[other])
					      : "memory of an object that is no table"));
	}
	if (!boot_memory(w->id, e->paddr, 4096))
		return stop_walk(violated(L4_INVARIANT_TABLE_PLACE,
				"VSpace %u at 0x%08x: a table entry to 0x%08x, which no cap "
				"holds (a table freed while in use?)", w->id, e->vaddr,
				(uint32_t)e->paddr));
	return STAGE2_DESCEND; /* one of the root task's boot tables */
}

static enum stage2_walk_step visit_leaf(const struct walk *w, const struct stage2_entry *e)
{
	counted.mappings++;
	if (e->malformed)
		return stop_walk(violated(L4_INVARIANT_LEAF_CLAIM,
				"VSpace %u at 0x%08x: level-%u entry of a kind the kernel never "
				"writes", w->id, e->vaddr, e->level));
	if (e->level == 3 && e->vaddr < ARCH_USER_BASE)
		return stop_walk(violated(L4_INVARIANT_USER_RANGE, "VSpace %u maps page 0", w->id));
	unsigned bits = frame_size_bits_at(e->level), claims = 0, claimer = NONE;
	for (unsigned k = first_claim(w->id, e->vaddr); k < frame_claim_count; k++) {
		const struct cap *c = cap_of(frame_claims[k]);
		if (c->mapped_in != w->id || c->mapped_at != e->vaddr)
			break;
		if (c->object != e->paddr || c->size_bits != bits)
			continue; /* a stale claim: the entry was made by another cap */
		claims++;
		slot_flags[frame_claims[k]] |= SLOT_MAPPING_FOUND;
		if (claimer == NONE || (cap_of((uint16_t)claimer)->rights & ~c->rights) == 0)
			claimer = frame_claims[k]; /* the one with the most rights */
	}
	if (!claims) {
		if (e->level == 3 && boot_memory(w->id, e->paddr, 4096))
			return STAGE2_NEXT; /* the root task's boot image */
		return stop_walk(violated(L4_INVARIANT_LEAF_CLAIM,
				"VSpace %u maps 0x%08x (%s) to 0x%08x, and no frame cap claims it",
				w->id, e->vaddr, e->level == 3 ? "4 KiB" : "2 MiB",
				(uint32_t)e->paddr));
	}
	if (claims > 1 && (checking_flags & L4_INVARIANTS_STALE_CLAIMS))
		return stop_walk(violated(L4_INVARIANT_LEAF_CLAIM,
				"VSpace %u maps 0x%08x to 0x%08x, and %u frame caps claim it "
				"(%s among them)", w->id, e->vaddr, (uint32_t)e->paddr, claims,
				slot_desc(slot_cte[claimer])));
	const struct cap *c = cap_of((uint16_t)claimer);
	if ((e->writable && !(c->rights & L4_RIGHT_WRITE)) || (e->normal_memory && c->device) ||
	    (e->executable && !e->normal_memory))
		return stop_walk(violated(
			L4_INVARIANT_LEAF_RIGHTS, "VSpace %u at 0x%08x: %s%s mapping of %s", w->id,
			e->vaddr, e->writable ? "writable " : "",
			e->normal_memory ? "cached" : "uncached", slot_desc(slot_cte[claimer])));
	return STAGE2_NEXT;
}

static enum stage2_walk_step visit(const struct stage2_entry *e, void *ctx)
{
	const struct walk *w = ctx;
	if (e->vaddr >= ARCH_USER_LIMIT)
		return stop_walk(violated(L4_INVARIANT_USER_RANGE,
				"VSpace %u has a level-%u entry at 0x%08x, above the user limit",
				w->id, e->level, e->vaddr));
	return e->table ? visit_table(w, e) : visit_leaf(w, e);
}

/* Ends a walk at its first entry: whether a VSpace maps anything. */
static enum stage2_walk_step any_entry(const struct stage2_entry *e, void *ctx)
{
	return STAGE2_STOP;
}

static bool check_vspace_ids(void)
{
	/* every VSpace cap with an id is that id's entry */
	for (unsigned k = 0; k < by_memory_count; k++) {
		const struct cap *c = cap_of(by_memory[k]);
		if (c->type != CAP_VSPACE)
			continue;
		const void *vs = (const void *)c->object;
		uint32_t id = arch_vspace_object_id(vs);
		if (id && vspace_lookup(id) != vs)
			return !violated(L4_INVARIANT_VSPACE_IDS,
					 "%s has id %u, whose entry is 0x%08x",
					 slot_desc(slot_cte[by_memory[k]]), id,
					 (uintptr_t)vspace_lookup(id));
		if (!id && !arch_stage2_walk(vs, any_entry, NULL))
			return !violated(L4_INVARIANT_VSPACE_IDS, "%s has no id but maps something",
					 slot_desc(slot_cte[by_memory[k]]));
	}
	/* every pool in the directory is one a cap holds, and back */
	for (uint32_t index = 1; index <= L4_VSPACE_ID_POOLS; index++) {
		const void *pool = vspace_id_pool(index);
		if (pool && find_object((uintptr_t)pool, CAP_VSPACE_ID_POOL) == NONE)
			return !violated(L4_INVARIANT_VSPACE_IDS,
					 "pool %u at 0x%08x: no cap to it exists (freed?)", index,
					 (uintptr_t)pool);
	}
	for (unsigned k = 0; k < by_memory_count; k++) {
		const struct cap *c = cap_of(by_memory[k]);
		if (c->type == CAP_VSPACE_ID_POOL &&
		    vspace_id_pool(*(const uint32_t *)c->object) != (const void *)c->object)
			return !violated(L4_INVARIANT_VSPACE_IDS, "%s is not in the pool directory",
					 slot_desc(slot_cte[by_memory[k]]));
	}
	/* and every entry is a VSpace some cap holds */
	for (uint32_t id = vspace_next_id(0); id; id = vspace_next_id(id)) {
		void *vs = vspace_lookup(id);
		unsigned k = find_object((uintptr_t)vs, CAP_VSPACE);
		if (k == NONE)
			return !violated(
				L4_INVARIANT_VSPACE_IDS,
				"id %u names 0x%08x, to which no VSpace cap exists (freed?)", id,
				(uintptr_t)vs);
		if (arch_vspace_object_id(vs) != id)
			return !violated(L4_INVARIANT_VSPACE_IDS,
					 "id %u names %s, which says id %u", id,
					 slot_desc(slot_cte[k]), arch_vspace_object_id(vs));
	}
	return true;
}

static bool check_vspaces(void)
{
	frame_claim_count = table_cap_count = table_ref_count = 0;
	for (unsigned i = 0; i < slot_count; i++) {
		const struct cap *c = cap_of((uint16_t)i);
		if (c->type == CAP_FRAME && c->mapped_in) {
			sort_key[i] = (uint64_t)c->mapped_in << 32 | c->mapped_at;
			frame_claims[frame_claim_count++] = (uint16_t)i;
		}
	}
	sort_by_key(frame_claims, frame_claim_count);
	for (unsigned i = 0; i < slot_count; i++) {
		const struct cap *c = cap_of((uint16_t)i);
		if (c->type == CAP_PAGE_TABLE || c->type == CAP_PAGE_DIRECTORY) {
			sort_key[i] = c->object;
			table_caps[table_cap_count++] = (uint16_t)i;
		}
	}
	sort_by_key(table_caps, table_cap_count);
	for (unsigned k = 1; k < table_cap_count; k++)
		if (cap_of(table_caps[k - 1])->object == cap_of(table_caps[k])->object)
			return !violated(L4_INVARIANT_TABLE_SHARED,
					 "%s and %s: two caps to one table",
					 slot_desc(slot_cte[table_caps[k - 1]]),
					 slot_desc(slot_cte[table_caps[k]]));
	if (!check_vspace_ids())
		return false;

	for (uint32_t id = vspace_next_id(0); id; id = vspace_next_id(id)) {
		struct walk w = {.id = id, .vspace = vspace_lookup(id)};
		counted.vspaces++;
		if (!arch_stage2_walk(w.vspace, visit, &w))
			return false;
	}

	/* each table in one place over all VSpaces */
	unsigned n = table_ref_count < MAX_SLOTS ? table_ref_count : MAX_SLOTS;
	for (unsigned k = 0; k < n; k++) {
		sort_key[k] = table_refs[k];
		scratch[k] = (uint16_t)k;
	}
	sort_by_key(scratch, n);
	for (unsigned k = 1; k < n; k++)
		if (table_refs[scratch[k - 1]] == table_refs[scratch[k]])
			return !violated(L4_INVARIANT_TABLE_SHARED,
					 "the table at 0x%08x is in two table entries",
					 (uint32_t)table_refs[scratch[k]]);

	if (!(checking_flags & L4_INVARIANTS_STALE_CLAIMS))
		return true;
	for (unsigned i = 0; i < slot_count; i++) {
		const struct cap *c = cap_of((uint16_t)i);
		bool mapping = c->type == CAP_FRAME || c->type == CAP_PAGE_TABLE ||
			       c->type == CAP_PAGE_DIRECTORY;
		if (mapping && c->mapped_in && vspace_lookup(c->mapped_in) &&
		    !(slot_flags[i] & SLOT_MAPPING_FOUND))
			return !violated(L4_INVARIANT_STALE_CLAIM,
					 "%s says it is mapped in VSpace %u at 0x%08x, which holds "
					 "something else there or nothing", slot_desc(slot_cte[i]),
					 c->mapped_in, c->mapped_at);
	}
	return true;
}

/* ---------------------------------------------------------------- step 6: threads */

static bool known_tcb(const struct tcb *t)
{
	return t == checking_caller || find_object((uintptr_t)t, CAP_TCB) != NONE;
}

static bool check_thread_queue(const struct thread_queue *q, const void *object,
			       const char *what, enum thread_state state)
{
	unsigned steps = 0;
	const struct tcb *prev = NULL;
	for (const struct tcb *t = q->head; t; prev = t, t = t->queue_next) {
		if (++steps > slot_count || !known_tcb(t))
			return !violated(
				L4_INVARIANT_THREADS,
				"the queue of %s 0x%08x holds 0x%08x, no live TCB (or loops)", what,
				(uintptr_t)object, (uintptr_t)t);
		if (t->queue_prev != prev || t->blocked_on != object || t->state != state)
			return !violated(
				L4_INVARIANT_THREADS,
				"TCB 0x%08x in the queue of %s 0x%08x: state %u, blocked on "
				"0x%08x, previous 0x%08x",
				(uintptr_t)t, what, (uintptr_t)object, t->state,
				(uintptr_t)t->blocked_on, (uintptr_t)t->queue_prev);
	}
	if (q->tail != prev)
		return !violated(L4_INVARIANT_THREADS, "the queue of %s 0x%08x ends at 0x%08x, not "
				 "at its tail 0x%08x", what, (uintptr_t)object, (uintptr_t)prev,
				 (uintptr_t)q->tail);
	return true;
}

static bool check_ready_queues(void)
{
	const struct ready_queues *rq = &boot_cpu.ready;
	for (unsigned p = 0; p < PRIORITY_COUNT; p++) {
		bool bit = (rq->bitmap[p / 32] >> (p % 32)) & 1;
		if (bit != (rq->head[p] != NULL))
			return !violated(L4_INVARIANT_THREADS,
					 "ready queue %u is %sempty, its bitmap bit says otherwise",
					 p, rq->head[p] ? "not " : "");
		unsigned steps = 0;
		const struct sched_node *prev = NULL;
		for (const struct sched_node *n = rq->head[p]; n; prev = n, n = n->next) {
			const struct tcb *t = container_of(n, struct tcb, sched);
			if (++steps > slot_count || !known_tcb(t))
				return !violated(L4_INVARIANT_THREADS,
						 "ready queue %u holds 0x%08x, no "
						 "live TCB (or loops)",
						 p, (uintptr_t)t);
			if (n->prev != prev || n->priority != p || !n->queued ||
			    t->state != THREAD_RUNNABLE)
				return !violated(
					L4_INVARIANT_THREADS,
					"TCB 0x%08x in ready queue %u: priority %u, state %u",
					(uintptr_t)t, p, n->priority, t->state);
		}
		if (rq->tail[p] != prev)
			return !violated(L4_INVARIANT_THREADS,
					 "ready queue %u ends before its tail", p);
	}
	return true;
}

static bool check_tcb(const struct tcb *t)
{
	const struct cap *vs = &t->vspace_root.cap, *cs = &t->cspace_root.cap;
	if ((vs->type != CAP_NULL && vs->type != CAP_VSPACE) ||
	    (cs->type != CAP_NULL && cs->type != CAP_CNODE))
		return !violated(L4_INVARIANT_THREADS,
				 "TCB 0x%08x has a %s as VSpace, a %s as CSpace", (uintptr_t)t,
				 type_name(vs->type), type_name(cs->type));
	if (vs->type == CAP_VSPACE && t->vspace.object != (void *)vs->object)
		return !violated(L4_INVARIANT_THREADS, "TCB 0x%08x runs in 0x%08x, its cap says %s",
				 (uintptr_t)t, (uintptr_t)t->vspace.object, cap_desc(vs));
	if (t->sched.queued && t->state != THREAD_RUNNABLE)
		return !violated(L4_INVARIANT_THREADS, "TCB 0x%08x is queued to run in state %u",
				 (uintptr_t)t, t->state);
	const void *on = t->blocked_on;
	switch (t->state) {
	case THREAD_BLOCKED_SEND:
	case THREAD_BLOCKED_RECV:
		if (find_object((uintptr_t)on, CAP_ENDPOINT) == NONE)
			return !violated(L4_INVARIANT_THREADS,
					 "TCB 0x%08x waits on 0x%08x, no live "
					 "endpoint",
					 (uintptr_t)t, (uintptr_t)on);
		break;
	case THREAD_BLOCKED_NOTIFICATION:
		if (find_object((uintptr_t)on, CAP_NOTIFICATION) == NONE)
			return !violated(L4_INVARIANT_THREADS,
					 "TCB 0x%08x waits on 0x%08x, no live "
					 "notification",
					 (uintptr_t)t, (uintptr_t)on);
		break;
	default:
		if (t->state > THREAD_BLOCKED_VCPU_WFI)
			return !violated(L4_INVARIANT_THREADS, "TCB 0x%08x in state %u",
					 (uintptr_t)t, t->state);
	}
	if ((t->reply_to && (!known_tcb(t->reply_to) || t->reply_to->caller_of != t)) ||
	    (t->caller_of && (!known_tcb(t->caller_of) || t->caller_of->reply_to != t)))
		return !violated(L4_INVARIANT_THREADS, "TCB 0x%08x: reply links to 0x%08x and from "
				 "0x%08x do not agree", (uintptr_t)t, (uintptr_t)t->reply_to,
				 (uintptr_t)t->caller_of);
	const struct notification *n = t->bound_notification;
	if (n && (find_object((uintptr_t)n, CAP_NOTIFICATION) == NONE || n->bound != t))
		return !violated(L4_INVARIANT_THREADS,
				 "TCB 0x%08x is bound to 0x%08x, which does not "
				 "name it back",
				 (uintptr_t)t, (uintptr_t)n);
	const struct vcpu *v = t->vcpu;
	if (v && (find_object((uintptr_t)v, CAP_VCPU) == NONE || v->tcb != t))
		return !violated(L4_INVARIANT_THREADS,
				 "TCB 0x%08x runs VCPU 0x%08x, which does not "
				 "name it back",
				 (uintptr_t)t, (uintptr_t)v);
	return true;
}

static bool check_threads(void)
{
	if (!check_ready_queues() || !check_tcb(checking_caller))
		return false;
	for (unsigned k = 0; k < by_memory_count; k++) {
		uint16_t i = by_memory[k];
		const struct cap *c = cap_of(i);
		if (k && cap_same_object(cap_of(by_memory[k - 1]), c))
			continue; /* one object, one check */
		bool ok = true;
		switch (c->type) {
		case CAP_TCB:
			ok = check_tcb((const struct tcb *)c->object);
			break;
		case CAP_ENDPOINT: {
			const struct endpoint *ep = (const struct endpoint *)c->object;
			if ((ep->state == EP_IDLE) != (ep->queue.head == NULL) ||
			    ep->state > EP_RECEIVERS)
				return !violated(L4_INVARIANT_THREADS,
						 "endpoint 0x%08x: state %u with "
						 "queue head 0x%08x",
						 c->object, ep->state, (uintptr_t)ep->queue.head);
			ok = check_thread_queue(&ep->queue, ep, "endpoint",
						ep->state == EP_SENDERS ? THREAD_BLOCKED_SEND
									: THREAD_BLOCKED_RECV);
			break;
		}
		case CAP_NOTIFICATION: {
			const struct notification *n = (const struct notification *)c->object;
			if (n->bound && (!known_tcb(n->bound) || n->bound->bound_notification != n))
				return !violated(L4_INVARIANT_THREADS,
						 "notification 0x%08x is bound to "
						 "0x%08x, which does not name it back",
						 c->object, (uintptr_t)n->bound);
			ok = check_thread_queue(&n->waiters, n, "notification",
						THREAD_BLOCKED_NOTIFICATION);
			break;
		}
		case CAP_VCPU: {
			const struct vcpu *v = (const struct vcpu *)c->object;
			if (v->tcb && (!known_tcb(v->tcb) || v->tcb->vcpu != v))
				return !violated(L4_INVARIANT_THREADS,
						 "VCPU 0x%08x runs on 0x%08x, which "
						 "does not name it back",
						 c->object, (uintptr_t)v->tcb);
			break;
		}
		default:
			break;
		}
		if (!ok)
			return false;
	}
	return true;
}

/* ---------------------------------------------------------------- entry */

uint32_t invariants_check(struct tcb *caller, uint32_t flags, struct invariants_counts *counts)
{
	checking_caller = caller;
	checking_flags = flags;
	first_violation = 0;
	counted = (struct invariants_counts){0};
	slot_count = container_count = by_memory_count = top_level_count = 0;
	frame_claim_count = table_cap_count = table_ref_count = 0;
	memset(slot_hash, 0, sizeof(slot_hash));
	memset(container_hash, 0, sizeof(container_hash));
	memset(slot_depth, 0, sizeof(slot_depth));

	bool ok = collect(caller);
	for (unsigned i = 0; ok && i < slot_count; i++)
		ok = check_cap_object(slot_cte[i]);
	ok = ok && check_derivation_tree() && check_memory() && check_vspaces() && check_threads();
	counted.caps = slot_count;
	if (counts)
		*counts = counted;
	return ok ? 0 : first_violation;
}
