// SPDX-License-Identifier: MIT
/* Shadow page tables as a software TLB (docs/pv-vcpu.md, section 5): a
 * guest with its MMU on runs in a hardware table of the kernel's, filled
 * on faults from a walk of the guest's own tables (arch/arm/pv/guest_walk.c)
 * and a lookup of the result in the guest's VSpace, its guest-physical map
 * (p2m). Nothing else writes a shadow entry, so every entry maps a frame
 * the p2m maps, with no more rights than the p2m gives; the p2m tells us
 * (mm/p2m_hooks.h) whenever a mapping leaves it, and every shadow filled
 * from it is emptied before that call returns.
 *
 * Each VCPU has SHADOW_SLOTS shadows, keyed by the guest's TTBR0 and ASID,
 * each with its own hardware ASID (mm/asid.c): switching guest processes
 * flushes nothing. A slot taken for another key is emptied and gets a fresh
 * ASID. Shadow entries are 4 KiB small pages, always non-global, PL0
 * accessible (the guest kernel runs in USR); the guest kernel's and guest
 * user's views differ by domain (D2 holds what only the guest kernel may
 * reach). Domains are per MiB in the hardware: a MiB holding both kinds is
 * D2 while kernel-only pages are in it and is turned back to D1 (its
 * entries dropped) when guest user needs one of its pages; it costs refills,
 * never correctness. Memory types are the p2m's, whatever the guest asks.
 * Second-level tables come from the VCPU's pool; when it runs dry every
 * shadow of the VCPU is emptied, as a TLB flush would. */
#include "shadow.h"
#include <arch/memory.h>
#include <tern/string.h>
#include <tern/thread.h>
#include <tern/vcpu.h>
#include "../mm/asid.h"
#include "../mm/p2m_hooks.h"
#include "../mm/short_desc.h"
#include "pv_private.h"

#define VCPU_BYTES (1u << SVC_VCPU_SIZE_BITS)
#define POOL_OFFSET 0x1000u
#define L1_OFFSET 0x2000u
#define SHADOW_L1_BYTES (USER_L1_ENTRIES * 4u) /* 8 KiB, 8 KiB aligned */
#define L2_OFFSET (L1_OFFSET + SHADOW_SLOTS * SHADOW_L1_BYTES)
#define L2_TABLES ((VCPU_BYTES - L2_OFFSET) / L2_TABLE_BYTES)
#define SCTLR_M BIT(0)
#define TTBR_TABLE_MASK ~0x7fu /* the walk attributes are not part of the key */

struct shadow_slot {
	uint32_t ttbr0, asid; /* the key: the guest's table and ASID */
	uint32_t last_use;
	bool in_use;
	struct asid_tag tag;
};

struct shadow_pool {
	struct shadow_slot slot[SHADOW_SLOTS];
	uint32_t clock;
	int current;                    /* the slot the guest runs in; -1: select at entry */
	uint8_t l2_owner[L2_TABLES];    /* slot + 1, 0: free */
	uint16_t l2_index[L2_TABLES];   /* the first-level entry it is under */
};

_Static_assert(sizeof(struct vcpu) <= POOL_OFFSET, "the VCPU before its shadow pool");
_Static_assert(sizeof(struct shadow_pool) <= L1_OFFSET - POOL_OFFSET, "the pool's bookkeeping");
_Static_assert(L2_TABLES >= 64, "enough second-level tables");

static uintptr_t base_of(const struct arch_vcpu *v)
{
	return (uintptr_t)container_of(v, struct vcpu, arch);
}

static struct shadow_pool *pool_of(const struct arch_vcpu *v)
{
	return (struct shadow_pool *)(base_of(v) + POOL_OFFSET);
}

static uint32_t *l1_of(const struct arch_vcpu *v, int slot)
{
	return (uint32_t *)(base_of(v) + L1_OFFSET + (uint32_t)slot * SHADOW_L1_BYTES);
}

static uint32_t *l2_of(const struct arch_vcpu *v, unsigned i)
{
	return (uint32_t *)(base_of(v) + L2_OFFSET + i * L2_TABLE_BYTES);
}

bool shadow_mmu_on(const struct arch_vcpu *v)
{
	return v->regs[L4_VCPU_SCTLR] & SCTLR_M;
}

void shadow_init(struct arch_vcpu *v)
{
	struct shadow_pool *p = pool_of(v);
	memset(p, 0, sizeof(*p));
	p->current = -1;
	/* the retype's zeroes, where the table walks read */
	memset(l1_of(v, 0), 0, SHADOW_SLOTS * SHADOW_L1_BYTES);
	arch_clean_to_pou(l1_of(v, 0), SHADOW_SLOTS * SHADOW_L1_BYTES);
}

