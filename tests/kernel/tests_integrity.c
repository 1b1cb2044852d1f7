// SPDX-License-Identifier: MIT
/* Kernel integrity: what a task holding ordinary caps could use to break
 * the kernel's guarantees. Each test failed on the kernel before the fix
 * it names. */
#include "harness.h"

/* A copy of an untyped takes its memory over: the original hands out
 * nothing while the copy (or what it made) exists, so the two never put
 * objects on the same memory. */
static int copied_untyped_hands_out_its_memory_once(void)
{
	l4_cptr_t small = slot_alloc(), copy = slot_alloc(), a = slot_alloc(), b = slot_alloc();
	CHECK_EQ(l4_untyped_retype(test_untyped, L4_OBJ_UNTYPED, 12, ROOT, small, 1), L4_OK);
	CHECK_EQ(l4_cnode_copy(ROOT, copy, small, L4_RIGHTS_ALL), L4_OK);
	CHECK_EQ(l4_untyped_retype(copy, L4_OBJ_FRAME_4K, 0, ROOT, a, 1), L4_OK);
	CHECK_EQ(l4_untyped_retype(small, L4_OBJ_FRAME_4K, 0, ROOT, b, 1), L4_NOT_ENOUGH_MEMORY);
	/* a copy of an untyped with children could make its objects again */
	CHECK_EQ(l4_cnode_copy(ROOT, slot_alloc(), copy, L4_RIGHTS_ALL), L4_REVOKE_FIRST);
	/* with the copy and its frame gone, the memory is the original's again */
	CHECK_EQ(l4_cnode_revoke(ROOT, small), L4_OK);
	CHECK_EQ(l4_untyped_retype(small, L4_OBJ_FRAME_4K, 0, ROOT, b, 1), L4_OK);
	CHECK_EQ(l4_cnode_copy(ROOT, slot_alloc(), a, L4_RIGHTS_ALL), L4_FAILED_LOOKUP);
	return 0;
}

/* Copies of a boot cap (which has no parent) outlive it: deleting one of
 * them must not destroy the object under the other. Done with the root
 * task's own TCB cap, whose object's end would end the suite. */
static int orphaned_copies_keep_their_object(void)
{
	l4_cptr_t first = slot_alloc(), second = slot_alloc();
	CHECK_EQ(l4_cnode_copy(ROOT, first, L4_CAP_INIT_TCB, L4_RIGHTS_ALL), L4_OK);
	CHECK_EQ(l4_cnode_copy(ROOT, second, L4_CAP_INIT_TCB, L4_RIGHTS_ALL), L4_OK);
	CHECK_EQ(l4_cnode_delete(ROOT, L4_CAP_INIT_TCB), L4_OK); /* the boot cap itself */
	CHECK_EQ(l4_cnode_delete(ROOT, first), L4_OK);
	l4_yield(); /* still here: the TCB lives on through the other copy */
	CHECK_EQ(l4_cnode_move(ROOT, L4_CAP_INIT_TCB, second), L4_OK);
	CHECK_EQ(l4_tcb_set_priority(L4_CAP_INIT_TCB, 255, L4_CAP_INIT_TCB), L4_OK);
	return 0;
}

/* A page table has one cap and one place: its cap cannot be copied (a
 * copy of a mapped one used to start unmapped, so one table could sit in
 * two VSpaces), and it leaves no entries behind when unmapped. This is the
 * reproduction from the review: a table unmapped, mapped at another
 * address, the frame in it deleted; a new frame at the old entry's address
 * found the deleted frame's entry still there (error 8, DELETE_FIRST).
 * The same for the top level a task maps (a directory on HYP, a table on
 * SVC) taken out of a VSpace that is gone. */
