// SPDX-License-Identifier: MIT
/* The root task: the first user program, with authority over everything
 * the kernel did not keep. For now it reports what it was given. */
#include <l4/l4.h>

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
	for (int i = 0; i < 3; i++)
		l4_yield();
	l4_printf("roottask: done\n");
	return 0;
}
