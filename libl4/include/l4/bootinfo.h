/* SPDX-License-Identifier: MIT */
/* The boot-info frame the kernel hands the root task (address in r0). */
#ifndef L4_BOOTINFO_H
#define L4_BOOTINFO_H

#define L4_BOOTINFO_MAGIC 0x5445524eu /* "TERN" */
#define L4_BOOTINFO_VADDR 0xbfff0000u
#define L4_ROOT_STACK_TOP 0xbffe0000u

struct l4_bootinfo {
	unsigned int magic;
	unsigned int version;          /* of this layout: 1 */
	unsigned long long ram_bytes;  /* all RAM */
	unsigned long long free_bytes; /* RAM left for user space after boot */
	unsigned int tick_hz;
	unsigned int counter_hz;       /* generic timer frequency */
	char board[32];
};

#endif