static int page_tables_sit_in_one_place_and_move_empty(void)
{
	CHECK_EQ(window_ready(), 0);
	const unsigned first = WINDOW + 0x20000000u, second = WINDOW + 0x20200000u;
	l4_cptr_t pt = object_new(L4_OBJ_PAGE_TABLE, 0);
	l4_cptr_t old_frame = object_new(L4_OBJ_FRAME_4K, 0), new_frame = object_new(L4_OBJ_FRAME_4K, 0);
	CHECK(pt && old_frame && new_frame);
	CHECK_EQ(l4_cnode_copy(ROOT, slot_alloc(), pt, L4_RIGHTS_ALL), L4_ILLEGAL_OPERATION);
#if L4_HAS_PAGE_DIRECTORY
	l4_cptr_t pd = object_new(L4_OBJ_PAGE_DIRECTORY, 0);
	CHECK(pd);
	CHECK_EQ(l4_cnode_copy(ROOT, slot_alloc(), pd, L4_RIGHTS_ALL), L4_ILLEGAL_OPERATION);
#endif
	/* the window's own directory (HYP) covers first and second: a fresh
	 * VSpace for the directory test below, this one in the root task's */
	CHECK_EQ(l4_page_table_map(pt, L4_CAP_INIT_VSPACE, first), L4_OK);
	CHECK_EQ(l4_frame_map(old_frame, L4_CAP_INIT_VSPACE, first, L4_RIGHTS_ALL, 0), L4_OK);
	*(volatile unsigned *)first = 0x0ddba11u;
	CHECK_EQ(l4_page_table_unmap(pt), L4_OK);
	CHECK_EQ(l4_page_table_map(pt, L4_CAP_INIT_VSPACE, second), L4_OK);
	CHECK_EQ(l4_cnode_delete(ROOT, old_frame), L4_OK);
	/* the table came back empty: the old frame's entry is not at second */
	CHECK_EQ(l4_frame_map(new_frame, L4_CAP_INIT_VSPACE, second, L4_RIGHTS_ALL, 0), L4_OK);
	CHECK_EQ(*(volatile unsigned *)second, 0); /* the new frame, zeroed */
	CHECK_EQ(l4_frame_unmap(new_frame), L4_OK);
	CHECK_EQ(l4_page_table_unmap(pt), L4_OK);
#if L4_HAS_PAGE_DIRECTORY
	/* a directory of a VSpace that is gone comes back empty too */
	l4_cptr_t vs = object_new(L4_OBJ_VSPACE, 0);
	CHECK(vs);
	CHECK_EQ(l4_page_table_map(pd, vs, 0x40000000u), L4_OK);
	CHECK_EQ(l4_page_table_map(pt, vs, 0x40000000u), L4_OK);
	CHECK_EQ(l4_cnode_delete(ROOT, vs), L4_OK);
	CHECK_EQ(l4_page_table_unmap(pd), L4_OK);
	CHECK_EQ(l4_page_table_unmap(pt), L4_OK);
	l4_cptr_t vs2 = object_new(L4_OBJ_VSPACE, 0);
	CHECK(vs2);
	CHECK_EQ(l4_page_table_map(pd, vs2, 0x80000000u), L4_OK);
	/* the directory is empty: a table maps where the old one was */
	l4_cptr_t pt2 = object_new(L4_OBJ_PAGE_TABLE, 0);
	CHECK(pt2);
	CHECK_EQ(l4_page_table_map(pt2, vs2, 0x80000000u), L4_OK);
	CHECK_EQ(l4_cnode_delete(ROOT, vs2), L4_OK);
#else
	/* a table with a frame in it, of a VSpace that is gone, comes back
	 * empty too (SVC: the table is the level mapped into the VSpace) */
	l4_cptr_t vs = object_new(L4_OBJ_VSPACE, 0);
	CHECK(vs);
	CHECK_EQ(l4_page_table_map(pt, vs, 0x40000000u), L4_OK);
	CHECK_EQ(l4_frame_map(new_frame, vs, 0x40001000u, L4_RIGHTS_ALL, 0), L4_OK);
	CHECK_EQ(l4_cnode_delete(ROOT, vs), L4_OK);
	CHECK_EQ(l4_page_table_unmap(pt), L4_OK);
	l4_cptr_t vs2 = object_new(L4_OBJ_VSPACE, 0), other_frame = object_new(L4_OBJ_FRAME_4K, 0);
	CHECK(vs2 && other_frame);
	CHECK_EQ(l4_page_table_map(pt, vs2, 0x7fe00000u), L4_OK); /* the last 2 MiB of user space */
	/* the table is empty: a frame maps where the old one was */
	CHECK_EQ(l4_frame_map(other_frame, vs2, 0x7fe01000u, L4_RIGHTS_ALL, 0), L4_OK);
	CHECK_EQ(l4_cnode_delete(ROOT, vs2), L4_OK);
#endif
	return 0;
}