/* Empties one shadow: its first-level entries go (their tables return to
 * the pool), then its TLB entries. */
static void empty_slot(struct arch_vcpu *v, int slot)
{
	struct shadow_pool *p = pool_of(v);
	uint32_t *l1 = l1_of(v, slot);
	for (unsigned i = 0; i < L2_TABLES; i++) {
		if (p->l2_owner[i] != slot + 1)
			continue;
		l1[p->l2_index[i]] = 0;
		arch_clean_to_pou(&l1[p->l2_index[i]], sizeof(*l1));
		p->l2_owner[i] = 0;
	}
	asid_flush_tag(&p->slot[slot].tag);
}

static void empty_all(struct arch_vcpu *v)
{
	struct shadow_pool *p = pool_of(v);
	for (int s = 0; s < SHADOW_SLOTS; s++)
		if (p->slot[s].in_use)
			empty_slot(v, s);
}

static void p2m_unlink(struct arch_vcpu *v)
{
	struct vspace_object *o = v->shadow_p2m;
	if (!o)
		return;
	for (struct arch_vcpu **link = &o->shadow_users; *link; link = &(*link)->p2m_next) {
		if (*link == v) {
			*link = v->p2m_next;
			break;
		}
	}
	v->shadow_p2m = NULL;
	v->p2m_next = NULL;
}

void shadow_destroy(struct arch_vcpu *v)
{
	struct shadow_pool *p = pool_of(v);
	empty_all(v);
	for (int s = 0; s < SHADOW_SLOTS; s++)
		asid_release_table(l1_of(v, s), &p->slot[s].tag);
	p2m_unlink(v);
}

void shadow_p2m_removed(struct vspace_object *o)
{
	for (struct arch_vcpu *v = o->shadow_users; v; v = v->p2m_next)
		empty_all(v);
}

void shadow_p2m_destroyed(struct vspace_object *o)
{
	while (o->shadow_users) {
		struct arch_vcpu *v = o->shadow_users;
		empty_all(v);
		p2m_unlink(v);
	}
}

void shadow_translation_changed(struct arch_vcpu *v)
{
	empty_all(v);
	pool_of(v)->current = -1;
}

void shadow_set_ttbr(struct arch_vcpu *v, uint32_t ttbr0, uint32_t contextidr)
{
	v->regs[L4_VCPU_TTBR0_LO] = ttbr0;
	v->regs[L4_VCPU_TTBR0_HI] = 0;
	v->regs[L4_VCPU_CONTEXTIDR] = contextidr;
	pool_of(v)->current = -1;
}

/* The thread's VSpace: the p2m (NULL when it has none). */
static struct vspace_object *thread_p2m(struct arch_vcpu *v)
{
	struct tcb *t = pv_thread(v);
	if (!t || cte_is_empty(&t->vspace_root))
		return NULL;
	return (struct vspace_object *)t->vspace_root.cap.object;
}

/* The shadow for the guest's TTBR0 and ASID: the cached one, else a free
 * slot or the least recently used, emptied, with a fresh hardware ASID. */
static int select_slot(struct arch_vcpu *v)
{
	struct shadow_pool *p = pool_of(v);
	uint32_t ttbr0 = v->regs[L4_VCPU_TTBR0_LO] & TTBR_TABLE_MASK;
	uint32_t asid = v->regs[L4_VCPU_CONTEXTIDR] & 0xffu;
	for (int s = 0; s < SHADOW_SLOTS; s++) {
		const struct shadow_slot *sl = &p->slot[s];
		if (sl->in_use && sl->ttbr0 == ttbr0 && sl->asid == asid)
			return s;
	}
	int pick = 0;
	for (int s = 0; s < SHADOW_SLOTS; s++) {
		if (!p->slot[s].in_use) {
			pick = s;
			break;
		}
		if (p->slot[s].last_use < p->slot[pick].last_use)
			pick = s;
	}
	struct shadow_slot *sl = &p->slot[pick];
	if (sl->in_use)
		empty_slot(v, pick);
	/* its old ASID's entries are gone (emptied); a fresh one keeps a
	 * guest cycling through address spaces on the ASID pool's rollover */
	sl->tag.generation = 0;
	sl->ttbr0 = ttbr0;
	sl->asid = asid;
	sl->in_use = true;
	return pick;
}

/* The p2m and the current slot, after making sure the shadows came from
 * the thread's VSpace (NULL when the thread has none). */
