// SPDX-License-Identifier: MIT
#include <tern/elf.h>
#include <tern/string.h>
#include "vmm_launch.h"

/* A page of the root task's for copying: in the archive's GiB, 512 MiB past
 * it (HYP: that GiB has a directory already); on SVC 256 MiB past it, as
 * display.c's window takes 0x60000000 there (L4_USER_TOP - 512 MiB). */
#define STAGING_VADDR (L4_HAS_PAGE_DIRECTORY ? 0x60000000u : 0x50000000u)

static l4_cptr_t staging_table;

/* A page directory or page table for vaddr in vspace, from alloc. */
static int add_table(struct l4_allocator *a, l4_cptr_t vspace, unsigned type, unsigned vaddr)
{
	l4_cptr_t t = l4_alloc_object(a, type, 0);
	if (!t)
		return a->last_error;
	return l4_page_table_map(t, vspace, vaddr);
}

int vmm_launch_prepare(struct l4_allocator *a)
{
	if (staging_table)
		return 0;
	/* the root task's GiB at 0x40000000 has a directory (archive mapping) */
	int err = add_table(a, L4_CAP_INIT_VSPACE, L4_OBJ_PAGE_TABLE, STAGING_VADDR);
	staging_table = !err;
	return err;
}

/* A new frame mapped at vaddr of vspace, zeroed but for `len` bytes of src
 * at byte `at`. */
static int load_page(struct l4_allocator *a, l4_cptr_t vspace, unsigned vaddr, const void *src,
		     unsigned at, unsigned len, unsigned rights, unsigned attributes)
{
	l4_cptr_t f = l4_alloc_object(a, L4_OBJ_FRAME_4K, 0);
	if (!f)
		return a->last_error;
	int err = l4_frame_map(f, L4_CAP_INIT_VSPACE, STAGING_VADDR, L4_RIGHT_READ | L4_RIGHT_WRITE, 0);
	if (err)
		return err;
	memset((void *)STAGING_VADDR, 0, L4_PAGE_SIZE);
	if (len)
		memcpy((char *)STAGING_VADDR + at, src, len);
	if ((err = l4_frame_unmap(f)))
		return err;
	/* code written through the data cache: to memory before it runs */
	if ((attributes & L4_FRAME_EXECUTABLE) && (err = l4_frame_clean(f, 0, L4_PAGE_SIZE)))
		return err;
	return l4_frame_map(f, vspace, vaddr, rights, attributes);
}

static const char *load_program(struct vmm_launch *l, l4_cptr_t vspace, const struct l4_vmm_start *st)
{
	struct l4_allocator *a = l->alloc;
	const char *bad = elf_check(l->elf, l->elf_size, L4_VMM_START_VADDR);
	if (bad)
		return bad;
	if ((L4_HAS_PAGE_DIRECTORY && add_table(a, vspace, L4_OBJ_PAGE_DIRECTORY, 0)) ||
	    add_table(a, vspace, L4_OBJ_PAGE_TABLE, 0) || !staging_table)
		return "out of memory for the VMM's page tables";
	for (unsigned i = 0; i < elf_load_segments(l->elf); i++) {
		struct elf_segment s;
		elf_load_segment(l->elf, i, &s);
		unsigned rights = L4_RIGHT_READ | (s.writable ? L4_RIGHT_WRITE : 0);
		for (unsigned va = s.vaddr & ~(L4_PAGE_SIZE - 1); va < s.vaddr + s.memsz; va += L4_PAGE_SIZE) {
			/* the file bytes that fall in this page */
			unsigned from = va > s.vaddr ? va : s.vaddr;
			unsigned to = va + L4_PAGE_SIZE < s.vaddr + s.filesz ? va + L4_PAGE_SIZE : s.vaddr + s.filesz;
			if (load_page(a, vspace, va, (const char *)s.data + (from - s.vaddr), from - va,
				      from < to ? to - from : 0, rights,
				      s.executable ? L4_FRAME_EXECUTABLE : 0))
				return "cannot load a segment of the VMM (out of memory, or segments "
				       "share a page)";
		}
	}
	for (unsigned i = 1; i <= L4_VMM_STACK_PAGES; i++)
		if (load_page(a, vspace, L4_VMM_STACK_TOP - i * L4_PAGE_SIZE, 0, 0, 0, L4_RIGHTS_ALL, 0))
			return "out of memory for the VMM's stack";
	if (load_page(a, vspace, L4_VMM_IPC_BUFFER, 0, 0, 0, L4_RIGHTS_ALL, 0) ||
	    load_page(a, vspace, L4_VMM_START_VADDR, st, 0, sizeof(*st), L4_RIGHT_READ, 0))
		return "out of memory for the VMM's start-up page";
	return NULL;
}

/* Copies of the window's frame caps after the archive's (derived caps:
 * revoking the display owner's originals unmaps them from the guest). */
