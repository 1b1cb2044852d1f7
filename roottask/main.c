// SPDX-License-Identifier: MIT
/* The root task: the first user program, with authority over everything
 * the kernel did not keep. It reports what it was given and starts one VMM
 * per guest of the system description below whose files the boot archive
 * holds. */
#include <l4/l4.h>
#include <tern/cpio.h>
#include <tern/string.h>
#include "display.h"
#include "vmm_launch.h"

#define ARCHIVE_VADDR 0x40000000u
#define ROOT_PRIORITY 255 /* ROOTTASK_PRIORITY */

static struct display display;

/* The system: which guests run, with how much memory. */
static const struct guest_desc {
	const char *name, *vmm, *kernel, *dtb, *initrd, *bootargs;
	unsigned ram_mib, memory_bits;
} guests[] = {
#ifdef CONFIG_GUEST_LINUX
	{"linux", "vmm", "linux/zImage", "linux/guest.dtb", "linux/initramfs.cpio.gz",
	 CONFIG_GUEST_LINUX_BOOTARGS, CONFIG_GUEST_LINUX_RAM_MIB, 28},
#endif
};
#ifdef CONFIG_GUEST_LINUX
_Static_assert(sizeof(CONFIG_GUEST_LINUX_BOOTARGS) <= sizeof(((struct l4_vmm_start *)0)->bootargs),
	       "CONFIG_GUEST_LINUX_BOOTARGS is longer than the VMM's 127 characters");
#endif

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

static void copy_name(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);
	memcpy(dst, src, n);
	dst[n] = 0;
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
			       .priority = 200, .window = display_window_of(&display, g->name)};
	copy_name(l.start.guest, sizeof(l.start.guest), g->name);
	copy_name(l.start.kernel, sizeof(l.start.kernel), g->kernel);
	copy_name(l.start.dtb, sizeof(l.start.dtb), g->dtb);
	copy_name(l.start.initrd, sizeof(l.start.initrd), g->initrd);
	copy_name(l.start.bootargs, sizeof(l.start.bootargs), g->bootargs);
	l.start.ram_bytes = g->ram_mib << 20;
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
	/* a pointer walk: the table is empty without CONFIG_GUEST_LINUX */
	for (const struct guest_desc *g = guests; archive && g < guests + ARRAY_SIZE(guests); g++) {
		struct cpio_entry e;
		if (!cpio_find(archive, bi->archive_bytes, g->kernel, &e))
			start_guest(bi, &alloc, archive, g);
	}
	for (int i = 0; i < 3; i++)
		l4_yield();
	l4_printf("roottask: done, suspending itself\n");
	/* There is no exit in the L4 model: a thread that has nothing more to
	 * do suspends its TCB (its caps stay, the VMMs keep running). */
	l4_tcb_suspend(L4_CAP_INIT_TCB);
	return 0;
}
