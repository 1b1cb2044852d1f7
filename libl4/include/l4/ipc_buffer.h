/* SPDX-License-Identifier: MIT */
/* The IPC buffer: a per-thread area in the thread's own memory (address
 * given by TCB_Configure) holding the message registers beyond the first
 * six, the caps to send and where to put a received cap. It must not cross
 * a page boundary, and must be mapped writable for the kernel to deliver
 * into it; without one, messages are cut to six registers and carry no
 * caps. */
#ifndef L4_IPC_BUFFER_H
#define L4_IPC_BUFFER_H

#include <l4/abi.h>

struct l4_ipc_buffer {
	unsigned int mr[L4_MSG_MAX_LENGTH];     /* mr[0..5] travel in registers */
	unsigned int caps[L4_MSG_MAX_EXTRA_CAPS]; /* cptrs to send (extra caps) */
	unsigned int badges[L4_MSG_MAX_EXTRA_CAPS]; /* received: unwrapped badges */
	unsigned int receive_cnode;             /* cptr of the CNode for a received cap */
	unsigned int receive_index;             /* slot in it */
};

_Static_assert(sizeof(struct l4_ipc_buffer) <= 1024, "the IPC buffer fits 1 KiB");

#endif
