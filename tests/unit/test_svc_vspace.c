// SPDX-License-Identifier: MIT
/* The SVC variant's short-descriptor VSpaces (arch/arm/svc/mm/vspace.c)
 * and object sizes, on the host: the descriptors of every rights and
 * memory kind, a 2 MiB frame as two sections, a page table as two
 * first-level table entries, refusals, unmaps of replaced entries, and
 * what translate hands the kernel, and the invariant checker's walk. The expected descriptors are spelled
 * out here from the ARM ARM's bit positions, not from short_desc.h.
 *
 * Stand-ins: kernel addresses are a fixed window at 0x40000000 (host
 * memory mapped there, below 4 GiB so entries can hold it) of physical
 * RAM at 0x60000000; cache and TLB maintenance is recorded. */
#include "unit.h"
#include <sys/mman.h>

#define CONFIG_ARM_SVC 1 /* ARCH_USER_LIMIT at 0x80000000 */

/* arch/memory.h's conversions with a fixed window */
#define ARCH_MEMORY_H
#include <tern/types.h>
#define TEST_WINDOW 0x40000000u
#define TEST_RAM 0x60000000u
#define KERNEL_WINDOW_OFFSET ((uint32_t)(TEST_WINDOW - TEST_RAM))
#define KERNEL_WINDOW_BASE TEST_WINDOW
#define KERNEL_DEVICE_BASE (TEST_WINDOW + 0x10000000u)
#define KERNEL_WINDOW_SIZE (KERNEL_DEVICE_BASE - KERNEL_WINDOW_BASE)
static inline uintptr_t arch_phys_to_kernel(paddr_t pa)
{
	return (uint32_t)((uint32_t)pa + KERNEL_WINDOW_OFFSET);
}
static inline paddr_t arch_kernel_to_phys(uintptr_t kernel_address)
{
	return (uint32_t)(kernel_address - KERNEL_WINDOW_OFFSET);
}

/* mm/asid.h: what was flushed */
#define ARCH_ARM_SVC_ASID_H
#include "../../arch/arm/svc/mm/vspace_object.h"
static unsigned pages_flushed, all_flushed;
static uint32_t last_page_flushed;
static void asid_flush_page(const struct vspace_object *o, uint32_t vaddr)
{
	pages_flushed++;
	last_page_flushed = vaddr;
}
static void asid_flush_all(const struct vspace_object *o)
{
	all_flushed++;
}
static void asid_release(struct vspace_object *o)
{
	all_flushed++;
}

/* mm/p2m_hooks.h: what the shadow tables were told */
#define ARCH_ARM_SVC_P2M_HOOKS_H
static unsigned p2m_removals, p2m_destructions;
static void shadow_p2m_removed(struct vspace_object *o)
{
	p2m_removals++;
}
static void shadow_p2m_destroyed(struct vspace_object *o)
{
	p2m_destructions++;
}

/* arch/sysreg.h: the walk's ATS1CPR finds every window section mapped */
#define ARCH_SYSREG_H
#define CP15_32(crn, op1, crm, op2) 0
#define ATS1CPR 0
#define sysreg_write32(reg, value) ((void)(value))
#define sysreg_read32(reg) 0u
#define isb() ((void)0)

#include "../../arch/arm/svc/mm/vspace.c"
#include "../../arch/arm/svc/mm/vspace_walk.c"
#include "../../arch/arm/svc/object/types.c"

/* cache maintenance: the last range cleaned to the point of unification */
static uintptr_t cleaned_start, cleaned_end;
void arch_clean_to_pou(const void *start, size_t len)
{
	cleaned_start = (uintptr_t)start;
	cleaned_end = (uintptr_t)start + len;
}

static bool was_cleaned(const void *p, size_t len)
{
	return (uintptr_t)p >= cleaned_start && (uintptr_t)p + len <= cleaned_end;
}

/* descriptor bits, ARM ARM B3.5.1 */
#define SECTION 0x2u
#define TABLE 0x1u
#define DOMAIN_1 (1u << 5)
#define S_B (1u << 2)
#define S_C (1u << 3)
#define S_XN (1u << 4)
#define S_AP(v) ((uint32_t)(v) << 10)
#define S_TEX(v) ((uint32_t)(v) << 12)
#define S_APX (1u << 15)
#define S_S (1u << 16)
#define S_NG (1u << 17)
#define P_XN (1u << 0)
#define SMALL_PAGE 0x2u
#define P_B (1u << 2)
#define P_C (1u << 3)
#define P_AP(v) ((uint32_t)(v) << 4)
#define P_TEX(v) ((uint32_t)(v) << 6)
#define P_APX (1u << 9)
#define P_S (1u << 10)
#define P_NG (1u << 11)

