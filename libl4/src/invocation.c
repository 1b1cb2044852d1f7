// SPDX-License-Identifier: MIT
#include <l4/l4.h>

int l4_invoke(l4_cptr_t cap, unsigned label, unsigned length, const unsigned *args,
	      struct l4_msg *reply)
{
	struct l4_msg m = {.word = cap, .info = l4_msginfo(label, 0, 0, length)};
	for (unsigned i = 0; i < length && i < L4_MSG_REGISTERS_IN_CPU; i++)
		m.mr[i] = args[i];
	/* the rest travels in the IPC buffer (the kernel cuts the message to
	 * six when there is none) */
	struct l4_ipc_buffer *buf = length > L4_MSG_REGISTERS_IN_CPU ? l4_ipc_buffer() : 0;
	for (unsigned i = L4_MSG_REGISTERS_IN_CPU; i < length && buf; i++)
		buf->mr[i] = args[i];
	l4_sys_call(&m);
	if (reply)
		*reply = m;
	return (int)l4_msginfo_label(m.info);
}

#define INVOKE(cap, label, ...)                                                         \
	({                                                                              \
		const unsigned args_[] = {__VA_ARGS__};                                 \
		l4_invoke(cap, label, sizeof(args_) / sizeof(args_[0]), args_, 0);      \
	})

int l4_untyped_retype(l4_cptr_t ut, unsigned type, unsigned size_bits, l4_cptr_t dest_cnode,
		      unsigned dest_index, unsigned count)
{
	return INVOKE(ut, L4_UNTYPED_RETYPE, type, size_bits, dest_cnode, dest_index, count);
}

int l4_cnode_copy(l4_cptr_t cnode, unsigned dest, l4_cptr_t src, unsigned rights)
{
	return INVOKE(cnode, L4_CNODE_COPY, dest, src, rights);
}

int l4_cnode_mint(l4_cptr_t cnode, unsigned dest, l4_cptr_t src, unsigned rights, unsigned badge)
{
	return INVOKE(cnode, L4_CNODE_MINT, dest, src, rights, badge);
}

int l4_cnode_move(l4_cptr_t cnode, unsigned dest, l4_cptr_t src)
{
	return INVOKE(cnode, L4_CNODE_MOVE, dest, src);
}

int l4_cnode_mutate(l4_cptr_t cnode, unsigned dest, l4_cptr_t src, unsigned badge)
{
	return INVOKE(cnode, L4_CNODE_MUTATE, dest, src, badge);
}

int l4_cnode_delete(l4_cptr_t cnode, unsigned index)
{
	return INVOKE(cnode, L4_CNODE_DELETE, index);
}

int l4_cnode_revoke(l4_cptr_t cnode, unsigned index)
{
	return INVOKE(cnode, L4_CNODE_REVOKE, index);
}

int l4_tcb_configure(l4_cptr_t tcb, l4_cptr_t cspace, l4_cptr_t vspace, l4_cptr_t fault_ep,
		     unsigned ipc_buffer)
{
	return INVOKE(tcb, L4_TCB_CONFIGURE, cspace, vspace, fault_ep, ipc_buffer);
}

int l4_tcb_write_registers(l4_cptr_t tcb, unsigned pc, unsigned sp, unsigned r0, int resume)
{
	return INVOKE(tcb, L4_TCB_WRITE_REGISTERS, resume ? L4_WRITE_REGISTERS_RESUME : 0, 3, pc, sp,
		      r0);
}

int l4_tcb_read_registers(l4_cptr_t tcb, unsigned *pc, unsigned *sp, unsigned *r0)
{
	struct l4_msg m;
	const unsigned count = 3;
	int err = l4_invoke(tcb, L4_TCB_READ_REGISTERS, 1, &count, &m);
	if (!err) {
		*pc = m.mr[L4_REG_PC];
		*sp = m.mr[L4_REG_SP];
		*r0 = m.mr[L4_REG_R0];
	}
	return err;
}