/* Deleting the last cap to the first of a chain of 3,000 CNodes, each
 * holding the last cap to the next, destroys them all without recursing on
 * the kernel stack (the kernel used to recurse once per CNode: at about a
 * hundred it ran off its 8 KiB stack). A TCB whose CSpace is the next
 * CNode sits in the chain too. Then the memory is whole again. */
#define CHAIN_LENGTH 3000u
static int deleting_a_long_chain_of_cnodes_does_not_recurse(void)
{
	l4_cptr_t memory = slot_alloc(), tmp = slot_alloc(), head = slot_alloc();
	CHECK_EQ(l4_untyped_retype(test_untyped, L4_OBJ_UNTYPED, 21, ROOT, memory, 1), L4_OK);
	/* built from the end: the chain's head is always in `head` */
	CHECK_EQ(l4_untyped_retype(memory, L4_OBJ_CNODE, 1, ROOT, head, 1), L4_OK);
	for (unsigned i = 1; i < CHAIN_LENGTH; i++) {
		CHECK_EQ(l4_untyped_retype(memory, L4_OBJ_CNODE, 1, ROOT, tmp, 1), L4_OK);
		CHECK_EQ(l4_cnode_move(tmp, 0, head), L4_OK);
		CHECK_EQ(l4_cnode_move(ROOT, head, tmp), L4_OK);
		if (i == CHAIN_LENGTH / 2) { /* a TCB in the chain: its CSpace is the rest */
			CHECK_EQ(l4_untyped_retype(memory, L4_OBJ_TCB, 0, ROOT, tmp, 1), L4_OK);
			CHECK_EQ(l4_tcb_configure(tmp, head, L4_CAP_INIT_VSPACE, 0, 0), L4_OK);
			CHECK_EQ(l4_cnode_delete(ROOT, head), L4_OK); /* the TCB has the last one */
			CHECK_EQ(l4_untyped_retype(memory, L4_OBJ_CNODE, 1, ROOT, head, 1), L4_OK);
			CHECK_EQ(l4_cnode_move(head, 0, tmp), L4_OK);
		}
	}
	CHECK_EQ(l4_cnode_delete(ROOT, head), L4_OK);
	/* all gone: the untyped has no children left and takes a retype of all of it */
	CHECK_EQ(l4_untyped_retype(memory, L4_OBJ_FRAME_2M, 0, ROOT, tmp, 1), L4_OK);
	CHECK_EQ(l4_cnode_copy(ROOT, slot_alloc(), memory, L4_RIGHTS_ALL), L4_REVOKE_FIRST);
	CHECK_EQ(l4_cnode_revoke(ROOT, memory), L4_OK);
	CHECK_EQ(l4_cnode_copy(ROOT, slot_alloc(), memory, L4_RIGHTS_ALL), L4_OK);
	return 0;
}

/* The kernel reads and writes IPC buffers only in RAM: a buffer on a
 * device frame is no buffer (the message is cut to its registers), where
 * it used to stop the kernel with a data abort in HYP. */
static volatile unsigned sender_done;
static void long_sender(unsigned ep)
{
	struct l4_msg m = msg(7, 10);
	m.word = ep;
	l4_sys_send(&m);
	sender_done = 1;
	for (;;)
		l4_yield();
}

