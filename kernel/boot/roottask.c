// SPDX-License-Identifier: MIT
#include <arch/thread.h>
#include <l4/abi.h>
#include <l4/bootinfo.h>
#include <tern/bits.h>
#include <tern/cpio.h>
#include <tern/elf.h>
#include <tern/roottask.h>
#include <tern/string.h>
#include <tern/thread.h>

#define PAGE 4096u
#define ROOT_STACK_PAGES 4
#define ROOT_VMID 1

/* Boot allocations are identity-mapped: physical address = kernel address. */
static void *alloc_page(void *ctx)
{
	paddr_t pa;
	if (memregion_alloc(ctx, PAGE, PAGE, &pa))
		return NULL;
	memset((void *)(uintptr_t)pa, 0, PAGE);
	return (void *)(uintptr_t)pa;
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

static void fill_bootinfo(struct l4_bootinfo *bi, const struct hw_desc *hw,
			  const struct memregion_set *free, uint32_t counter_hz)
{
	bi->magic = L4_BOOTINFO_MAGIC;
	bi->version = 1;
	bi->ram_bytes = hwdesc_ram_size(hw);
	bi->free_bytes = memregion_total(free);
	bi->tick_hz = CONFIG_TICK_HZ;
	bi->counter_hz = counter_hz;
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
	const char *bad = elf_check(file.data, file.size, L4_BOOTINFO_VADDR);
	if (bad)
		return bad;

	struct tcb *t = alloc_page(free);
	void *l1 = alloc_page(free);
	if (!t || !l1)
		return "out of memory for the root task's TCB";
	thread_init(t, "roottask", ROOTTASK_PRIORITY);
	arch_vspace_init(&t->vspace, l1, ROOT_VMID);

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
	if (!bi)
		return "out of memory for the boot info frame";
	fill_bootinfo(bi, hw, free, counter_hz);

	arch_context_init(&t->ctx, elf_entry(file.data), L4_ROOT_STACK_TOP, L4_BOOTINFO_VADDR);
	sched_make_runnable(t);
	return NULL;
}