int l4_tcb_write_all_registers(l4_cptr_t tcb, const unsigned *regs, unsigned n, int resume)
{
	unsigned args[2 + L4_REG_COUNT];
	if (n > L4_REG_COUNT)
		n = L4_REG_COUNT;
	args[0] = resume ? L4_WRITE_REGISTERS_RESUME : 0;
	args[1] = n;
	for (unsigned i = 0; i < n; i++)
		args[2 + i] = regs[i];
	return l4_invoke(tcb, L4_TCB_WRITE_REGISTERS, 2 + n, args, 0);
}

/* Invokes and copies the reply's n values (beyond six from the IPC buffer). */
static int invoke_for_values(l4_cptr_t cap, unsigned label, unsigned length, const unsigned *args,
			     unsigned *values, unsigned n)
{
	struct l4_msg m;
	int err = l4_invoke(cap, label, length, args, &m);
	if (err)
		return err;
	if (l4_msginfo_length(m.info) != n)
		return L4_TRUNCATED_MESSAGE; /* no IPC buffer for the rest */
	const struct l4_ipc_buffer *buf = l4_ipc_buffer();
	for (unsigned i = 0; i < n; i++)
		values[i] = i < L4_MSG_REGISTERS_IN_CPU ? m.mr[i] : buf->mr[i];
	return 0;
}

int l4_tcb_read_all_registers(l4_cptr_t tcb, unsigned regs[L4_REG_COUNT])
{
	const unsigned count = L4_REG_COUNT;
	return invoke_for_values(tcb, L4_TCB_READ_REGISTERS, 1, &count, regs, L4_REG_COUNT);
}

int l4_tcb_suspend(l4_cptr_t tcb)
{
	return l4_invoke(tcb, L4_TCB_SUSPEND, 0, 0, 0);
}

int l4_tcb_resume(l4_cptr_t tcb)
{
	return l4_invoke(tcb, L4_TCB_RESUME, 0, 0, 0);
}

int l4_tcb_set_priority(l4_cptr_t tcb, unsigned priority, l4_cptr_t authority)
{
	return INVOKE(tcb, L4_TCB_SET_PRIORITY, priority, authority);
}

int l4_tcb_set_mcp(l4_cptr_t tcb, unsigned mcp, l4_cptr_t authority)
{
	return INVOKE(tcb, L4_TCB_SET_MCP, mcp, authority);
}

int l4_tcb_bind_notification(l4_cptr_t tcb, l4_cptr_t ntfn)
{
	return INVOKE(tcb, L4_TCB_BIND_NOTIFICATION, ntfn);
}

int l4_tcb_unbind_notification(l4_cptr_t tcb)
{
	return l4_invoke(tcb, L4_TCB_UNBIND_NOTIFICATION, 0, 0, 0);
}

#define IPC(stub, ep, m)                 \
	({                               \
		(m)->word = (ep);        \
		stub(m);                 \
		(m)->word;               \
	})

unsigned l4_send(l4_cptr_t ep, struct l4_msg *m) { return IPC(l4_sys_send, ep, m); }
unsigned l4_nbsend(l4_cptr_t ep, struct l4_msg *m) { return IPC(l4_sys_nbsend, ep, m); }
unsigned l4_call(l4_cptr_t ep, struct l4_msg *m) { return IPC(l4_sys_call, ep, m); }
unsigned l4_recv(l4_cptr_t ep, struct l4_msg *m) { return IPC(l4_sys_recv, ep, m); }
unsigned l4_nbrecv(l4_cptr_t ep, struct l4_msg *m) { return IPC(l4_sys_nbrecv, ep, m); }
unsigned l4_reply_recv(l4_cptr_t ep, struct l4_msg *m) { return IPC(l4_sys_reply_recv, ep, m); }

void l4_signal(l4_cptr_t ntfn)
{
	struct l4_msg m = {0};
	IPC(l4_sys_send, ntfn, &m);
}

unsigned l4_wait(l4_cptr_t ntfn)
{
	struct l4_msg m = {0};
	return IPC(l4_sys_recv, ntfn, &m);
}

unsigned l4_poll(l4_cptr_t ntfn)
{
	struct l4_msg m = {0};
	return IPC(l4_sys_nbrecv, ntfn, &m);
}