static int ipc_buffer_on_a_device_frame_is_no_buffer(void)
{
	CHECK_EQ(window_ready(), 0);
	/* device memory: no RAM, not mapped in the kernel, not the GICV */
	unsigned long long paddr = 0;
	for (unsigned i = bootinfo->untyped_count; i-- > 0;)
		if (bootinfo->untyped[i].is_device && plain_device_page(i))
			paddr = plain_device_page(i);
	l4_cptr_t dev = device_frame(paddr);
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0);
	CHECK(dev && ep);
	const unsigned va = WINDOW + 0x1e000;
	CHECK_EQ(l4_frame_map(dev, L4_CAP_INIT_VSPACE, va, L4_RIGHTS_ALL, L4_FRAME_UNCACHED), L4_OK);
	struct test_thread *t = thread_new(long_sender, ep, 255, 0, 0);
	CHECK(t);
	CHECK_EQ(l4_tcb_configure(t->tcb, ROOT, L4_CAP_INIT_VSPACE, 0, va), L4_OK);
	CHECK_EQ(l4_tcb_resume(t->tcb), L4_OK);
	struct l4_msg m = msg(0, 0);
	m.word = ep;
	l4_sys_recv(&m);
	thread_stop(t);
	l4_invoke(dev, L4_FRAME_UNMAP, 0, 0, 0);
	CHECK_EQ(l4_msginfo_label(m.info), 7);
	CHECK_EQ(l4_msginfo_length(m.info), L4_MSG_REGISTERS_IN_CPU);
	CHECK(sender_done);
	return 0;
}

/* The lines the kernel handles itself (its tick, the virtual timer, the
 * GIC maintenance interrupt) are not for IRQControl_Get: a handler cap to
 * one would let its holder detach the kernel's handler. */
static int kernel_interrupt_lines_are_not_handed_out(void)
{
#ifdef CONFIG_ARM_HYP
	static const unsigned kernel_lines[] = {25, 26, 27}; /* maintenance, HYP timer, virtual timer */
#else
	static const unsigned kernel_lines[] = {KERNEL_TICK_INTID};
#endif
	for (unsigned i = 0; i < sizeof(kernel_lines) / sizeof(kernel_lines[0]); i++) {
		l4_cptr_t slot = slot_alloc();
		CHECK_EQ(l4_irq_control_get(L4_CAP_IRQ_CONTROL, kernel_lines[i], ROOT, slot),
			 L4_ILLEGAL_OPERATION);
	}
	return 0;
}

/* Binding a notification makes its signals the thread's messages: the
 * cap must carry the Read right. */
static int bind_notification_needs_the_read_right(void)
{
	l4_cptr_t n = object_new(L4_OBJ_NOTIFICATION, 0), tcb = object_new(L4_OBJ_TCB, 0);
	l4_cptr_t send_only = slot_alloc();
	CHECK(n && tcb);
	CHECK_EQ(l4_cnode_copy(ROOT, send_only, n, L4_RIGHT_WRITE), L4_OK);
	CHECK_EQ(l4_tcb_bind_notification(tcb, send_only), L4_INSUFFICIENT_RIGHTS);
	CHECK_EQ(l4_tcb_bind_notification(tcb, n), L4_OK);
	return 0;
}

/* VSpace ids come from pools made of the user's own untyped memory. The
 * kernel used to hand out ids from one table of 1023 for the whole
 * system: one task that made 1023 VSpaces left no address space to anyone
 * else. Now a task that uses up its pool gets NOT_ENOUGH_MEMORY and
 * another task's pool still gives ids. */
#ifdef CONFIG_ARM_HYP
#define POOL_TEST_MEMORY_BITS 23
#else
#define POOL_TEST_MEMORY_BITS 25 /* an SVC VSpace is 16 KiB: 1023 take 16 MiB */
#endif

