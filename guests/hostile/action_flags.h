/* SPDX-License-Identifier: MIT */
/* What the action tables say about each instruction variant, shared by
 * actions.S and the C campaign (so: preprocessor constants only). */
#ifndef HOSTILE_ACTION_FLAGS_H
#define HOSTILE_ACTION_FLAGS_H

/* Loads and stores: bytes accessed in bits 0-4, and how. */
#define ACCESS_SIZE_MASK 0x1f
#define ACCESS_WRITE 0x100    /* a store: only scratch RAM may be its target in RAM */
#define ACCESS_VFP 0x200      /* a VFP/NEON access: undefined while the unit is off */
#define LOAD_NO_ACCESS 0x400  /* a hint (PLD, PLI): never faults */
#define ACCESS_ANYWHERE 0x1000 /* r0: an address in any region (not only scratch RAM) */

/* Mode changes: the action returns the mode it reached; the flags hold
 * the mode it asked for (bits 16-20). */
#define MODE_REPORTED 0x800
#define MODE_ASKED(mode) (MODE_REPORTED | (mode) << 16)
#define MODE_ASKED_OF(flags) ((flags) >> 16 & 0x1f)

/* The SVC that brings the mode action back from user mode. */
#define HOSTILE_SVC_BACK_TO_SVC 0x5c

#endif
