// SPDX-License-Identifier: MIT
#include "remote_space.h"

#define ROOT_CNODE L4_CAP_INIT_CNODE

extern const unsigned __remote_start[], __remote_end[];

static l4_cptr_t new_object(struct remote_space *rs, l4_cptr_t untyped,
			    l4_cptr_t (*slot_alloc)(void), unsigned type)
{
	l4_cptr_t slot = slot_alloc();
	int err = l4_untyped_retype(untyped, type, 0, ROOT_CNODE, slot, 1);
	if (err && !rs->error)
		rs->error = err;
	return slot;
}

static void record(struct remote_space *rs, int err)
{
	if (err && !rs->error)
		rs->error = err;
}

static int map(l4_cptr_t cap, unsigned label, l4_cptr_t vspace, unsigned vaddr, unsigned rights,
	       unsigned attributes)
{
	const unsigned args[] = {vspace, vaddr, rights, attributes};
	return l4_invoke(cap, label, label == L4_FRAME_MAP ? 4 : 2, args, 0);
}

int remote_space_create(struct remote_space *rs, l4_cptr_t untyped, l4_cptr_t (*slot_alloc)(void),
			l4_cptr_t id_pool, unsigned staging)
{
	rs->error = 0;
	if ((unsigned)(__remote_end - __remote_start) * 4 > L4_PAGE_SIZE)
		return rs->error = L4_RANGE_ERROR; /* the remote section must fit a page */
	rs->vspace = new_object(rs, untyped, slot_alloc, L4_OBJ_VSPACE);
	record(rs, l4_vspace_id_assign(id_pool, rs->vspace));
	if (L4_HAS_PAGE_DIRECTORY) {
		l4_cptr_t pd = new_object(rs, untyped, slot_alloc, L4_OBJ_PAGE_DIRECTORY);
		record(rs, map(pd, L4_PAGE_TABLE_MAP, rs->vspace, 0, 0, 0));
	}
	l4_cptr_t pt = new_object(rs, untyped, slot_alloc, L4_OBJ_PAGE_TABLE);
	record(rs, map(pt, L4_PAGE_TABLE_MAP, rs->vspace, 0, 0, 0));

	l4_cptr_t code = new_object(rs, untyped, slot_alloc, L4_OBJ_FRAME_4K);
	l4_cptr_t code_there = slot_alloc();
	record(rs, map(code, L4_FRAME_MAP, L4_CAP_INIT_VSPACE, staging, L4_RIGHTS_ALL, 0));
	if (rs->error)
		return rs->error;
	for (unsigned i = 0; i < L4_PAGE_SIZE / 4; i++)
		((volatile unsigned *)staging)[i] = __remote_start[i];
	record(rs, l4_invoke(code, L4_FRAME_UNMAP, 0, 0, 0));
	record(rs, l4_frame_clean(code, 0, L4_PAGE_SIZE)); /* the code, to instruction fetch */
	record(rs, l4_cnode_copy(ROOT_CNODE, code_there, code, L4_RIGHT_READ));
	record(rs, map(code_there, L4_FRAME_MAP, rs->vspace, (unsigned)__remote_start, L4_RIGHT_READ,
		       L4_FRAME_EXECUTABLE));
	l4_cptr_t stack = new_object(rs, untyped, slot_alloc, L4_OBJ_FRAME_4K);
	record(rs, map(stack, L4_FRAME_MAP, rs->vspace, REMOTE_STACK_TOP - L4_PAGE_SIZE, L4_RIGHTS_ALL, 0));
	return rs->error;
}

l4_cptr_t remote_thread_start(struct remote_space *rs, l4_cptr_t untyped,
			      l4_cptr_t (*slot_alloc)(void), void (*entry)(unsigned), unsigned arg,
			      unsigned priority)
{
	l4_cptr_t tcb = new_object(rs, untyped, slot_alloc, L4_OBJ_TCB);
	record(rs, l4_tcb_configure(tcb, ROOT_CNODE, rs->vspace, 0, 0));
	record(rs, l4_tcb_set_priority(tcb, priority, L4_CAP_INIT_TCB));
	record(rs, l4_tcb_write_registers(tcb, (unsigned)entry, REMOTE_STACK_TOP, arg, 1));
	return rs->error ? 0 : tcb;
}