static int a_full_vspace_id_pool_hurts_only_its_owner(void)
{
	l4_cptr_t memory = slot_alloc(), mine = slot_alloc(), theirs = slot_alloc();
	l4_cptr_t store = slot_alloc(), tmp = slot_alloc(), spare = slot_alloc();
	l4_cptr_t pool_memory[2] = {slot_alloc(), slot_alloc()};
	CHECK_EQ(l4_untyped_retype(test_untyped, L4_OBJ_UNTYPED, POOL_TEST_MEMORY_BITS, ROOT, memory, 1),
		 L4_OK);
	CHECK_EQ(l4_untyped_retype(memory, L4_OBJ_UNTYPED, 12, ROOT, pool_memory[0], 2), L4_OK);
	CHECK_EQ(l4_vspace_id_make_pool(L4_CAP_VSPACE_ID_CONTROL, pool_memory[0], ROOT, mine), L4_OK);
	CHECK_EQ(l4_vspace_id_make_pool(L4_CAP_VSPACE_ID_CONTROL, pool_memory[1], ROOT, theirs),
		 L4_OK);
	/* the pool's memory is used up: nothing else is made of it */
	CHECK_EQ(l4_untyped_retype(pool_memory[0], L4_OBJ_FRAME_4K, 0, ROOT, tmp, 1),
		 L4_NOT_ENOUGH_MEMORY);
	/* 1023 VSpaces with ids from `mine`, kept in a CNode of their own */
	CHECK_EQ(l4_untyped_retype(memory, L4_OBJ_CNODE, 10, ROOT, store, 1), L4_OK);
	for (unsigned i = 0; i < L4_VSPACE_IDS_PER_POOL; i++) {
		CHECK_EQ(l4_untyped_retype(memory, L4_OBJ_VSPACE, 0, ROOT, tmp, 1), L4_OK);
		CHECK_EQ(l4_vspace_id_assign(mine, tmp), L4_OK);
		CHECK_EQ(l4_cnode_move(store, i, tmp), L4_OK);
	}
	CHECK_EQ(l4_untyped_retype(memory, L4_OBJ_VSPACE, 0, ROOT, spare, 1), L4_OK);
	CHECK_EQ(l4_vspace_id_assign(mine, spare), L4_NOT_ENOUGH_MEMORY);
	/* without an id nothing maps into it and no thread runs in it */
	/* pd: the level a task maps first into a VSpace (a table on SVC) */
	l4_cptr_t pd = object_new(L4_HAS_PAGE_DIRECTORY ? L4_OBJ_PAGE_DIRECTORY : L4_OBJ_PAGE_TABLE, 0);
	l4_cptr_t tcb = object_new(L4_OBJ_TCB, 0);
	CHECK(pd && tcb);
	CHECK_EQ(l4_page_table_map(pd, spare, 0x40000000u), L4_ILLEGAL_OPERATION);
	CHECK_EQ(l4_tcb_configure(tcb, ROOT, spare, 0, 0), L4_ILLEGAL_OPERATION);
	/* someone else's pool still has ids; an id is given once */
	CHECK_EQ(l4_vspace_id_assign(theirs, spare), L4_OK);
	CHECK_EQ(l4_vspace_id_assign(theirs, spare), L4_ILLEGAL_OPERATION);
	CHECK_EQ(l4_page_table_map(pd, spare, 0x40000000u), L4_OK);
	/* deleting a pool takes every mapping out of its VSpaces with the ids */
	CHECK_EQ(l4_cnode_delete(ROOT, theirs), L4_OK);
	CHECK_EQ(l4_page_table_map(pd, spare, 0x40000000u), L4_ILLEGAL_OPERATION); /* still says mapped */
	CHECK_EQ(l4_page_table_unmap(pd), L4_OK);
	CHECK_EQ(l4_page_table_map(pd, spare, 0x40000000u), L4_ILLEGAL_OPERATION); /* no id */
	CHECK_EQ(l4_cnode_delete(store, 0), L4_OK); /* a VSpace goes: its id is free again */
	CHECK_EQ(l4_vspace_id_assign(mine, spare), L4_OK);
	CHECK_EQ(l4_page_table_map(pd, spare, 0x40000000u), L4_OK); /* its old place is empty */
	CHECK_INVARIANTS();
	/* the pool's untyped goes back to being memory when the pool goes */
	CHECK_EQ(l4_cnode_revoke(ROOT, pool_memory[0]), L4_OK);
	CHECK_EQ(l4_untyped_retype(pool_memory[0], L4_OBJ_FRAME_4K, 0, ROOT, tmp, 1), L4_OK);
	CHECK_EQ(l4_cnode_revoke(ROOT, memory), L4_OK);
	return 0;
}

