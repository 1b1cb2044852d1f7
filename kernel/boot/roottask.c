// SPDX-License-Identifier: MIT
/* The root task: loaded from the boot archive, given a CNode with caps to
 * its TCB, CNode, VSpace, IRQ control and all remaining RAM as untyped
 * memory. After this the kernel allocates nothing. */
#include <arch/memory.h>
#include <arch/object.h>
#include <arch/thread.h>
#include <l4/abi.h>
#include <l4/bootinfo.h>
#include <tern/bits.h>
#include <tern/cpio.h>
#include <tern/elf.h>
#include <tern/object.h>
#include <tern/printf.h>
#include <tern/roottask.h>
#include <tern/string.h>
#include <tern/thread.h>
#include <tern/untyped.h>
#include <tern/vspace.h>

#define PAGE 4096u
#define ROOT_STACK_PAGES 4
#define ROOT_CNODE_BYTES ((size_t)sizeof(struct cte) << L4_ROOT_CNODE_RADIX)
#define FIRST_UNTYPED_SLOT 8
#define ARCHIVE_FRAME 0x200000u

/* Boot allocations come from free physical memory, used at their kernel
 * address. */
static void *alloc_zeroed(struct memregion_set *free, size_t size)
{
	paddr_t pa;
	if (memregion_alloc(free, size, size < PAGE ? PAGE : size, &pa))
		return NULL;
	void *p = (void *)arch_phys_to_kernel(pa);
	memset(p, 0, size);
	return p;
}

static void *alloc_page(void *ctx)
{
	return alloc_zeroed(ctx, PAGE);
}

/* Maps a fresh zeroed page at vaddr and returns its kernel address. */
static void *map_new_page(struct arch_vspace *vs, uint32_t vaddr, unsigned rights, bool exec,
			  struct memregion_set *free)
{
	void *page = alloc_page(free);
	if (!page || arch_vspace_map_page(vs, vaddr, (uintptr_t)page, rights, exec, alloc_page, free))
		return NULL;
	return page;
}

static const char *load_segment(struct arch_vspace *vs, const struct elf_segment *seg,
				struct memregion_set *free)
{
	uint32_t start = ALIGN_DOWN(seg->vaddr, PAGE);
	uint32_t end = ALIGN_UP(seg->vaddr + seg->memsz, PAGE);
	unsigned rights = L4_RIGHT_READ | (seg->writable ? L4_RIGHT_WRITE : 0);

	for (uint32_t va = start; va < end; va += PAGE) {
		uint8_t *page = map_new_page(vs, va, rights, seg->executable, free);
		if (!page)
			return "out of memory, or two segments share a page";
		/* the part of the file's bytes that falls in this page */
		uint32_t file_end = seg->vaddr + seg->filesz;
		uint32_t from = va > seg->vaddr ? va : seg->vaddr;
		uint32_t to = va + PAGE < file_end ? va + PAGE : file_end;
		if (from < to)
			memcpy(page + (from - va), (const uint8_t *)seg->data + (from - seg->vaddr),
			       to - from);
		if (seg->executable)
			arch_sync_icache(page, PAGE);
	}
	return NULL;
}

/* Turns every range of `set` into untyped caps, each a naturally aligned
 * power of two, in the root CNode from *slot on. */
static void add_untypeds(struct cte *cnode, const struct memregion_set *set, bool device,
			 unsigned *slot, struct l4_bootinfo *bi)
{
	for (unsigned i = 0; i < set->count; i++) {
		paddr_t base = set->r[i].base, end = base + set->r[i].size;
		while (base < end && bi->untyped_count < L4_BOOTINFO_MAX_UNTYPED &&
		       *slot < (1u << L4_ROOT_CNODE_RADIX)) {
			unsigned bits = UNTYPED_MAX_BITS;
			while (bits > UNTYPED_MIN_BITS &&
			       (!IS_ALIGNED(base, 1ull << bits) || (1ull << bits) > end - base))
				bits--;
			if ((1ull << bits) > end - base)
				break;
			struct cap c = object_cap(L4_OBJ_UNTYPED, arch_phys_to_kernel(base), bits, device);
			cte_insert_derived(NULL, &cnode[*slot], c);
			bi->untyped[bi->untyped_count++] = (struct l4_untyped_desc){
				.paddr = base, .size_bits = (uint8_t)bits, .is_device = device};
			if (!device)
				bi->free_bytes += 1ull << bits;
			++*slot;
			base += 1ull << bits;
		}
	}
}

