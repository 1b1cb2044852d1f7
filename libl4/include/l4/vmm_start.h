/* SPDX-License-Identifier: MIT */
/* What the root task gives a VMM it starts: the layout of the VMM's CSpace
 * and address space and a start-up page (its address in r0). */
#ifndef L4_VMM_START_H
#define L4_VMM_START_H

#define L4_VMM_START_MAGIC 0x564d4d31u /* "VMM1" */
#define L4_VMM_START_VADDR 0x001e0000u
#define L4_VMM_IPC_BUFFER 0x001e1000u
#define L4_VMM_STACK_TOP 0x00200000u
#define L4_VMM_STACK_PAGES 8
#define L4_VMM_ARCHIVE_VADDR 0x40000000u /* where the VMM maps the archive frames */

/* Slots of the VMM's CNode (radix L4_VMM_CNODE_RADIX, cptr = slot index). */
#define L4_VMM_CNODE_RADIX 12
#define L4_VMM_CAP_TCB 1
#define L4_VMM_CAP_CNODE 2
#define L4_VMM_CAP_VSPACE 3
#define L4_VMM_CAP_UNTYPED 4       /* memory for the guest and its objects */
#define L4_VMM_CAP_CONSOLE_IRQ 5   /* console input (0 in the slot: none) */
#define L4_VMM_CAP_GICV 6          /* two 4 KiB device frames: the GICV */
#define L4_VMM_CAP_VSPACE_ID_POOL 8 /* ids for the VSpaces it makes, its own */
#define L4_VMM_CAP_SUPERVISOR 9    /* send: reports that its guest stopped (0: none) */
#define L4_VMM_CAP_ARCHIVE 10      /* the boot archive's 2 MiB frames, read-only */

/* What a VMM sends its supervisor when its guest stops: the label says
 * why; the VMM then serves nothing more of its guest. */
enum l4_guest_stop {
	L4_GUEST_POWERED_OFF = 1,  /* PSCI SYSTEM_OFF */
	L4_GUEST_RESET = 2,        /* PSCI SYSTEM_RESET: a reboot, or a panic */
	L4_GUEST_FATAL = 3,        /* something the VMM cannot go on from */
	L4_GUEST_START_FAILED = 4, /* its images or memory were refused: starting
	                            * it again would fail again */
};
/* After the archive's frames, from slot window_first: the guest's window
 * of the shared display, window_frames 4 KiB frames in scan-out order
 * (copies of the root task's caps: revoking those takes them away). */

/* Then, from each channel's first_frame slot: the frames of the inter-VM
 * channels the guest is part of (copies of the root task's caps, so both
 * VMMs' guests map the same memory), and each channel's doorbell: a send
 * cap to the peer VMM's notification, badged with the bit that tells the
 * peer's VMM which of its channels rang. The VMM binds the notification in
 * its start page's notification slot to its thread (made by the root task,
 * so that the peer's doorbell can point at it). */
#define L4_VMM_MAX_CHANNELS 4
#define L4_VMM_CHANNEL_NAME 16
/* The badge bit of a doorbell for a VMM's channel i (bit 0: the console). */
#define L4_VMM_CHANNEL_BADGE(i) (1u << (1u + (i)))

struct l4_vmm_channel {
	char name[L4_VMM_CHANNEL_NAME]; /* the system description's node name */
	char peer[16];                  /* the other guest's name */
	unsigned int side;              /* 0: the first guest of its `guests` */
	unsigned int first_frame;       /* slot of its first frame */
	unsigned int frames;            /* 4 KiB frames, mapped in order */
	unsigned int doorbell;          /* slot: send (Write) cap to the peer VMM's
	                                 * notification */
};

/* Guest RAM lies in one 1 GiB page directory of the guest's IPA space. */
#define L4_VMM_MAX_RAM_MIB 1024u

struct l4_vmm_start {
	unsigned int magic;
	char guest[16];               /* the guest's name: its console prefix */
	char kernel[48];              /* archive file names */
	char dtb[48];
	char initrd[48];
	char bootargs[128];
	unsigned int ram_bytes;       /* guest RAM, at the IPA the guest DTB gives
	                               * (at most L4_VMM_MAX_RAM_MIB) */
	unsigned int untyped_bits;    /* size of the untyped in L4_VMM_CAP_UNTYPED */
	unsigned int archive_frames;
	unsigned int archive_bytes;
	unsigned int has_console_irq;
	unsigned int has_gicv;
	unsigned int first_free_slot;
	unsigned int counter_hz;
	unsigned int guest_priority;  /* of the guest's VCPU thread (below the VMM's) */
	unsigned int has_supervisor;
	unsigned int strict_hypercalls; /* an unknown hypercall stops the guest */
	unsigned int window_first;    /* slot of the window's first frame */
	unsigned int window_frames;   /* 0: no display for this guest */
	unsigned int window_width;    /* pixels, 32 bits each (0x00RRGGBB) */
	unsigned int window_height;
	unsigned int window_stride;   /* bytes from one line to the next */
	unsigned int notification;    /* slot of the VMM's notification (0: none,
	                               * the VMM makes its own) */
	unsigned int channel_count;
	struct l4_vmm_channel channel[L4_VMM_MAX_CHANNELS];
};

#endif