/* Pools are made only of whole, unused 4 KiB of RAM, and the kernel's
 * directory of pools is small and full at L4_VSPACE_ID_POOLS: the holder
 * of the control cap (the root task) decides who gets one. */
static int vspace_id_pools_are_made_of_whole_untypeds(void)
{
	l4_cptr_t memory = slot_alloc(), big = slot_alloc(), small = slot_alloc();
	l4_cptr_t child = slot_alloc(), pool = slot_alloc();
	CHECK_EQ(l4_untyped_retype(test_untyped, L4_OBJ_UNTYPED, 20, ROOT, memory, 1), L4_OK);
	CHECK_EQ(l4_untyped_retype(memory, L4_OBJ_UNTYPED, 13, ROOT, big, 1), L4_OK);
	CHECK_EQ(l4_vspace_id_make_pool(L4_CAP_VSPACE_ID_CONTROL, big, ROOT, pool),
		 L4_INVALID_ARGUMENT);
	CHECK_EQ(l4_untyped_retype(memory, L4_OBJ_UNTYPED, 12, ROOT, small, 1), L4_OK);
	CHECK_EQ(l4_untyped_retype(small, L4_OBJ_ENDPOINT, 0, ROOT, child, 1), L4_OK);
	CHECK_EQ(l4_vspace_id_make_pool(L4_CAP_VSPACE_ID_CONTROL, small, ROOT, pool),
		 L4_REVOKE_FIRST);
	CHECK_EQ(l4_vspace_id_make_pool(L4_CAP_IRQ_CONTROL, small, ROOT, pool),
		 L4_ILLEGAL_OPERATION);
	CHECK_EQ(l4_cnode_revoke(ROOT, small), L4_OK);
	/* make pools until the directory is full */
	unsigned made = 0;
	int err = L4_OK;
	while (err == L4_OK && made <= L4_VSPACE_ID_POOLS) {
		l4_cptr_t u = slot_alloc(), p = slot_alloc();
		CHECK_EQ(l4_untyped_retype(memory, L4_OBJ_UNTYPED, 12, ROOT, u, 1), L4_OK);
		err = l4_vspace_id_make_pool(L4_CAP_VSPACE_ID_CONTROL, u, ROOT, p);
		made += err == L4_OK;
	}
	CHECK_EQ(err, L4_NOT_ENOUGH_MEMORY);
	CHECK(made > 0 && made < L4_VSPACE_ID_POOLS); /* the test's own pool is there too */
	CHECK_INVARIANTS();
	/* revoking their memory frees the places */
	CHECK_EQ(l4_cnode_revoke(ROOT, memory), L4_OK);
	CHECK_EQ(l4_untyped_retype(memory, L4_OBJ_UNTYPED, 12, ROOT, small, 1), L4_OK);
	CHECK_EQ(l4_vspace_id_make_pool(L4_CAP_VSPACE_ID_CONTROL, small, ROOT, pool), L4_OK);
	CHECK_EQ(l4_cnode_revoke(ROOT, memory), L4_OK);
	return 0;
}

/* The GIC's virtual CPU interface shows whichever VCPU is loaded, another
 * guest's too. The VMM used to get a frame cap to it that it could map
 * into its own address space; now it maps only into guest VSpaces, and
 * only VCPU-bound threads run in those. */
