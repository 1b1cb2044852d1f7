// SPDX-License-Identifier: MIT
/* Object life cycle: the cap a retype creates, and what deleting the last
 * cap to an object undoes. */
#include <arch/object.h>
#include <tern/ipc.h>
#include <tern/irq.h>
#include <tern/object.h>
#include <tern/string.h>
#include <tern/thread.h>
#include <tern/vcpu.h>
#include <tern/vspace.h>

#define TCB_DEFAULT_PRIORITY 0

static enum cap_type cap_type_of(enum l4_object_type type)
{
	switch (type) {
	case L4_OBJ_UNTYPED:
		return CAP_UNTYPED;
	case L4_OBJ_TCB:
		return CAP_TCB;
	case L4_OBJ_ENDPOINT:
		return CAP_ENDPOINT;
	case L4_OBJ_NOTIFICATION:
		return CAP_NOTIFICATION;
	case L4_OBJ_CNODE:
		return CAP_CNODE;
	default: /* frames, tables, VSpaces, VCPUs: the arch's */
		return arch_object_cap_type(type);
	}
}

void object_init(enum l4_object_type type, void *object, unsigned size_bits)
{
	if (type == L4_OBJ_TCB)
		thread_init(object, "thread", TCB_DEFAULT_PRIORITY);
	else if (type == L4_OBJ_VCPU)
		vcpu_init(object);
	else if (type == L4_OBJ_VSPACE || type == L4_OBJ_GUEST_VSPACE)
		arch_vspace_created(object, type == L4_OBJ_GUEST_VSPACE);
	/* every other object starts as zeroed memory */
}

struct cap object_cap(enum l4_object_type type, uintptr_t object, unsigned size_bits, bool device)
{
	struct cap c = {.type = (uint8_t)cap_type_of(type), .rights = L4_RIGHTS_ALL,
			.size_bits = (uint8_t)size_bits, .object = object};
	if (type == L4_OBJ_CNODE) {
		c.size_bits = (uint8_t)(size_bits - 5); /* radix: slots, not bytes */
		c.guard_bits = 0;
	}
	if (type == L4_OBJ_UNTYPED || arch_object_is_frame(type))
		c.device = device;
	return c;
}

static void destroy_tcb(struct tcb *t)
{
	thread_suspend(t);
	vcpu_unbind_tcb(t);
	if (t->bound_notification) {
		t->bound_notification->bound = NULL;
		t->bound_notification = NULL;
	}
	/* its cspace_root and vspace_root slots are emptied by the caller
	 * (cnode.c), which follows chains of objects without recursion */
}

void object_destroy(const struct cap *cap)
{
	switch (cap->type) {
	case CAP_ENDPOINT:
		ipc_cancel_all(&((struct endpoint *)cap->object)->queue);
		break;
	case CAP_NOTIFICATION: {
		struct notification *n = (struct notification *)cap->object;
		ipc_cancel_all(&n->waiters);
		irq_forget_notification(n);
		if (n->bound) {
			n->bound->bound_notification = NULL;
			n->bound = NULL;
		}
		break;
	}
	case CAP_TCB:
		destroy_tcb((struct tcb *)cap->object);
		break;
	case CAP_CNODE:
		break; /* its slots are emptied by the caller (cnode.c) */
	case CAP_IRQ_HANDLER:
		irq_handler_destroy(cap);
		break;
	case CAP_VSPACE:
		vspace_destroy((void *)cap->object);
		break;
	case CAP_VSPACE_ID_POOL:
		vspace_id_pool_destroy((void *)cap->object);
		break;
	case CAP_VCPU:
		vcpu_destroy((struct vcpu *)cap->object);
		break;
	default:
		break; /* frames and tables: unmapping comes with Frame_Map */
	}
}