int l4_frame_map(l4_cptr_t frame, l4_cptr_t vspace, unsigned vaddr, unsigned rights,
		 unsigned attributes)
{
	return INVOKE(frame, L4_FRAME_MAP, vspace, vaddr, rights, attributes);
}

int l4_frame_unmap(l4_cptr_t frame)
{
	return l4_invoke(frame, L4_FRAME_UNMAP, 0, 0, 0);
}

int l4_frame_clean(l4_cptr_t frame, unsigned offset, unsigned length)
{
	return INVOKE(frame, L4_FRAME_CLEAN, offset, length);
}

int l4_page_table_map(l4_cptr_t table, l4_cptr_t vspace, unsigned vaddr)
{
	return INVOKE(table, L4_PAGE_TABLE_MAP, vspace, vaddr);
}

int l4_page_table_unmap(l4_cptr_t table)
{
	return l4_invoke(table, L4_PAGE_TABLE_UNMAP, 0, 0, 0);
}

int l4_irq_control_get(l4_cptr_t control, unsigned intid, l4_cptr_t cnode, unsigned index)
{
	return INVOKE(control, L4_IRQ_CONTROL_GET, intid, cnode, index);
}

int l4_vspace_id_make_pool(l4_cptr_t control, l4_cptr_t untyped, l4_cptr_t cnode, unsigned index)
{
	return INVOKE(control, L4_VSPACE_ID_CONTROL_MAKE_POOL, untyped, cnode, index);
}

int l4_vspace_id_assign(l4_cptr_t pool, l4_cptr_t vspace)
{
	return INVOKE(pool, L4_VSPACE_ID_POOL_ASSIGN, vspace);
}

int l4_irq_handler_set_notification(l4_cptr_t handler, l4_cptr_t ntfn)
{
	return INVOKE(handler, L4_IRQ_HANDLER_SET_NOTIFICATION, ntfn);
}

int l4_irq_handler_ack(l4_cptr_t handler)
{
	return l4_invoke(handler, L4_IRQ_HANDLER_ACK, 0, 0, 0);
}

int l4_vcpu_set_tcb(l4_cptr_t vcpu, l4_cptr_t tcb)
{
	return INVOKE(vcpu, L4_VCPU_SET_TCB, tcb);
}

#define VCPU_REGISTERS_PER_CALL 22 /* 24 message registers less first and count */

int l4_vcpu_write_registers(l4_cptr_t vcpu, unsigned first, unsigned count, const unsigned *values)
{
	unsigned args[2 + VCPU_REGISTERS_PER_CALL] = {first, count};
	if (count > VCPU_REGISTERS_PER_CALL)
		return L4_RANGE_ERROR;
	for (unsigned i = 0; i < count; i++)
		args[2 + i] = values[i];
	return l4_invoke(vcpu, L4_VCPU_WRITE_REGISTERS, 2 + count, args, 0);
}

int l4_vcpu_read_registers(l4_cptr_t vcpu, unsigned first, unsigned count, unsigned *values)
{
	const unsigned args[] = {first, count};
	return invoke_for_values(vcpu, L4_VCPU_READ_REGISTERS, 2, args, values, count);
}

int l4_vcpu_inject_irq(l4_cptr_t vcpu, unsigned virq, unsigned priority, unsigned flags)
{
	return INVOKE(vcpu, L4_VCPU_INJECT_IRQ, virq, priority, flags);
}

int l4_vcpu_ack_irq(l4_cptr_t vcpu, unsigned virq)
{
	return INVOKE(vcpu, L4_VCPU_ACK_IRQ, virq);
}

int l4_vcpu_set_state_page(l4_cptr_t vcpu, l4_cptr_t frame)
{
	return INVOKE(vcpu, L4_VCPU_SET_STATE_PAGE, frame);
}

int l4_vcpu_set_traps(l4_cptr_t vcpu, unsigned flags)
{
	return INVOKE(vcpu, L4_VCPU_SET_TRAPS, flags);
}

int l4_vcpu_stats(l4_cptr_t vcpu, unsigned stats[L4_VCPU_STATS_COUNT])
{
	return invoke_for_values(vcpu, L4_VCPU_STATS, 0, 0, stats, L4_VCPU_STATS_COUNT);
}