#ifdef CONFIG_ARM_HYP
static int vcpu_interface_maps_only_into_guest_vspaces(void)
{
	CHECK(bootinfo->gicv_paddr);
	CHECK_EQ(window_ready(), 0);
	l4_cptr_t gicv = device_frame(bootinfo->gicv_paddr);
	CHECK(gicv);
	CHECK_EQ(l4_frame_map(gicv, L4_CAP_INIT_VSPACE, WINDOW + 0x5000, L4_RIGHT_READ | L4_RIGHT_WRITE,
			      L4_FRAME_UNCACHED), L4_ILLEGAL_OPERATION);
	l4_cptr_t guest = object_new(L4_OBJ_GUEST_VSPACE, 0), pd = object_new(L4_OBJ_PAGE_DIRECTORY, 0);
	l4_cptr_t pt = object_new(L4_OBJ_PAGE_TABLE, 0), tcb = object_new(L4_OBJ_TCB, 0);
	l4_cptr_t vcpu = object_new(L4_OBJ_VCPU, 0);
	CHECK(guest && pd && pt && tcb && vcpu);
	CHECK_EQ(l4_page_table_map(pd, guest, 0x40000000u), L4_OK);
	CHECK_EQ(l4_page_table_map(pt, guest, 0x40000000u), L4_OK);
	CHECK_EQ(l4_frame_map(gicv, guest, 0x40000000u, L4_RIGHT_READ | L4_RIGHT_WRITE,
			      L4_FRAME_UNCACHED), L4_OK);
	/* a native thread cannot run there */
	CHECK_EQ(l4_tcb_configure(tcb, ROOT, guest, 0, 0), L4_ILLEGAL_OPERATION);
	CHECK_EQ(l4_vcpu_set_tcb(vcpu, tcb), L4_OK);
	CHECK_EQ(l4_tcb_configure(tcb, ROOT, guest, 0, 0), L4_OK);
	/* nor one that was a guest: without its VCPU it does not run again */
	CHECK_EQ(l4_cnode_delete(ROOT, vcpu), L4_OK);
	CHECK_EQ(l4_tcb_resume(tcb), L4_ILLEGAL_OPERATION);
	CHECK_EQ(l4_tcb_write_registers(tcb, 0x40000000u, 0, 0, 1), L4_ILLEGAL_OPERATION);
	CHECK_INVARIANTS();
	return 0;
}
#endif

/* Deleting the last cap to a CNode of 10,000 caps stops at a preemption
 * point when an interrupt is pending (the kernel used to delete them all
 * with interrupts masked). The CNode's slot then holds a zombie that
 * nothing but a delete reaches, and any delete of it goes on with the
 * work: here the thread the interrupt wakes finishes it. The timer has to
 * fire while the deletion runs; without -icount the host's load moves
 * that, so the delay is found by trying: doubled when the watcher woke
 * before the deletion began, halved when after it ended. */
#define ZOMBIE_COPIES 10000u
enum zombie_outcome { ZOMBIE_NONE, ZOMBIE_EARLY, ZOMBIE_LATE, ZOMBIE_SEEN };
static l4_cptr_t zombie_victim, zombie_ep, zombie_ntfn, zombie_handler;
static volatile int zombie_outcome;
static volatile int zombie_results[5];

static void zombie_watcher(unsigned unused)
{
	l4_cptr_t spare = slot_alloc(), other = slot_alloc();
	for (;;) {
		l4_wait(zombie_ntfn);
		timer_stop();
		int copy = l4_cnode_copy(ROOT, spare, zombie_victim, L4_RIGHTS_ALL);
		if (copy == L4_OK) { /* the deletion has not begun */
			l4_cnode_delete(ROOT, spare);
			zombie_outcome = ZOMBIE_EARLY;
		} else if (copy == L4_FAILED_LOOKUP) { /* it is over */
			zombie_outcome = ZOMBIE_LATE;
		} else {
			zombie_results[0] = copy;
			zombie_results[1] = l4_cnode_move(ROOT, other, zombie_victim);
			zombie_results[2] = l4_cnode_copy(zombie_victim, ZOMBIE_COPIES, zombie_ep,
							  L4_RIGHTS_ALL);
			zombie_results[3] = l4_cnode_delete(ROOT, zombie_victim);
			zombie_results[4] = l4_cnode_copy(ROOT, spare, zombie_victim, L4_RIGHTS_ALL);
			zombie_outcome = ZOMBIE_SEEN;
		}
		l4_irq_handler_ack(zombie_handler);
	}
}

