// SPDX-License-Identifier: MIT
/* The root task: the first user program, with authority over everything
 * the kernel did not keep. It reports what it was given and starts one VMM
 * per guest of the system description below whose files the boot archive
 * holds. */
#include <l4/l4.h>
#include <tern/cpio.h>
#include <tern/string.h>
#include "display.h"
#include "system.h"
#include "vmm_launch.h"

#define ARCHIVE_VADDR 0x40000000u
#define ROOT_PRIORITY 255 /* ROOTTASK_PRIORITY */

static struct display display;

#define SYSTEM_FILE "system.dtb" /* the system description, in the boot archive */
#define VMM_ABOVE_GUEST 10        /* a VMM's priority over its guest's */

static const void *map_archive(const struct l4_bootinfo *bi, struct l4_allocator *a)
{
	l4_cptr_t pd = l4_alloc_object(a, L4_OBJ_PAGE_DIRECTORY, 0);
	if (!pd || l4_page_table_map(pd, L4_CAP_INIT_VSPACE, ARCHIVE_VADDR))
		return NULL;
	for (unsigned i = 0; i < bi->archive_frames; i++)
		if (l4_frame_map(bi->archive_first + i, L4_CAP_INIT_VSPACE, ARCHIVE_VADDR + i * L4_FRAME_2M_SIZE,
				 L4_RIGHT_READ, 0))
			return NULL;
	return (const void *)ARCHIVE_VADDR;
}

/* Copies a name into the start page; false when it does not fit. */
static bool copy_name(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src ? src : "", size);
	if (n == size)
		return false;
	memcpy(dst, src ? src : "", n);
	dst[n] = 0;
	return true;
}

static void start_guest(const struct l4_bootinfo *bi, struct l4_allocator *a, const void *archive,
			const struct guest_desc *g)
{
	struct cpio_entry vmm, kernel;
	if (cpio_find(archive, bi->archive_bytes, g->vmm, &vmm) ||
	    cpio_find(archive, bi->archive_bytes, g->kernel, &kernel)) {
		l4_printf("roottask: guest %s: no %s or %s in the boot archive: not started\n", g->name,
			  g->vmm, g->kernel);
		return;
	}
	struct vmm_launch l = {.bi = bi, .alloc = a, .archive = archive, .elf = vmm.data,
			       .elf_size = (unsigned)vmm.size, .guest_memory_bits = g->memory_bits,
			       .priority = g->priority + VMM_ABOVE_GUEST,
			       .console_input = g->console_input,
			       .window = g->display_window ? display_window_of(&display, g->display_window)
							   : NULL};
	if (!copy_name(l.start.guest, sizeof(l.start.guest), g->name) ||
	    !copy_name(l.start.kernel, sizeof(l.start.kernel), g->kernel) ||
	    !copy_name(l.start.dtb, sizeof(l.start.dtb), g->dtb) ||
	    !copy_name(l.start.initrd, sizeof(l.start.initrd), g->initrd) ||
	    !copy_name(l.start.bootargs, sizeof(l.start.bootargs), g->bootargs)) {
		l4_printf("roottask: guest %s: a file name or the bootargs are too long for the VMM's "
			  "start page: not started\n", g->name);
		return;
	}
	l.start.ram_bytes = g->ram_mib << 20;
	l.start.guest_priority = g->priority;
	const char *err = vmm_launch(&l);
	if (err)
		l4_printf("roottask: guest %s: %s\n", g->name, err);
	else
		l4_printf("roottask: guest %s: VMM started (%u MiB of RAM)\n", g->name, g->ram_mib);
}

int main(void *arg)
{
	const struct l4_bootinfo *bi = arg;

	if (bi->magic != L4_BOOTINFO_MAGIC) {
		l4_printf("roottask: boot info has bad magic %08x\n", bi->magic);
		return 1;
	}
	l4_printf("roottask: hello from user space on %s\n", bi->board);
	l4_printf("roottask: %llu MiB of RAM, %llu MiB free for user space\n", bi->ram_bytes >> 20,
		  bi->free_bytes >> 20);
	struct l4_allocator alloc;
	l4_alloc_init(&alloc, bi);
	/* ids for the VSpaces the root task makes (each VMM gets a pool of its own) */
	alloc.vspace_id_pool = l4_alloc_vspace_id_pool(&alloc, L4_CAP_VSPACE_ID_CONTROL);
	if (!alloc.vspace_id_pool)
		l4_printf("roottask: cannot make a VSpace id pool (error %d)\n", alloc.last_error);
	const void *archive = map_archive(bi, &alloc);
	if (!archive)
		l4_printf("roottask: cannot map the boot archive\n");
	display_start(&display, bi, &alloc);
	struct cpio_entry file;
	static struct system_desc system;
	if (!archive || cpio_find(archive, bi->archive_bytes, SYSTEM_FILE, &file)) {
		l4_printf("roottask: no %s in the boot archive: no guests\n", SYSTEM_FILE);
	} else {
		const char *bad = system_read(&system, file.data, (unsigned)file.size);
		if (bad)
			l4_printf("roottask: %s: %s: no guests started\n", SYSTEM_FILE, bad);
		for (unsigned i = 0; !bad && i < system.guests; i++)
			start_guest(bi, &alloc, archive, &system.guest[i]);
	}
	for (int i = 0; i < 3; i++)
		l4_yield();
	l4_printf("roottask: done, suspending itself\n");
	/* There is no exit in the L4 model: a thread that has nothing more to
	 * do suspends its TCB (its caps stay, the VMMs keep running). */
	l4_tcb_suspend(L4_CAP_INIT_TCB);
	return 0;
}
