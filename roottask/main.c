// SPDX-License-Identifier: MIT
/* The root task: the first user program, with authority over everything
 * the kernel did not keep. It reports what it was given, owns the display,
 * and starts and supervises one VMM per guest of the system description
 * (system.dtb in the boot archive). */
#include <l4/l4.h>
#include <tern/cpio.h>
#include <tern/string.h>
#include "channels.h"
#include "display.h"
#include "supervisor.h"
#include "system.h"

#define ARCHIVE_VADDR 0x40000000u
#define ROOT_PRIORITY 255 /* ROOTTASK_PRIORITY */

static struct display display;
static struct channel_objects channels;

#define SYSTEM_FILE "system.dtb" /* the system description, in the boot archive */

static const void *map_archive(const struct l4_bootinfo *bi, struct l4_allocator *a)
{
	if (L4_HAS_PAGE_DIRECTORY) {
		l4_cptr_t pd = l4_alloc_object(a, L4_OBJ_PAGE_DIRECTORY, 0);
		if (!pd || l4_page_table_map(pd, L4_CAP_INIT_VSPACE, ARCHIVE_VADDR))
			return NULL;
	}
	for (unsigned i = 0; i < bi->archive_frames; i++)
		if (l4_frame_map(bi->archive_first + i, L4_CAP_INIT_VSPACE, ARCHIVE_VADDR + i * L4_FRAME_2M_SIZE,
				 L4_RIGHT_READ, 0))
			return NULL;
	return (const void *)ARCHIVE_VADDR;
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
		const char *no_channels = bad ? NULL : channels_create(&channels, &system, &alloc);
		if (no_channels)
			l4_printf("roottask: inter-VM channels: %s\n", no_channels);
		const struct supervisor_env env = {.bi = bi, .root = &alloc, .archive = archive,
						   .display = &display, .channels = &channels};
		/* from here on the root task runs below the guests the system
		 * description puts above it: launching and taking back a guest
		 * never delays a real-time one */
		if (!bad && l4_tcb_set_priority(L4_CAP_INIT_TCB, system.supervisor_priority,
						L4_CAP_INIT_TCB))
			l4_printf("roottask: cannot take supervisor priority %u\n",
				  system.supervisor_priority);
		unsigned running = bad ? 0 : supervisor_start(&env, &system);
		for (int i = 0; i < 3; i++)
			l4_yield();
		if (running) {
			/* a stopped guest's VMM reports to it: it stays */
			l4_printf("roottask: done, supervising %u guests\n", running);
			supervisor_run();
		}
	}
	for (int i = 0; i < 3; i++)
		l4_yield();
	l4_printf("roottask: done, suspending itself\n");
	/* There is no exit in the L4 model: a thread that has nothing more to
	 * do suspends its TCB (its caps stay, the VMMs keep running). */
	l4_tcb_suspend(L4_CAP_INIT_TCB);
	return 0;
}