static void reserve_pages(struct memregion_set *set, const struct hw_region *r)
{
	if (r->size)
		memregion_reserve(set, ALIGN_DOWN(r->base, PAGE),
				  ALIGN_UP(r->base + r->size, PAGE) - ALIGN_DOWN(r->base, PAGE));
}

/* Device memory for user space: every device region of the tree, page
 * aligned and merged, less what the kernel drives itself and any RAM. */
static unsigned device_memory(const struct hw_desc *hw, struct memregion_set *dev)
{
	unsigned left_out = 0;
	memregion_init(dev);
	for (unsigned i = 0; i < hw->device_count; i++) {
		paddr_t base = ALIGN_DOWN(hw->devices[i].base, PAGE);
		paddr_t end = ALIGN_UP(hw->devices[i].base + hw->devices[i].size, PAGE);
		if (memregion_add(dev, base, end - base))
			left_out++; /* more separate ranges than MEMREGION_MAX */
	}
	reserve_pages(dev, &hw->gic[HW_GIC_DIST]);
	reserve_pages(dev, &hw->gic[HW_GIC_CPU]);
	reserve_pages(dev, &hw->gic[HW_GIC_HYP]);
	reserve_pages(dev, &hw->console);
	for (unsigned i = 0; i < hw->ram_count; i++)
		reserve_pages(dev, &hw->ram[i]);
	return left_out;
}

static void fill_bootinfo(struct l4_bootinfo *bi, const struct hw_desc *hw, uint32_t counter_hz)
{
	bi->magic = L4_BOOTINFO_MAGIC;
	bi->version = 3;
	bi->ram_bytes = hwdesc_ram_size(hw);
	bi->tick_hz = CONFIG_TICK_HZ;
	bi->counter_hz = counter_hz;
	bi->timer_irq_phys = hw->timer_irq[HW_TIMER_NONSECURE_PHYS];
	bi->timer_irq_virt = hw->timer_irq[HW_TIMER_VIRT];
	bi->console_irq = hw->console_irq;
	bi->gicv_paddr = hw->gic_has_virt ? hw->gic[HW_GIC_VCPU].base : 0;
	size_t n = strnlen(CONFIG_BOARD_NAME, sizeof(bi->board) - 1);
	memcpy(bi->board, CONFIG_BOARD_NAME, n);
}

