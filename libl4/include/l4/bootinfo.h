/* SPDX-License-Identifier: MIT */
/* The boot-info frame the kernel hands the root task (address in r0). */
#ifndef L4_BOOTINFO_H
#define L4_BOOTINFO_H

#define L4_BOOTINFO_MAGIC 0x5445524eu /* "TERN" */
/* At the top of user space: 3 GiB on the HYP kernel, 2 GiB on the SVC
 * kernel, which keeps the upper half for itself. */
#ifdef CONFIG_ARM_SVC
#define L4_USER_TOP 0x80000000u
#else
#define L4_USER_TOP 0xc0000000u
#endif
#define L4_BOOTINFO_VADDR (L4_USER_TOP - 0x10000u)
#define L4_ROOT_STACK_TOP (L4_USER_TOP - 0x20000u)
#define L4_ROOT_IPC_BUFFER (L4_USER_TOP - 0xf000u)

/* Slots of the root task's CNode (radix L4_ROOT_CNODE_RADIX, guard 0 of
 * 32 - radix bits, so a cptr is a slot index). */
#define L4_CAP_NULL 0
#define L4_CAP_INIT_TCB 1
#define L4_CAP_INIT_CNODE 2
#define L4_CAP_INIT_VSPACE 3
#define L4_CAP_IRQ_CONTROL 4
#define L4_CAP_VSPACE_ID_CONTROL 5 /* VSpace id pools from untyped (l4/abi.h) */
#define L4_ROOT_CNODE_RADIX 12
#define L4_BOOTINFO_MAX_UNTYPED 64

struct l4_untyped_desc {
	unsigned long long paddr;
	unsigned char size_bits;
	unsigned char is_device;
	unsigned char pad[6];
};

struct l4_bootinfo {
	unsigned int magic;
	unsigned int version;          /* of this layout: 3 */
	unsigned long long ram_bytes;  /* all RAM */
	unsigned long long free_bytes; /* RAM given to the root task as untyped */
	unsigned int tick_hz;
	unsigned int counter_hz;       /* generic timer frequency */
	char board[32];
	unsigned int untyped_first;    /* slot of the first untyped cap */
	unsigned int untyped_count;    /* untyped[i] describes slot untyped_first + i */
	unsigned int empty_first;      /* first free slot */
	unsigned int empty_last;       /* one past the last free slot */
	unsigned int timer_irq_phys;   /* the non-secure physical timer's interrupt */
	unsigned int timer_irq_virt;   /* the virtual timer's interrupt (the kernel's) */
	unsigned int console_irq;      /* the kernel console UART's receive interrupt */
	unsigned int archive_first;    /* slot of the first boot archive frame cap */
	unsigned int archive_frames;   /* 2 MiB frames, read-only, in order */
	unsigned int archive_bytes;    /* size of the CPIO archive they hold */
	unsigned long long gicv_paddr; /* GIC virtual CPU interface (0: none) */
	struct l4_untyped_desc untyped[L4_BOOTINFO_MAX_UNTYPED];
};

#endif