static struct vspace_object *prepare(struct arch_vcpu *v)
{
	struct shadow_pool *p = pool_of(v);
	struct vspace_object *o = thread_p2m(v);
	if (o != v->shadow_p2m) {
		empty_all(v);
		p2m_unlink(v);
		if (o) {
			v->shadow_p2m = o;
			v->p2m_next = o->shadow_users;
			o->shadow_users = v;
		}
	}
	if (p->current < 0)
		p->current = select_slot(v);
	p->slot[p->current].last_use = ++p->clock;
	return o;
}

struct asid_tag *shadow_enter(struct arch_vcpu *v, const uint32_t **l1)
{
	if (!shadow_mmu_on(v) || !prepare(v))
		return NULL;
	struct shadow_pool *p = pool_of(v);
	*l1 = l1_of(v, p->current);
	return &p->slot[p->current].tag;
}

/* Reads a word of guest RAM for the walk: cached RAM the p2m maps, only. */
static bool read_guest(void *ctx, uint32_t gpa, uint32_t *value)
{
	const uint32_t *w = arch_vspace_translate(ctx, gpa & ~3u, false);
	if (!w)
		return false;
	*value = *(const volatile uint32_t *)w;
	return true;
}

static uint32_t walk(struct arch_vcpu *v, struct vspace_object *o, uint32_t va,
		     struct guest_translation *t)
{
	struct guest_walk_regs r = {v->regs[L4_VCPU_TTBR0_LO], v->regs[L4_VCPU_TTBR1_LO],
				    v->regs[L4_VCPU_TTBCR]};
	return guest_walk(&r, va, read_guest, o, t);
}

static int l2_take(struct arch_vcpu *v, int slot, uint32_t index)
{
	struct shadow_pool *p = pool_of(v);
	for (unsigned i = 0; i < L2_TABLES; i++) {
		if (p->l2_owner[i])
			continue;
		p->l2_owner[i] = (uint8_t)(slot + 1);
		p->l2_index[i] = (uint16_t)index;
		return (int)i;
	}
	return -1;
}

static uint32_t shadow_page(const struct guest_translation *t, const struct p2m_leaf *leaf,
			    bool write)
{
	return L2_PAGE | L2_PAGE_NG | FIELD_PREP(L2_PAGE_TEX, leaf->tex) |
	       (leaf->c ? L2_PAGE_C : 0) | (leaf->b ? L2_PAGE_B : 0) | (leaf->s ? L2_PAGE_S : 0) |
	       (t->xn || leaf->xn ? L2_PAGE_XN : 0) |
	       (write ? FIELD_PREP(L2_PAGE_AP, AP_USER_RW)
		      : FIELD_PREP(L2_PAGE_AP, AP_USER_RO) | L2_PAGE_APX) |
	       (leaf->pa & L2_PAGE_BASE);
}

/* Writes the shadow entry for va in the current slot. */
static void fill(struct arch_vcpu *v, uint32_t va, const struct guest_translation *t,
		 const struct p2m_leaf *leaf)
{
	struct shadow_pool *p = pool_of(v);
	int slot = p->current;
	struct asid_tag *tag = &p->slot[slot].tag;
	uint32_t *l1 = l1_of(v, slot), index = va >> L1_SECTION_SHIFT;
	struct guest_rights g = guest_rights(t->ap);
	uint32_t *l2, d = l1[index];
	if (FIELD_GET(L1_TYPE, d) != L1_TYPE_TABLE) {
		int i = l2_take(v, slot, index);
		if (i < 0) { /* the pool is dry: a full flush, as a TLB's */
			empty_all(v);
			i = l2_take(v, slot, index);
		}
		l2 = l2_of(v, (unsigned)i);
		memset(l2, 0, L2_TABLE_BYTES);
		arch_clean_to_pou(l2, L2_TABLE_BYTES);
		l1[index] = FIELD_PREP(L1_TYPE, L1_TYPE_TABLE) | FIELD_PREP(L1_DOMAIN, g.domain) |
			    ((uint32_t)arch_kernel_to_phys((uintptr_t)l2) & L1_TABLE_BASE);
		arch_clean_to_pou(&l1[index], sizeof(*l1));
	} else {
		l2 = (uint32_t *)arch_phys_to_kernel(d & L1_TABLE_BASE);
		if (FIELD_GET(L1_DOMAIN, d) != g.domain) {
			/* a MiB turned over to guest user loses its kernel-only
			 * pages (any of its entries may be one); one turned over
			 * to the kernel keeps all: D2 is client in its view */
			if (g.domain == GUEST_DOMAIN_ANY) {
				memset(l2, 0, L2_TABLE_BYTES);
				arch_clean_to_pou(l2, L2_TABLE_BYTES);
			}
			l1[index] = (d & ~L1_DOMAIN) | FIELD_PREP(L1_DOMAIN, g.domain);
			arch_clean_to_pou(&l1[index], sizeof(*l1));
			asid_flush_tag(tag); /* TLB entries hold their domain */
		}
	}
	uint32_t *e = &l2[(va >> L2_PAGE_SHIFT) % L2_ENTRIES], old = *e;
	*e = shadow_page(t, leaf, g.write && leaf->write);
	arch_clean_to_pou(e, sizeof(*e));
	if (old & L2_PAGE)
		asid_flush_tag_page(tag, va);
}