/* the arena: RAM as the kernel sees it */
static uint8_t *ram;
#define RAM_SIZE (8u << 20)
static struct vspace_object *vs;   /* at the arena's start, 16 KiB */
static uint32_t *table_a, *table_b; /* two page-table objects */

static uint32_t phys(const void *kernel_pointer)
{
	return (uint32_t)((uintptr_t)kernel_pointer - TEST_WINDOW + TEST_RAM);
}

static int setup(void **state)
{
	if (!ram) {
		ram = mmap((void *)(uintptr_t)TEST_WINDOW, RAM_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (ram != (void *)(uintptr_t)TEST_WINDOW)
			fail_msg("cannot map the test window at 0x%x", TEST_WINDOW);
	}
	memset(ram, 0, 0x20000);
	vs = (struct vspace_object *)ram;
	table_a = (uint32_t *)(ram + 0x10000);
	table_b = (uint32_t *)(ram + 0x11000);
	struct arch_vspace v;
	arch_vspace_init(&v, vs, 7);
	pages_flushed = all_flushed = 0;
	p2m_removals = p2m_destructions = 0;
	return 0;
}

static void sizes_and_types(void **state)
{
	assert_int_equal(arch_object_size_bits(L4_OBJ_FRAME_4K), 12);
	assert_int_equal(arch_object_size_bits(L4_OBJ_FRAME_2M), 21);
	assert_int_equal(arch_object_size_bits(L4_OBJ_PAGE_TABLE), 12);
	assert_int_equal(arch_object_size_bits(L4_OBJ_VSPACE), 14);
	assert_int_equal(arch_object_size_bits(L4_OBJ_PAGE_DIRECTORY), -1);
	/* the deprivileged VCPU's: the same VSpace, flagged; a VCPU of a page */
	assert_int_equal(arch_object_size_bits(L4_OBJ_GUEST_VSPACE), 14);
	assert_int_equal(arch_object_size_bits(L4_OBJ_VCPU), 17); /* with its shadow tables */
	assert_int_equal(arch_object_cap_type(L4_OBJ_GUEST_VSPACE), CAP_VSPACE);
	assert_int_equal(arch_object_cap_type(L4_OBJ_VCPU), CAP_VCPU);
	assert_int_equal(arch_object_cap_type(L4_OBJ_FRAME_2M), CAP_FRAME);
	assert_int_equal(arch_object_cap_type(L4_OBJ_PAGE_TABLE), CAP_PAGE_TABLE);
	assert_int_equal(arch_object_cap_type(L4_OBJ_VSPACE), CAP_VSPACE);
	assert_int_equal(arch_object_cap_type(L4_OBJ_PAGE_DIRECTORY), CAP_NULL);
	assert_true(arch_object_is_frame(L4_OBJ_FRAME_4K));
	assert_false(arch_object_is_frame(L4_OBJ_PAGE_TABLE));
	assert_int_equal(ARCH_USER_LIMIT, 0x80000000u);
	assert_int_equal(arch_vspace_object_id(vs), 7);
}

struct encoding {
	unsigned rights;
	enum arch_frame_memory memory;
	bool executable;
	uint32_t page, section; /* the bits besides base, type, nG and domain */
};

static const struct encoding encodings[] = {
	{L4_RIGHT_READ, ARCH_FRAME_CACHED, false,
	 P_APX | P_AP(2) | P_TEX(1) | P_C | P_B | P_S | P_XN,
	 S_APX | S_AP(2) | S_TEX(1) | S_C | S_B | S_S | S_XN},
	{L4_RIGHT_READ, ARCH_FRAME_CACHED, true,
	 P_APX | P_AP(2) | P_TEX(1) | P_C | P_B | P_S, S_APX | S_AP(2) | S_TEX(1) | S_C | S_B | S_S},
	{L4_RIGHTS_ALL, ARCH_FRAME_CACHED, false, P_AP(3) | P_TEX(1) | P_C | P_B | P_S | P_XN,
	 S_AP(3) | S_TEX(1) | S_C | S_B | S_S | S_XN},
	{L4_RIGHTS_ALL, ARCH_FRAME_CACHED, true, P_AP(3) | P_TEX(1) | P_C | P_B | P_S,
	 S_AP(3) | S_TEX(1) | S_C | S_B | S_S},
	/* uncached RAM: normal non-cacheable, never executable */
	{L4_RIGHT_READ, ARCH_FRAME_UNCACHED, false, P_APX | P_AP(2) | P_TEX(1) | P_S | P_XN,
	 S_APX | S_AP(2) | S_TEX(1) | S_S | S_XN},
	{L4_RIGHTS_ALL, ARCH_FRAME_UNCACHED, true, P_AP(3) | P_TEX(1) | P_S | P_XN,
	 S_AP(3) | S_TEX(1) | S_S | S_XN},
	/* device: shareable device (TEX 000, B), never executable */
	{L4_RIGHT_READ, ARCH_FRAME_DEVICE, false, P_APX | P_AP(2) | P_B | P_XN,
	 S_APX | S_AP(2) | S_B | S_XN},
	{L4_RIGHTS_ALL, ARCH_FRAME_DEVICE, true, P_AP(3) | P_B | P_XN, S_AP(3) | S_B | S_XN},
};

static void encodes_every_rights_and_memory_kind(void **state)
{
	for (unsigned i = 0; i < sizeof(encodings) / sizeof(encodings[0]); i++) {
		const struct encoding *c = &encodings[i];
		setup(state);
		assert_int_equal(arch_vspace_map_table(vs, 0x00200000, 3, table_a), ARCH_MAP_OK);
		uint32_t frame = TEST_WINDOW + 0x300000; /* a kernel address */
		assert_int_equal(arch_vspace_map_frame(vs, 0x00201000, frame, 12, c->rights,
						       c->memory, c->executable),
				 ARCH_MAP_OK);
		uint32_t *e = &table_a[1];
		assert_int_equal(*e, (TEST_RAM + 0x300000) | SMALL_PAGE | P_NG | c->page);
		assert_true(was_cleaned(e, 4));

		uint32_t big = TEST_WINDOW + 0x400000;
		assert_int_equal(arch_vspace_map_frame(vs, 0x00600000, big, 21, c->rights,
						       c->memory, c->executable),
				 ARCH_MAP_OK);
		uint32_t want = SECTION | DOMAIN_1 | S_NG | c->section;
		assert_int_equal(vs->l1[6], (TEST_RAM + 0x400000) | want);
		assert_int_equal(vs->l1[7], (TEST_RAM + 0x500000) | want);
		assert_true(was_cleaned(&vs->l1[6], 8));
	}
}

static void page_table_is_two_table_entries(void **state)
{
	assert_int_equal(arch_vspace_map_table(vs, 0x7fe00000, 3, table_b), ARCH_MAP_OK);
	assert_int_equal(vs->l1[2046], phys(table_b) | DOMAIN_1 | TABLE);
	assert_int_equal(vs->l1[2047], (phys(table_b) + 0x400) | DOMAIN_1 | TABLE);
	assert_int_equal(phys(table_b), TEST_RAM + 0x11000);
	assert_true(was_cleaned(&vs->l1[2046], 8));
	/* the second MiB's pages are in the second hardware table */
	assert_int_equal(arch_vspace_map_frame(vs, 0x7ff00000, TEST_WINDOW + 0x600000, 12,
					       L4_RIGHT_READ, ARCH_FRAME_CACHED, false),
			 ARCH_MAP_OK);
	assert_int_equal(table_b[256] & ~0xfffu, TEST_RAM + 0x600000);
	/* no directory level */
	assert_int_equal(arch_vspace_map_table(vs, 0x00400000, 2, table_a), ARCH_MAP_NO_TABLE);
	assert_int_equal(vs->l1[4], 0);
}

static void refuses_occupied_and_missing_places(void **state)
{
	uint32_t f = TEST_WINDOW + 0x300000, big = TEST_WINDOW + 0x400000;
	/* a page needs a table */
	assert_int_equal(arch_vspace_map_frame(vs, 0x1000, f, 12, L4_RIGHT_READ, ARCH_FRAME_CACHED,
					       false),
			 ARCH_MAP_NO_TABLE);
	assert_int_equal(arch_vspace_map_table(vs, 0, 3, table_a), ARCH_MAP_OK);
	assert_int_equal(arch_vspace_map_table(vs, 0, 3, table_b), ARCH_MAP_EXISTS);
	assert_int_equal(arch_vspace_map_frame(vs, 0, big, 21, L4_RIGHT_READ, ARCH_FRAME_CACHED,
					       false),
			 ARCH_MAP_EXISTS);
	assert_int_equal(arch_vspace_map_frame(vs, 0x1000, f, 12, L4_RIGHT_READ, ARCH_FRAME_CACHED,
					       false),
			 ARCH_MAP_OK);
	uint32_t before = table_a[1];
	assert_int_equal(arch_vspace_map_frame(vs, 0x1000, f + 0x1000, 12, L4_RIGHTS_ALL,
					       ARCH_FRAME_CACHED, false),
			 ARCH_MAP_EXISTS);
	assert_int_equal(table_a[1], before);
	/* sections: no table over them, nor a page in them */
	assert_int_equal(arch_vspace_map_frame(vs, 0x00200000, big, 21, L4_RIGHT_READ,
					       ARCH_FRAME_CACHED, false),
			 ARCH_MAP_OK);
	assert_int_equal(arch_vspace_map_table(vs, 0x00200000, 3, table_b), ARCH_MAP_EXISTS);
	assert_int_equal(arch_vspace_map_frame(vs, 0x00200000, big, 21, L4_RIGHT_READ,
					       ARCH_FRAME_CACHED, false),
			 ARCH_MAP_EXISTS);
	assert_int_equal(arch_vspace_map_frame(vs, 0x00301000, f, 12, L4_RIGHT_READ,
					       ARCH_FRAME_CACHED, false),
			 ARCH_MAP_NO_TABLE);
	/* nothing above user space */
	assert_int_equal(arch_vspace_map_frame(vs, 0x80000000, big, 21, L4_RIGHT_READ,
					       ARCH_FRAME_CACHED, false),
			 ARCH_MAP_NO_TABLE);
}

static void unmap_leaves_entries_pointing_elsewhere(void **state)
{
	uint32_t f = TEST_WINDOW + 0x300000, big = TEST_WINDOW + 0x400000;
	assert_int_equal(arch_vspace_map_table(vs, 0, 3, table_a), ARCH_MAP_OK);
	assert_int_equal(arch_vspace_map_frame(vs, 0x5000, f, 12, L4_RIGHTS_ALL, ARCH_FRAME_CACHED,
					       false),
			 ARCH_MAP_OK);
	assert_int_equal(arch_vspace_map_frame(vs, 0x00400000, big, 21, L4_RIGHTS_ALL,
					       ARCH_FRAME_CACHED, false),
			 ARCH_MAP_OK);
	/* other memory than the entry's: nothing changes, nothing flushed */
	arch_vspace_unmap(vs, 0x5000, 3, f + 0x1000);
	arch_vspace_unmap(vs, 0x00400000, 2, big + 0x200000);
	arch_vspace_unmap(vs, 0, 2, TEST_WINDOW + 0x11000);
	assert_int_not_equal(table_a[5], 0);
	assert_int_not_equal(vs->l1[4], 0);
	assert_int_equal(vs->l1[0] & ~0x3ffu, phys(table_a));
	assert_int_equal(pages_flushed + all_flushed, 0);
	/* its own memory: gone, cleaned, flushed */
	arch_vspace_unmap(vs, 0x5000, 3, f);
	assert_int_equal(table_a[5], 0);
	assert_true(was_cleaned(&table_a[5], 4));
	assert_int_equal(pages_flushed, 1);
	assert_int_equal(last_page_flushed, 0x5000);
	arch_vspace_unmap(vs, 0x00400000, 2, big);
	assert_int_equal(vs->l1[4], 0);
	assert_int_equal(vs->l1[5], 0);
	assert_int_equal(pages_flushed, 3); /* both sections */
	assert_int_equal(last_page_flushed, 0x00500000);
	arch_vspace_unmap(vs, 0, 2, (uintptr_t)table_a);
	assert_int_equal(vs->l1[0], 0);
	assert_int_equal(vs->l1[1], 0);
	assert_int_equal(all_flushed, 1);
	/* a page whose table left is gone with it */
	arch_vspace_unmap(vs, 0x5000, 3, f);
	assert_int_equal(pages_flushed, 3);
}

static void translate_gives_cached_ram_only(void **state)
{
	uint32_t f = TEST_WINDOW + 0x300000, big = TEST_WINDOW + 0x400000;
	assert_int_equal(arch_vspace_map_table(vs, 0, 3, table_a), ARCH_MAP_OK);
	assert_int_equal(arch_vspace_map_frame(vs, 0x1000, f, 12, L4_RIGHTS_ALL, ARCH_FRAME_CACHED,
					       false),
			 ARCH_MAP_OK);
	assert_int_equal(arch_vspace_map_frame(vs, 0x2000, f, 12, L4_RIGHT_READ, ARCH_FRAME_CACHED,
					       false),
			 ARCH_MAP_OK);
	assert_int_equal(arch_vspace_map_frame(vs, 0x3000, f, 12, L4_RIGHTS_ALL,
					       ARCH_FRAME_UNCACHED, false),
			 ARCH_MAP_OK);
	assert_int_equal(arch_vspace_map_frame(vs, 0x4000, arch_phys_to_kernel(0x10000000), 12,
					       L4_RIGHTS_ALL, ARCH_FRAME_DEVICE, false),
			 ARCH_MAP_OK);
	assert_ptr_equal(arch_vspace_translate(vs, 0x1234, true), (void *)(uintptr_t)(f + 0x234));
	assert_ptr_equal(arch_vspace_translate(vs, 0x2010, false), (void *)(uintptr_t)(f + 0x10));
	assert_null(arch_vspace_translate(vs, 0x2010, true));
	assert_null(arch_vspace_translate(vs, 0x3000, false));
	assert_null(arch_vspace_translate(vs, 0x4000, false));
	assert_null(arch_vspace_translate(vs, 0x5000, false));
	assert_null(arch_vspace_translate(vs, 0x00200000, false));
	/* sections, each half at its own MiB */
	assert_int_equal(arch_vspace_map_frame(vs, 0x00800000, big, 21, L4_RIGHT_READ,
					       ARCH_FRAME_CACHED, false),
			 ARCH_MAP_OK);
	assert_ptr_equal(arch_vspace_translate(vs, 0x00912345, false),
			 (void *)(uintptr_t)(big + 0x112345));
	assert_null(arch_vspace_translate(vs, 0x00912345, true));
	assert_int_equal(arch_vspace_map_frame(vs, 0x00c00000, big, 21, L4_RIGHTS_ALL,
					       ARCH_FRAME_DEVICE, false),
			 ARCH_MAP_OK);
	assert_null(arch_vspace_translate(vs, 0x00c00000, false));
	assert_null(arch_vspace_translate(vs, 0x80000000, false));
	assert_null(arch_vspace_translate(vs, 0xfffff000, false));
}

static void *alloc_table(void *ctx)
{
	unsigned *count = ctx;
	return ++*count == 1 ? table_a : NULL;
}

static void map_page_allocates_one_table_per_2mib(void **state)
{
	unsigned allocated = 0;
	struct arch_vspace v = {.object = vs};
	uint32_t f = TEST_WINDOW + 0x300000;
	assert_int_equal(arch_vspace_map_page(&v, 0x00401000, f, L4_RIGHTS_ALL, true, alloc_table,
					      &allocated),
			 0);
	assert_int_equal(arch_vspace_map_page(&v, 0x005ff000, f + 0x1000, L4_RIGHT_READ, false,
					      alloc_table, &allocated),
			 0);
	assert_int_equal(allocated, 1);
	assert_int_equal(vs->l1[4], phys(table_a) | DOMAIN_1 | TABLE);
	assert_int_equal(table_a[1], (TEST_RAM + 0x300000) | SMALL_PAGE | P_NG | P_AP(3) |
					     P_TEX(1) | P_C | P_B | P_S);
	assert_int_equal(table_a[511] & ~0xfffu, TEST_RAM + 0x301000);
	assert_int_equal(arch_vspace_map_page(&v, 0x00401000, f, L4_RIGHT_READ, false, alloc_table,
					      &allocated),
			 -1); /* mapped */
	assert_int_equal(arch_vspace_map_page(&v, 0x00800000, f, L4_RIGHT_READ, false, alloc_table,
					      &allocated),
			 -1); /* no second table */
	assert_int_equal(arch_vspace_map_page(&v, 0, f, L4_RIGHT_READ, false, alloc_table,
					      &allocated),
			 -1);
	assert_int_equal(arch_vspace_map_page(&v, 0x80000000, f, L4_RIGHT_READ, false,
					      alloc_table, &allocated),
			 -1);
}

static void forget_and_table_clear_empty_everything(void **state)
{
	assert_int_equal(arch_vspace_map_table(vs, 0x00200000, 3, table_a), ARCH_MAP_OK);
	assert_int_equal(arch_vspace_map_frame(vs, 0x00200000, TEST_WINDOW + 0x300000, 12,
					       L4_RIGHT_READ, ARCH_FRAME_CACHED, false),
			 ARCH_MAP_OK);
	arch_vspace_forget(vs);
	assert_int_equal(arch_vspace_object_id(vs), 0);
	for (unsigned i = 0; i < USER_L1_ENTRIES; i++)
		assert_int_equal(vs->l1[i], 0);
	assert_true(was_cleaned(vs->l1, sizeof(vs->l1)));
	assert_int_equal(all_flushed, 1);
	assert_int_not_equal(table_a[0], 0); /* kept until its cap unmaps it */
	arch_vspace_table_clear(table_a);
	for (unsigned i = 0; i < 512; i++)
		assert_int_equal(table_a[i], 0);
	assert_true(was_cleaned(table_a, 2048));
}

struct walk_log {
	unsigned count;
	struct stage2_entry e[8];
};

static enum stage2_walk_step log_entry(const struct stage2_entry *e, void *ctx)
{
	struct walk_log *log = ctx;
	if (log->count < 8)
		log->e[log->count++] = *e;
	return e->table ? STAGE2_DESCEND : STAGE2_NEXT;
}

static void walk_reports_lpae_levels_and_kernel_addresses(void **state)
{
	uint32_t f = TEST_WINDOW + 0x300000, big = TEST_WINDOW + 0x400000;
	assert_int_equal(arch_vspace_map_table(vs, 0x00200000, 3, table_a), ARCH_MAP_OK);
	assert_int_equal(arch_vspace_map_frame(vs, 0x00201000, f, 12, L4_RIGHTS_ALL,
					       ARCH_FRAME_CACHED, true),
			 ARCH_MAP_OK);
	assert_int_equal(arch_vspace_map_frame(vs, 0x00300000, f, 12, L4_RIGHT_READ,
					       ARCH_FRAME_UNCACHED, false),
			 ARCH_MAP_OK);
	assert_int_equal(arch_vspace_map_frame(vs, 0x00600000, big, 21, L4_RIGHT_READ,
					       ARCH_FRAME_CACHED, false),
			 ARCH_MAP_OK);
	vs->l1[11] = vs->l1[6]; /* half a pair: nothing this kernel writes */
	struct walk_log log = {0};
	assert_true(arch_stage2_walk(vs, log_entry, &log));
	assert_int_equal(log.count, 5);
	assert_int_equal(log.e[0].level, 2);
	assert_true(log.e[0].table);
	assert_int_equal(log.e[0].vaddr, 0x00200000);
	assert_int_equal(log.e[0].paddr, (uintptr_t)table_a);
	assert_int_equal(log.e[1].level, 3);
	assert_int_equal(log.e[1].vaddr, 0x00201000);
	assert_int_equal(log.e[1].paddr, f);
	assert_true(log.e[1].writable && log.e[1].executable && log.e[1].normal_memory);
	assert_false(log.e[1].malformed);
	assert_int_equal(log.e[2].vaddr, 0x00300000); /* the second hardware table */
	assert_false(log.e[2].writable || log.e[2].executable || log.e[2].normal_memory);
	assert_int_equal(log.e[3].level, 2);
	assert_false(log.e[3].table || log.e[3].malformed || log.e[3].writable);
	assert_int_equal(log.e[3].paddr, big);
	assert_true(log.e[3].normal_memory);
	assert_int_equal(log.e[4].vaddr, 0x00a00000);
	assert_true(log.e[4].malformed);
	assert_true(arch_kernel_range_is_ram(TEST_WINDOW, 0x300000));
	assert_false(arch_kernel_range_is_ram(TEST_WINDOW - 0x1000, 0x2000));
	assert_false(arch_kernel_range_is_ram(KERNEL_DEVICE_BASE - 0x1000, 0x2000));
	assert_false(arch_kernel_range_is_ram(TEST_WINDOW, 0));
}

/* A guest VSpace as a shadow table's p2m: the leaf of a page or a section
 * with its rights and memory type; shadows told of every mapping that
 * leaves it, and only when they exist. */
static void p2m_lookup_and_removal_hooks(void **state)
{
	struct p2m_leaf leaf;
	assert_int_equal(arch_vspace_map_table(vs, 0x00200000, 3, table_a), ARCH_MAP_OK);
	uint32_t frame = TEST_WINDOW + 0x300000, big = TEST_WINDOW + 0x400000;
	assert_int_equal(arch_vspace_map_frame(vs, 0x00201000, frame, 12, L4_RIGHT_READ,
					       ARCH_FRAME_CACHED, true), ARCH_MAP_OK);
	assert_int_equal(arch_vspace_map_frame(vs, 0x00600000, big, 21, L4_RIGHTS_ALL,
					       ARCH_FRAME_DEVICE, false), ARCH_MAP_OK);
	assert_true(p2m_lookup(vs, 0x00201abc, &leaf));
	assert_int_equal(leaf.pa, phys((void *)(uintptr_t)frame));
	assert_false(leaf.write);
	assert_false(leaf.xn);
	assert_true(leaf.c && leaf.b && leaf.s);
	assert_int_equal(leaf.tex, 1);
	/* a page in the second MiB of a 2 MiB frame, device, XN */
	assert_true(p2m_lookup(vs, 0x00712345, &leaf));
	assert_int_equal(leaf.pa, phys((void *)(uintptr_t)big) + 0x112000u);
	assert_true(leaf.write && leaf.xn && leaf.b && !leaf.c);
	assert_int_equal(leaf.tex, 0);
	assert_false(p2m_lookup(vs, 0x00202000, &leaf));
	assert_false(p2m_lookup(vs, 0x00a00000, &leaf));
	assert_false(p2m_lookup(vs, 0x80000000u, &leaf));

	/* no shadow filled from it: nobody to tell */
	arch_vspace_unmap(vs, 0x00201000, 3, frame);
	assert_int_equal(p2m_removals, 0);
	vs->shadow_users = (struct arch_vcpu *)0x1000; /* any non-NULL: the stub never follows it */
	assert_int_equal(arch_vspace_map_frame(vs, 0x00201000, frame, 12, L4_RIGHT_READ,
					       ARCH_FRAME_CACHED, true), ARCH_MAP_OK);
	arch_vspace_unmap(vs, 0x00202000, 3, frame); /* nothing there: nothing left */
	assert_int_equal(p2m_removals, 0);
	arch_vspace_unmap(vs, 0x00201000, 3, frame);
	assert_int_equal(p2m_removals, 1);
	arch_vspace_unmap(vs, 0x00600000, 2, big);
	assert_int_equal(p2m_removals, 2);
	arch_vspace_unmap(vs, 0x00200000, 2, (uint32_t)(uintptr_t)table_a);
	assert_int_equal(p2m_removals, 3);
	arch_vspace_forget(vs);
	assert_int_equal(p2m_removals, 4);
	arch_vspace_destroyed(vs);
	assert_int_equal(p2m_destructions, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(sizes_and_types, setup),
		cmocka_unit_test_setup(encodes_every_rights_and_memory_kind, setup),
		cmocka_unit_test_setup(page_table_is_two_table_entries, setup),
		cmocka_unit_test_setup(refuses_occupied_and_missing_places, setup),
		cmocka_unit_test_setup(unmap_leaves_entries_pointing_elsewhere, setup),
		cmocka_unit_test_setup(translate_gives_cached_ram_only, setup),
		cmocka_unit_test_setup(map_page_allocates_one_table_per_2mib, setup),
		cmocka_unit_test_setup(forget_and_table_clear_empty_everything, setup),
		cmocka_unit_test_setup(walk_reports_lpae_levels_and_kernel_addresses, setup),
		cmocka_unit_test_setup(p2m_lookup_and_removal_hooks, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
