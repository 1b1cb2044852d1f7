/* SPDX-License-Identifier: MIT */
/* One C wrapper per object invocation. Each returns the error code (L4_OK
 * on success); on error, *reply (when given) holds the failing argument's
 * index in mr[0] and the allowed range or available bytes in mr[1]/mr[2]. */
#ifndef L4_INVOCATION_H
#define L4_INVOCATION_H

#include <l4/syscall.h>

typedef unsigned int l4_cptr_t;

int l4_invoke(l4_cptr_t cap, unsigned label, unsigned length, const unsigned *args,
	      struct l4_msg *reply);

int l4_untyped_retype(l4_cptr_t ut, unsigned type, unsigned size_bits, l4_cptr_t dest_cnode,
		      unsigned dest_index, unsigned count);
int l4_cnode_copy(l4_cptr_t cnode, unsigned dest, l4_cptr_t src, unsigned rights);
int l4_cnode_mint(l4_cptr_t cnode, unsigned dest, l4_cptr_t src, unsigned rights, unsigned badge);
int l4_cnode_move(l4_cptr_t cnode, unsigned dest, l4_cptr_t src);
int l4_cnode_mutate(l4_cptr_t cnode, unsigned dest, l4_cptr_t src, unsigned badge);
int l4_cnode_delete(l4_cptr_t cnode, unsigned index);
int l4_cnode_revoke(l4_cptr_t cnode, unsigned index);
int l4_tcb_configure(l4_cptr_t tcb, l4_cptr_t cspace, l4_cptr_t vspace, l4_cptr_t fault_ep,
		     unsigned ipc_buffer);
int l4_tcb_write_registers(l4_cptr_t tcb, unsigned pc, unsigned sp, unsigned r0, int resume);
int l4_tcb_read_registers(l4_cptr_t tcb, unsigned *pc, unsigned *sp, unsigned *r0);
/* All or the first n registers, in enum l4_register order (beyond six,
 * through the IPC buffer). */
int l4_tcb_write_all_registers(l4_cptr_t tcb, const unsigned *regs, unsigned n, int resume);
int l4_tcb_read_all_registers(l4_cptr_t tcb, unsigned regs[L4_REG_COUNT]);
int l4_tcb_suspend(l4_cptr_t tcb);
int l4_tcb_resume(l4_cptr_t tcb);
int l4_tcb_set_priority(l4_cptr_t tcb, unsigned priority, l4_cptr_t authority);
int l4_tcb_set_mcp(l4_cptr_t tcb, unsigned mcp, l4_cptr_t authority);
int l4_tcb_bind_notification(l4_cptr_t tcb, l4_cptr_t ntfn);
int l4_tcb_unbind_notification(l4_cptr_t tcb);

int l4_frame_map(l4_cptr_t frame, l4_cptr_t vspace, unsigned vaddr, unsigned rights,
		 unsigned attributes);
int l4_frame_unmap(l4_cptr_t frame);
int l4_frame_clean(l4_cptr_t frame, unsigned offset, unsigned length);
int l4_page_table_map(l4_cptr_t table, l4_cptr_t vspace, unsigned vaddr);
/* Takes the table (or directory) out of its VSpace; it comes back empty. */
int l4_page_table_unmap(l4_cptr_t table);
int l4_irq_control_get(l4_cptr_t control, unsigned intid, l4_cptr_t cnode, unsigned index);
/* Makes a VSpace id pool of the 4 KiB untyped in cnode[index]. */
int l4_vspace_id_make_pool(l4_cptr_t control, l4_cptr_t untyped, l4_cptr_t cnode, unsigned index);
/* Gives the VSpace an id from the pool: needed before it is used. */
int l4_vspace_id_assign(l4_cptr_t pool, l4_cptr_t vspace);
int l4_irq_handler_set_notification(l4_cptr_t handler, l4_cptr_t ntfn);
int l4_irq_handler_ack(l4_cptr_t handler);
int l4_vcpu_set_tcb(l4_cptr_t vcpu, l4_cptr_t tcb);
/* count (<= 22 to write, 24 to read) registers from `first` (enum l4_vcpu_register). */
int l4_vcpu_write_registers(l4_cptr_t vcpu, unsigned first, unsigned count, const unsigned *values);
int l4_vcpu_read_registers(l4_cptr_t vcpu, unsigned first, unsigned count, unsigned *values);
/* flags: L4_VCPU_IRQ_LEVEL for a level-sensitive line (then l4_vcpu_ack_irq
 * when it goes low). */
int l4_vcpu_inject_irq(l4_cptr_t vcpu, unsigned virq, unsigned priority, unsigned flags);
int l4_vcpu_ack_irq(l4_cptr_t vcpu, unsigned virq);
/* SVC kernel: the shared state page (l4/pv.h), a frame mapped writable in
 * the guest's VSpace. */
int l4_vcpu_set_state_page(l4_cptr_t vcpu, l4_cptr_t frame);
int l4_vcpu_set_traps(l4_cptr_t vcpu, unsigned flags);
/* exits, WFI blocks, virtual timer interrupts, injected interrupts */
int l4_vcpu_stats(l4_cptr_t vcpu, unsigned stats[L4_VCPU_STATS_COUNT]);

/* IPC. The message's info and registers are sent; on return they hold what
 * was received, and the badge is returned. */
unsigned l4_send(l4_cptr_t ep, struct l4_msg *m);
unsigned l4_nbsend(l4_cptr_t ep, struct l4_msg *m);
unsigned l4_call(l4_cptr_t ep, struct l4_msg *m);
unsigned l4_recv(l4_cptr_t ep, struct l4_msg *m);
unsigned l4_nbrecv(l4_cptr_t ep, struct l4_msg *m);
unsigned l4_reply_recv(l4_cptr_t ep, struct l4_msg *m);
void l4_signal(l4_cptr_t ntfn);
unsigned l4_wait(l4_cptr_t ntfn);
unsigned l4_poll(l4_cptr_t ntfn);

#endif