struct shadow_result shadow_fault(struct arch_vcpu *v, uint32_t va, enum guest_access access,
				  bool user)
{
	struct shadow_result r = {SHADOW_GUEST_FAULT, GUEST_FS_TRANSLATION_SECTION, 0};
	/* Tern's window is TTBR1's: nothing of a guest is ever shadowed there */
	struct vspace_object *o = prepare(v);
	if (va >= ARCH_USER_LIMIT || !o)
		return r;
	struct guest_translation t;
	r.status = walk(v, o, va, &t);
	if (r.status)
		return r;
	if (!guest_permits(&t, user, access)) {
		r.status = t.page ? GUEST_FS_PERMISSION_PAGE : GUEST_FS_PERMISSION_SECTION;
		return r;
	}
	r.gpa = t.pa;
	struct p2m_leaf leaf;
	if (!p2m_lookup(o, t.pa, &leaf)) {
		r.outcome = SHADOW_MMIO;
		return r;
	}
	if ((access == GUEST_WRITE && !leaf.write) || (access == GUEST_EXECUTE && leaf.xn)) {
		r.outcome = SHADOW_P2M_REFUSED;
		return r;
	}
	fill(v, va, &t, &leaf);
	r.outcome = SHADOW_FILLED;
	return r;
}

/* The guest-physical address of va (walked when the MMU is on); false
 * when the guest's tables map nothing there. */
static bool guest_physical(struct arch_vcpu *v, struct vspace_object *o, uint32_t va,
			   uint32_t *gpa)
{
	if (!shadow_mmu_on(v)) {
		*gpa = va;
		return true;
	}
	struct guest_translation t;
	if (va >= ARCH_USER_LIMIT || walk(v, o, va, &t))
		return false;
	*gpa = t.pa;
	return true;
}

const void *shadow_guest_pointer(struct arch_vcpu *v, uint32_t va)
{
	struct vspace_object *o = thread_p2m(v);
	uint32_t gpa;
	if (!o || !guest_physical(v, o, va, &gpa))
		return NULL;
	return arch_vspace_translate(o, gpa, false);
}

/* Drops va's entry from a slot, and from the TLB. */
static void drop_page(struct arch_vcpu *v, int slot, uint32_t va)
{
	uint32_t d = l1_of(v, slot)[va >> L1_SECTION_SHIFT];
	if (FIELD_GET(L1_TYPE, d) != L1_TYPE_TABLE)
		return;
	uint32_t *e = (uint32_t *)arch_phys_to_kernel(d & L1_TABLE_BASE) +
		      (va >> L2_PAGE_SHIFT) % L2_ENTRIES;
	if (!*e)
		return; /* never filled, or dropped: not in the TLB either */
	*e = 0;
	arch_clean_to_pou(e, sizeof(*e));
	asid_flush_tag_page(&pool_of(v)->slot[slot].tag, va);
}

enum { TLB_ALL, TLB_ASID, TLB_MVA_ASID, TLB_MVA_ALL_ASIDS };

int shadow_tlb(struct arch_vcpu *v, uint32_t op, uint32_t va, uint32_t asid, uint32_t pages,
	       uint32_t *done)
{
	struct shadow_pool *p = pool_of(v);
	if (op > TLB_MVA_ALL_ASIDS)
		return L4_INVALID_ARGUMENT;
	int result = L4_OK;
	if (pages == 0)
		pages = 1;
	if (pages > SHADOW_TLB_MAX_PAGES) {
		pages = SHADOW_TLB_MAX_PAGES;
		result = L4_RANGE_ERROR;
	}
	*done = pages;
	for (int s = 0; s < SHADOW_SLOTS; s++) {
		struct shadow_slot *sl = &p->slot[s];
		if (!sl->in_use || ((op == TLB_ASID || op == TLB_MVA_ASID) && sl->asid != (asid & 0xffu)))
			continue;
		if (op == TLB_ALL || op == TLB_ASID) {
			empty_slot(v, s);
			continue;
		}
		for (uint32_t k = 0; k < pages; k++) {
			uint32_t page = (va & ~0xfffu) + k * 0x1000u;
			if (page >= ARCH_USER_LIMIT || page < (va & ~0xfffu))
				break; /* never shadowed up there */
			drop_page(v, s, page);
		}
	}
	return result;
}