static int give_window(const struct display_window *w, l4_cptr_t cnode, struct l4_vmm_start *st)
{
	st->window_first = st->first_free_slot;
	for (unsigned i = 0; i < w->frames; i++) {
		int err = l4_cnode_copy(cnode, st->window_first + i, w->first_frame + i,
					L4_RIGHT_READ | L4_RIGHT_WRITE);
		if (err)
			return err;
	}
	st->window_frames = w->frames;
	st->window_width = DISPLAY_WIDTH;
	st->window_height = w->lines;
	st->window_stride = DISPLAY_STRIDE;
	st->first_free_slot += w->frames;
	return 0;
}

const char *vmm_launch(struct vmm_launch *l)
{
	struct l4_allocator *a = l->alloc;
	const struct l4_bootinfo *bi = l->bi;
	struct l4_vmm_start *st = &l->start;

	l4_cptr_t tcb = l4_alloc_object(a, L4_OBJ_TCB, 0);
	l4_cptr_t cnode = l4_alloc_object(a, L4_OBJ_CNODE, L4_VMM_CNODE_RADIX);
	l4_cptr_t vspace = l4_alloc_object(a, L4_OBJ_VSPACE, 0);
	l4_cptr_t ids = l4_alloc_vspace_id_pool(a, L4_CAP_VSPACE_ID_CONTROL);
	if (!tcb || !cnode || !vspace || !ids)
		return "out of memory for the VMM's objects";
	l->vmm_tcb = tcb;

	st->magic = L4_VMM_START_MAGIC;
	st->untyped_bits = l->guest_memory_bits;
	st->archive_frames = bi->archive_frames;
	st->archive_bytes = bi->archive_bytes;
	st->counter_hz = bi->counter_hz;
	st->first_free_slot = L4_VMM_CAP_ARCHIVE + bi->archive_frames;

	/* its CSpace root: a guard of zeros makes a cptr a slot index, as in
	 * the root task's (the mint badge of a CNode cap: width << 27 | value) */
	l4_cptr_t cn = l4_alloc_slot(a);
	if (!cn || l4_cnode_mint(L4_CAP_INIT_CNODE, cn, cnode, L4_RIGHTS_ALL,
				 (32u - L4_VMM_CNODE_RADIX) << 27))
		return "cannot make the VMM's CNode cap";
	int err = 0;
	err |= l4_cnode_copy(cnode, L4_VMM_CAP_TCB, tcb, L4_RIGHTS_ALL);
	err |= l4_cnode_copy(cnode, L4_VMM_CAP_CNODE, cn, L4_RIGHTS_ALL);
	err |= l4_cnode_copy(cnode, L4_VMM_CAP_VSPACE, vspace, L4_RIGHTS_ALL);
	/* a copy: the untyped stays the root task's, revoking it takes back
	 * everything the VMM made of it */
	err |= l4_cnode_copy(cnode, L4_VMM_CAP_UNTYPED, l->guest_memory, L4_RIGHTS_ALL);
	err |= l4_cnode_move(cnode, L4_VMM_CAP_VSPACE_ID_POOL, ids);
	for (unsigned i = 0; i < bi->archive_frames; i++)
		err |= l4_cnode_copy(cnode, L4_VMM_CAP_ARCHIVE + i, bi->archive_first + i, L4_RIGHT_READ);
	if (err)
		return "cannot give the VMM its caps";
	if (l->window && give_window(l->window, cnode, st))
		return "cannot give the VMM its display window";
	if (channels_give(l->channels, l->guest_index, cnode, st))
		return "cannot give the VMM its inter-VM channels";
	if (l->console_input && bi->console_irq &&
	    !l4_irq_control_get(L4_CAP_IRQ_CONTROL, bi->console_irq, cn, L4_VMM_CAP_CONSOLE_IRQ))
		st->has_console_irq = 1;
	/* the GIC's virtual CPU interface: copies (it maps only into guest
	 * VSpaces) */
	if (l->gicv && !l4_cnode_copy(cnode, L4_VMM_CAP_GICV, l->gicv[0], L4_RIGHTS_ALL) &&
	    !l4_cnode_copy(cnode, L4_VMM_CAP_GICV + 1, l->gicv[1], L4_RIGHTS_ALL))
		st->has_gicv = 1;
	if (l->supervisor && !l4_cnode_mint(cnode, L4_VMM_CAP_SUPERVISOR, l->supervisor, L4_RIGHT_WRITE,
					    l->supervisor_badge))
		st->has_supervisor = 1;

	const char *bad = load_program(l, vspace, st);
	if (bad)
		return bad;
	if (l4_tcb_configure(tcb, cn, vspace, 0, L4_VMM_IPC_BUFFER) ||
	    l4_tcb_set_priority(tcb, l->priority, L4_CAP_INIT_TCB) ||
	    l4_tcb_set_mcp(tcb, l->priority, L4_CAP_INIT_TCB) ||
	    l4_tcb_write_registers(tcb, elf_entry(l->elf), L4_VMM_STACK_TOP, L4_VMM_START_VADDR, 1))
		return "cannot start the VMM's thread";
	return NULL;
}
