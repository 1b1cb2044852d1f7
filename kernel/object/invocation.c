// SPDX-License-Identifier: MIT
/* Dispatch of invocations by cap type, and the reply to the caller. */
#include <arch/object.h>
#include <tern/cspace.h>
#include <l4/ipc_buffer.h>
#include <tern/invocation.h>
#include <tern/ipc.h>
#include <tern/irq.h>
#include <tern/vcpu.h>
#include <tern/vspace.h>

#define MR_FIRST_REG 2

struct cte *invocation_lookup(const struct invocation *inv, uint32_t cptr, unsigned arg,
			      struct invocation_error *err)
{
	struct lookup_result r = cspace_lookup_slot(&inv->caller->cspace_root.cap, cptr, L4_CPTR_BITS);
	if (r.fault != LOOKUP_OK) {
		*err = invocation_fail(L4_FAILED_LOOKUP, arg);
		return NULL;
	}
	return r.slot;
}

struct cte *invocation_lookup_cap(const struct invocation *inv, uint32_t cptr, unsigned arg,
				  enum cap_type type, struct invocation_error *err)
{
	struct cte *slot = invocation_lookup(inv, cptr, arg, err);
	if (slot && slot->cap.type != type) {
		*err = invocation_fail(L4_INVALID_CAPABILITY, arg);
		return NULL;
	}
	return slot;
}

struct cte *invocation_empty_slot(const struct invocation *inv, unsigned cnode_arg,
				  struct invocation_error *err)
{
	struct cte *cn = invocation_lookup_cap(inv, inv->mr[cnode_arg], cnode_arg, CAP_CNODE, err);
	if (!cn)
		return NULL;
	uint32_t index = inv->mr[cnode_arg + 1], slots = 1u << cn->cap.size_bits;
	if (index >= slots) {
		*err = invocation_range(cnode_arg + 1, 0, slots - 1);
		return NULL;
	}
	struct cte *dest = (struct cte *)cn->cap.object + index;
	if (!cte_is_empty(dest)) {
		*err = invocation_fail(L4_DELETE_FIRST, cnode_arg + 1);
		return NULL;
	}
	return dest;
}

bool invocation_has_args(const struct invocation *inv, unsigned n, struct invocation_error *err)
{
	if (inv->length >= n)
		return true;
	*err = invocation_fail(L4_TRUNCATED_MESSAGE, inv->length);
	return false;
}

static struct invocation_error dispatch(struct invocation *inv)
{
	switch (inv->slot->cap.type) {
	case CAP_UNTYPED:
		return untyped_invoke(inv);
	case CAP_CNODE:
		return cnode_invoke(inv);
	case CAP_TCB:
		return tcb_invoke(inv);
	case CAP_IRQ_CONTROL:
		return irq_control_invoke(inv);
	case CAP_IRQ_HANDLER:
		return irq_handler_invoke(inv);
	case CAP_VCPU:
		return vcpu_invoke(inv);
	case CAP_VSPACE_ID_CONTROL:
		return vspace_id_control_invoke(inv);
	case CAP_VSPACE_ID_POOL:
		return vspace_id_pool_invoke(inv);
	default: /* frames and tables: the arch's */
		return arch_decode_invocation(inv);
	}
}

void invocation_perform(struct invocation *inv)
{
	struct invocation_error err = dispatch(inv);
	struct arch_context *c = &inv->caller->ctx;

	if (inv->restart) { /* the same call again, its arguments as it left them */
		for (unsigned i = 0; i < inv->restart_args && i < L4_MSG_REGISTERS_IN_CPU; i++)
			c->r[MR_FIRST_REG + i] = inv->mr[i];
		c->pc = arch_context_syscall_pc(c);
		return;
	}

	if (err.code != L4_OK) {
		c->r[MR_FIRST_REG + 0] = err.arg;
		c->r[MR_FIRST_REG + 1] = err.code == L4_RANGE_ERROR ? err.range_min : err.available;
		c->r[MR_FIRST_REG + 2] = err.range_max;
		c->r[1] = l4_msginfo(err.code, 0, 0, 3);
		return;
	}
	struct l4_ipc_buffer *buf =
		inv->reply_length > L4_MSG_REGISTERS_IN_CPU ? ipc_buffer_of(inv->caller, true) : NULL;
	if (!buf && inv->reply_length > L4_MSG_REGISTERS_IN_CPU)
		inv->reply_length = L4_MSG_REGISTERS_IN_CPU; /* no buffer: cut */
	for (unsigned i = 0; i < inv->reply_length; i++) {
		if (i < L4_MSG_REGISTERS_IN_CPU)
			c->r[MR_FIRST_REG + i] = inv->reply[i];
		else
			buf->mr[i] = inv->reply[i];
	}
	c->r[1] = l4_msginfo(L4_OK, 0, 0, inv->reply_length);
}