const char *roottask_create(const void *archive, size_t archive_size, struct memregion_set *free,
			    const struct hw_desc *hw, uint32_t counter_hz)
{
	struct cpio_entry file;
	int err = cpio_find(archive, archive_size, ROOTTASK_FILE, &file);
	if (err)
		return cpio_strerror(err);
	const char *bad = elf_check(file.data, file.size, L4_ROOT_STACK_TOP - ROOT_STACK_PAGES * PAGE);
	if (bad)
		return bad;

	_Static_assert(sizeof(struct tcb) <= PAGE, "a TCB fits its object");
	struct tcb *t = alloc_zeroed(free, PAGE);
	unsigned vspace_bits = (unsigned)arch_object_size_bits(L4_OBJ_VSPACE);
	void *l1 = alloc_zeroed(free, (size_t)1 << vspace_bits);
	struct cte *cnode = alloc_zeroed(free, ROOT_CNODE_BYTES);
	if (!t || !l1 || !cnode)
		return "out of memory for the root task's TCB, VSpace and CNode";
	thread_init(t, "roottask", ROOTTASK_PRIORITY);
	t->mcp = ROOTTASK_PRIORITY;
	arch_vspace_init(&t->vspace, l1, ROOT_VSPACE_ID);
	vspace_register(l1, ROOT_VSPACE_ID);

	for (unsigned i = 0; i < elf_load_segments(file.data); i++) {
		struct elf_segment seg;
		elf_load_segment(file.data, i, &seg);
		if ((bad = load_segment(&t->vspace, &seg, free)))
			return bad;
	}
	for (unsigned i = 1; i <= ROOT_STACK_PAGES; i++)
		if (!map_new_page(&t->vspace, L4_ROOT_STACK_TOP - i * PAGE,
				  L4_RIGHT_READ | L4_RIGHT_WRITE, false, free))
			return "out of memory for the root task's stack";
	struct l4_bootinfo *bi = map_new_page(&t->vspace, L4_BOOTINFO_VADDR, L4_RIGHT_READ, false, free);
	if (!bi || !map_new_page(&t->vspace, L4_ROOT_IPC_BUFFER, L4_RIGHT_READ | L4_RIGHT_WRITE, false,
				 free))
		return "out of memory for the boot info frame and IPC buffer";

	/* the root CNode: a cptr is a slot index (guard of 32 - radix zero bits) */
	struct cap cn = object_cap(L4_OBJ_CNODE, (uintptr_t)cnode,
				   L4_ROOT_CNODE_RADIX + 5, false);
	cn.guard_bits = L4_CPTR_BITS - L4_ROOT_CNODE_RADIX;
	cte_insert_derived(NULL, &cnode[L4_CAP_INIT_CNODE], cn);
	cte_insert_derived(NULL, &cnode[L4_CAP_INIT_TCB],
			   object_cap(L4_OBJ_TCB, (uintptr_t)t, 12, false));
	cte_insert_derived(NULL, &cnode[L4_CAP_INIT_VSPACE],
			   object_cap(L4_OBJ_VSPACE, (uintptr_t)l1, vspace_bits, false));
	cte_insert_derived(NULL, &cnode[L4_CAP_IRQ_CONTROL],
			   (struct cap){.type = CAP_IRQ_CONTROL, .rights = L4_RIGHTS_ALL});
	cte_insert_derived(NULL, &cnode[L4_CAP_VSPACE_ID_CONTROL],
			   (struct cap){.type = CAP_VSPACE_ID_CONTROL, .rights = L4_RIGHTS_ALL});
	cte_insert_derived(&cnode[L4_CAP_INIT_CNODE], &t->cspace_root, cn);
	cte_insert_derived(&cnode[L4_CAP_INIT_VSPACE], &t->vspace_root,
			   cnode[L4_CAP_INIT_VSPACE].cap);

	fill_bootinfo(bi, hw, counter_hz);
	struct memregion_set devices;
	unsigned left_out = device_memory(hw, &devices);
	if (left_out)
		kprintf("tern: %u device regions are not offered to the root task (more than %u "
			"separate ranges)\n", left_out, MEMREGION_MAX);
	if (hw->devices_left_out)
		kprintf("tern: %u device regions of the device tree are not offered to the root "
			"task (above 4 GiB, or more than %u)\n", hw->devices_left_out, HW_MAX_DEVICES);
	unsigned slot = FIRST_UNTYPED_SLOT;
	/* the boot archive, for the programs and guests the root task starts */
	bi->archive_first = slot;
	bi->archive_bytes = (uint32_t)archive_size;
	for (uintptr_t f = (uintptr_t)archive; f < (uintptr_t)archive + archive_size; f += ARCHIVE_FRAME) {
		struct cap c = object_cap(L4_OBJ_FRAME_2M, f, 21, false);
		c.rights = L4_RIGHT_READ;
		cte_insert_derived(NULL, &cnode[slot++], c);
		bi->archive_frames++;
	}
	bi->untyped_first = slot;
	add_untypeds(cnode, free, false, &slot, bi);
	add_untypeds(cnode, &devices, true, &slot, bi);
	bi->empty_first = slot;
	bi->empty_last = 1u << L4_ROOT_CNODE_RADIX;
	memregion_init(free); /* all of it is the root task's now */

	arch_context_init(&t->ctx, elf_entry(file.data), L4_ROOT_STACK_TOP, L4_BOOTINFO_VADDR);
	t->ipc_buffer = t->ctx.tls = L4_ROOT_IPC_BUFFER;
	sched_make_runnable(t);
	return NULL;
}
