// SPDX-License-Identifier: MIT
/* System call entry: the number is the SVC immediate; r0 = cap pointer,
 * r1 = message info, r2-r7 = MR0-MR5 (see libl4/include/l4/abi.h). A
 * system call that fails returns badge 0 and the error as r1's label. */
#include <arch/console.h>
#include <arch/trap.h>
#include <tern/cspace.h>
#include <tern/invariants.h>
#include <tern/invocation.h>
#include <tern/ipc.h>
#include <tern/kconfig.h>
#include <l4/ipc_buffer.h>
#include <tern/printf.h>

#define MR_FIRST_REG 2

static void fail(struct tcb *t, enum l4_error e)
{
	t->ctx.r[0] = 0;
	t->ctx.r[1] = l4_msginfo(e, 0, 0, 0);
}

static struct cte *lookup(struct tcb *t)
{
	struct cte *slot = cspace_lookup_cptr(&t->cspace_root.cap, t->ctx.r[0]);
	if (!slot) {
		fail(t, L4_FAILED_LOOKUP);
		return NULL;
	}
	if (cte_is_empty(slot)) {
		fail(t, L4_INVALID_CAPABILITY);
		return NULL;
	}
	return slot;
}

static bool has_right(struct tcb *t, const struct cap *c, unsigned right)
{
	if (c->rights & right)
		return true;
	fail(t, L4_INSUFFICIENT_RIGHTS);
	return false;
}

static void do_send(struct tcb *t, bool blocking, bool call)
{
	struct cte *slot = lookup(t);
	if (!slot)
		return;
	struct cap *c = &slot->cap;
	switch (c->type) {
	case CAP_ENDPOINT:
		if (has_right(t, c, L4_RIGHT_WRITE))
			ipc_send(t, (struct endpoint *)c->object, c->badge, blocking, call,
				 c->rights & L4_RIGHT_GRANT);
		return;
	case CAP_NOTIFICATION:
		if (has_right(t, c, L4_RIGHT_WRITE)) {
			notification_signal((struct notification *)c->object, c->badge);
			t->ctx.r[1] = l4_msginfo(L4_OK, 0, 0, 0);
		}
		return;
	default: {
		l4_msginfo_t info = t->ctx.r[1];
		struct invocation inv = {.caller = t, .slot = slot, .label = l4_msginfo_label(info),
					 .length = l4_msginfo_length(info)};
		if (inv.length > INVOCATION_MAX_MRS)
			inv.length = INVOCATION_MAX_MRS;
		const struct l4_ipc_buffer *buf =
			inv.length > L4_MSG_REGISTERS_IN_CPU ? ipc_buffer_of(t, false) : NULL;
		if (!buf && inv.length > L4_MSG_REGISTERS_IN_CPU)
			inv.length = L4_MSG_REGISTERS_IN_CPU; /* the rest is not there */
		for (unsigned i = 0; i < inv.length; i++)
			inv.mr[i] = i < L4_MSG_REGISTERS_IN_CPU ? t->ctx.r[MR_FIRST_REG + i] : buf->mr[i];
		invocation_perform(&inv);
	}
	}
}

static void do_receive(struct tcb *t, bool blocking)
{
	struct cte *slot = lookup(t);
	if (!slot)
		return;
	struct cap *c = &slot->cap;
	if (c->type == CAP_ENDPOINT && has_right(t, c, L4_RIGHT_READ))
		ipc_receive(t, (struct endpoint *)c->object, blocking);
	else if (c->type == CAP_NOTIFICATION && has_right(t, c, L4_RIGHT_READ))
		notification_wait(t, (struct notification *)c->object, blocking);
	else if (c->type != CAP_ENDPOINT && c->type != CAP_NOTIFICATION)
		fail(t, L4_INVALID_CAPABILITY);
}

void kernel_syscall_call(void)
{
	struct tcb *t = boot_cpu.current;
	if (IS_ENABLED(CONFIG_IPC_FASTPATH))
		fastpath_call(t);
	do_send(t, true, true);
	sched_run_next();
}

void kernel_syscall_reply_recv(void)
{
	struct tcb *t = boot_cpu.current;
	if (IS_ENABLED(CONFIG_IPC_FASTPATH))
		fastpath_reply_recv(t);
	ipc_reply(t);
	do_receive(t, true);
	sched_run_next();
}

void kernel_syscall(unsigned number)
{
	struct tcb *t = boot_cpu.current;

	switch (number) {
	case L4_SYS_CALL:
		kernel_syscall_call();
	case L4_SYS_REPLY_RECV:
		kernel_syscall_reply_recv();
	case L4_SYS_SEND:
		do_send(t, true, false);
		break;
	case L4_SYS_NBSEND:
		do_send(t, false, false);
		break;
	case L4_SYS_RECV:
		do_receive(t, true);
		break;
	case L4_SYS_NBRECV:
		do_receive(t, false);
		break;
	case L4_SYS_YIELD:
		sched_yield();
		break;
	case L4_SYS_DEBUG_PUTCHAR:
		if (IS_ENABLED(CONFIG_DEBUG_CONSOLE)) {
			kputc((char)t->ctx.r[0]);
			break;
		}
		/* compiled out of release configurations: an unknown call */
		__attribute__((fallthrough));
	case L4_SYS_DEBUG_GETCHAR:
		if (number == L4_SYS_DEBUG_GETCHAR && IS_ENABLED(CONFIG_DEBUG_CONSOLE)) {
			t->ctx.r[0] = (uint32_t)arch_console_getc();
			break;
		}
		__attribute__((fallthrough));
	case L4_SYS_DEBUG_CHECK_INVARIANTS:
		if (number == L4_SYS_DEBUG_CHECK_INVARIANTS && IS_ENABLED(CONFIG_KERNEL_INVARIANTS)) {
			struct invariants_counts counts;
			t->ctx.r[0] = invariants_check(t, t->ctx.r[0], &counts);
			t->ctx.r[1] = counts.caps;
			t->ctx.r[2] = counts.mappings;
			t->ctx.r[3] = counts.vspaces;
			break;
		}
		__attribute__((fallthrough));
	default: {
		struct arch_fault f = {.type = ARCH_FAULT_UNKNOWN, .pc = arch_context_syscall_pc(&t->ctx),
				       .status = number};
		kernel_thread_fault(t, L4_FAULT_UNKNOWN_SYSCALL, &f);
	}
	}
	sched_run_next();
}