static int fill_victim(void)
{
	zombie_victim = object_new(L4_OBJ_CNODE, 14);
	CHECK(zombie_victim);
	for (unsigned i = 0; i < ZOMBIE_COPIES; i++)
		CHECK_EQ(l4_cnode_copy(zombie_victim, i, zombie_ep, L4_RIGHTS_ALL), L4_OK);
	return 0;
}

static int deleting_a_large_cnode_stops_for_interrupts(void)
{
	timer_stop(); /* an earlier test's expired timer must not wake the watcher early */
	zombie_ntfn = object_new(L4_OBJ_NOTIFICATION, 0);
	zombie_ep = object_new(L4_OBJ_ENDPOINT, 0);
	CHECK(zombie_ntfn && zombie_ep);
	CHECK_EQ(get_handler(TEST_TIMER_INTID, &zombie_handler), L4_OK);
	CHECK_EQ(set_notification(zombie_handler, zombie_ntfn), L4_OK);
	struct test_thread *w = thread_start(zombie_watcher, 0, 255);
	CHECK(w);
	unsigned delay = 1000, tries = 0; /* counter ticks: 16 instructions each under -icount */
	int err = L4_OK;
	do {
		CHECK_EQ(fill_victim(), 0);
		zombie_outcome = ZOMBIE_NONE;
		CHECK_EQ(l4_tcb_set_priority(L4_CAP_INIT_TCB, 100, L4_CAP_INIT_TCB), L4_OK);
		timer_start(delay);
		err = l4_cnode_delete(ROOT, zombie_victim);
		CHECK_EQ(l4_tcb_set_priority(L4_CAP_INIT_TCB, 255, L4_CAP_INIT_TCB), L4_OK);
		timer_stop();
		CHECK_EQ(err, L4_OK);
		if (zombie_outcome == ZOMBIE_EARLY)
			delay *= 2;
		else if (zombie_outcome != ZOMBIE_SEEN)
			delay = delay / 2 + 1;
	} while (zombie_outcome != ZOMBIE_SEEN && ++tries < 12);
	CHECK_EQ(zombie_outcome, ZOMBIE_SEEN); /* the watcher ran mid-deletion */
	CHECK_EQ(zombie_results[0], L4_ILLEGAL_OPERATION);
	CHECK_EQ(zombie_results[1], L4_ILLEGAL_OPERATION);
	CHECK_EQ(zombie_results[2], L4_ILLEGAL_OPERATION);
	CHECK_EQ(zombie_results[3], L4_OK);
	CHECK_EQ(zombie_results[4], L4_FAILED_LOOKUP); /* gone */
	/* every copy went: the endpoint's own cap is its only one */
	l4_cptr_t copy = slot_alloc();
	CHECK_EQ(l4_cnode_copy(ROOT, copy, zombie_ep, L4_RIGHTS_ALL), L4_OK);
	CHECK_EQ(l4_cnode_revoke(ROOT, zombie_ep), L4_OK);
	CHECK_EQ(l4_cnode_copy(ROOT, slot_alloc(), copy, L4_RIGHTS_ALL), L4_FAILED_LOOKUP);
	CHECK_INVARIANTS();
	thread_stop(w);
	CHECK_EQ(l4_cnode_delete(ROOT, zombie_handler), L4_OK);
	return 0;
}

#define GUEST_VSPACES_NEED_HYP "guest VSpaces and the GIC's virtual CPU interface need the virtualization extensions"
DEFINE_TEST_LIST(integrity,
	T(copied_untyped_hands_out_its_memory_once),
	T(orphaned_copies_keep_their_object),
	T(page_tables_sit_in_one_place_and_move_empty),
	T(deleting_a_long_chain_of_cnodes_does_not_recurse),
	T(ipc_buffer_on_a_device_frame_is_no_buffer),
	T(kernel_interrupt_lines_are_not_handed_out),
	T(bind_notification_needs_the_read_right),
	T(a_full_vspace_id_pool_hurts_only_its_owner),
	T(vspace_id_pools_are_made_of_whole_untypeds),
	T_HYP(vcpu_interface_maps_only_into_guest_vspaces, GUEST_VSPACES_NEED_HYP),
	T(deleting_a_large_cnode_stops_for_interrupts))
