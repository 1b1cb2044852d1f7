// SPDX-License-Identifier: MIT
/* Frames, page tables and VSpaces: mapping, rights, unmapping, revoke, and
 * IPC with a thread in a second address space. */
#include "../common/remote_space.h"
#include "harness.h"

static int frame_map(l4_cptr_t frame, l4_cptr_t vspace, unsigned vaddr, unsigned rights,
		     unsigned attributes, struct l4_msg *reply)
{
	const unsigned args[] = {vspace, vaddr, rights, attributes};
	return l4_invoke(frame, L4_FRAME_MAP, 4, args, reply);
}

static volatile unsigned probe_faulted, probe_done, probe_fault_addr, probe_fault_flags;
static volatile unsigned probe_addr, probe_write;

static void probe_body(unsigned unused)
{
	if (probe_write)
		*(volatile unsigned *)probe_addr = 0x5a5a5a5a;
	else
		(void)*(volatile unsigned *)probe_addr;
	probe_done = 1;
}

static void probe_handler(unsigned ep)
{
	struct l4_msg m = msg(0, 0);
	l4_recv(ep, &m);
	probe_faulted = 1;
	probe_fault_addr = m.mr[1];
	probe_fault_flags = m.mr[3];
	m = msg(1, 0); /* do not resume */
	l4_reply_recv(ep, &m);
}

/* Does a thread in the root task's address space fault on this access? */
static int access_faults(unsigned addr, int write)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0);
	probe_faulted = probe_done = 0;
	probe_addr = addr;
	probe_write = write;
	struct test_thread *h = thread_start(probe_handler, ep, 255);
	l4_yield();
	struct test_thread *t = thread_new(probe_body, 0, 255, ep, 1);
	for (int i = 0; i < 10 && !probe_faulted && !probe_done; i++)
		l4_yield();
	thread_stop(t);
	thread_stop(h);
	return probe_faulted;
}

static int mapped_frame_can_be_written_and_read(void)
{
	if (window_ready())
		return 1;
	l4_cptr_t f = object_new(L4_OBJ_FRAME_4K, 0);
	CHECK_EQ(frame_map(f, L4_CAP_INIT_VSPACE, WINDOW, L4_RIGHTS_ALL, 0, 0), L4_OK);
	volatile unsigned *p = (volatile unsigned *)WINDOW;
	CHECK_EQ(p[0], 0); /* frames start zeroed */
	p[0] = 0xcafe;
	p[1023] = 0xbeef;
	CHECK_EQ(p[0], 0xcafe);
	CHECK_EQ(p[1023], 0xbeef);
	CHECK_EQ(l4_invoke(f, L4_FRAME_UNMAP, 0, 0, 0), L4_OK);
	return 0;
}

static int unmapped_frame_faults(void)
{
	if (window_ready())
		return 1;
	l4_cptr_t f = object_new(L4_OBJ_FRAME_4K, 0);
	unsigned va = WINDOW + 0x1000;
	CHECK_EQ(frame_map(f, L4_CAP_INIT_VSPACE, va, L4_RIGHTS_ALL, 0, 0), L4_OK);
	CHECK(!access_faults(va, 0));
	CHECK_EQ(l4_invoke(f, L4_FRAME_UNMAP, 0, 0, 0), L4_OK);
	CHECK(access_faults(va, 0));
	CHECK_EQ(probe_fault_addr, va);
	return 0;
}

static int read_only_mapping_faults_on_write(void)
{
	if (window_ready())
		return 1;
	l4_cptr_t f = object_new(L4_OBJ_FRAME_4K, 0);
	unsigned va = WINDOW + 0x2000;
	CHECK_EQ(frame_map(f, L4_CAP_INIT_VSPACE, va, L4_RIGHT_READ, 0, 0), L4_OK);
	CHECK(!access_faults(va, 0));
	CHECK(access_faults(va, 1));
	CHECK_EQ(probe_fault_flags & L4_FAULT_WRITE, L4_FAULT_WRITE);
	return 0;
}

static int rights_are_limited_by_the_cap(void)
{
	if (window_ready())
		return 1;
	l4_cptr_t f = object_new(L4_OBJ_FRAME_4K, 0), ro = slot_alloc();
	CHECK_EQ(l4_cnode_copy(ROOT, ro, f, L4_RIGHT_READ), L4_OK);
	unsigned va = WINDOW + 0x3000;
	/* asks for read-write through a read-only cap: gets read-only */
	CHECK_EQ(frame_map(ro, L4_CAP_INIT_VSPACE, va, L4_RIGHTS_ALL, 0, 0), L4_OK);
	CHECK(access_faults(va, 1));
	struct l4_msg reply;
	CHECK_EQ(frame_map(f, L4_CAP_INIT_VSPACE, WINDOW + 0x4000, 0, 0, &reply),
		 L4_INSUFFICIENT_RIGHTS);
	CHECK_EQ(reply.mr[0], 2);
	return 0;
}

#ifdef CONFIG_ARM_HYP
#define NO_TABLE 0x7fe00000u
#else
#define NO_TABLE 0x3fe00000u /* 0x7fe00000 has the boot info's table on SVC */
#endif

static int map_reports_each_bad_argument(void)
{
	if (window_ready())
		return 1;
	l4_cptr_t f = object_new(L4_OBJ_FRAME_4K, 0), g = object_new(L4_OBJ_FRAME_4K, 0);
	struct l4_msg reply;
	CHECK_EQ(frame_map(f, L4_CAP_INIT_TCB, WINDOW + 0x5000, L4_RIGHTS_ALL, 0, &reply),
		 L4_INVALID_CAPABILITY);
	CHECK_EQ(reply.mr[0], 0);
	CHECK_EQ(frame_map(f, L4_CAP_INIT_VSPACE, WINDOW + 0x5004, L4_RIGHTS_ALL, 0, &reply),
		 L4_ALIGNMENT_ERROR);
	CHECK_EQ(reply.mr[0], 1);
	CHECK_EQ(frame_map(f, L4_CAP_INIT_VSPACE, L4_USER_TOP, L4_RIGHTS_ALL, 0, &reply),
		 L4_RANGE_ERROR);
	CHECK_EQ(reply.mr[0], 1);
	/* no page table covers NO_TABLE */
	CHECK_EQ(frame_map(f, L4_CAP_INIT_VSPACE, NO_TABLE, L4_RIGHTS_ALL, 0, &reply),
		 L4_FAILED_LOOKUP);
	CHECK_EQ(frame_map(f, L4_CAP_INIT_VSPACE, WINDOW + 0x5000, L4_RIGHTS_ALL, 0, 0), L4_OK);
	/* the same cap twice, and another frame on the same address */
	CHECK_EQ(frame_map(f, L4_CAP_INIT_VSPACE, WINDOW + 0x6000, L4_RIGHTS_ALL, 0, 0),
		 L4_ILLEGAL_OPERATION);
	CHECK_EQ(frame_map(g, L4_CAP_INIT_VSPACE, WINDOW + 0x5000, L4_RIGHTS_ALL, 0, &reply),
		 L4_DELETE_FIRST);
	CHECK_EQ(reply.mr[0], 1);
	return 0;
}

static int revoke_removes_mappings_made_through_copies(void)
{
	if (window_ready())
		return 1;
	l4_cptr_t f = object_new(L4_OBJ_FRAME_4K, 0), copy = slot_alloc();
	CHECK_EQ(l4_cnode_copy(ROOT, copy, f, L4_RIGHTS_ALL), L4_OK);
	unsigned va = WINDOW + 0x7000;
	CHECK_EQ(frame_map(copy, L4_CAP_INIT_VSPACE, va, L4_RIGHTS_ALL, 0, 0), L4_OK);
	CHECK(!access_faults(va, 1));
	CHECK_EQ(l4_cnode_revoke(ROOT, f), L4_OK);
	CHECK(access_faults(va, 0));
	return 0;
}

static int large_frame_maps_without_a_page_table(void)
{
	if (window_ready())
		return 1;
	l4_cptr_t f = object_new(L4_OBJ_FRAME_2M, 0);
	unsigned va = WINDOW + 0x200000;
	CHECK_EQ(frame_map(f, L4_CAP_INIT_VSPACE, va, L4_RIGHTS_ALL, 0, 0), L4_OK);
	volatile unsigned *p = (volatile unsigned *)va;
	p[0] = 1;
	p[(0x200000 / 4) - 1] = 2;
	CHECK_EQ(p[0] + p[(0x200000 / 4) - 1], 3);
	CHECK_EQ(l4_cnode_delete(ROOT, f), L4_OK); /* deleting the cap unmaps it */
	CHECK(access_faults(va, 0));
	return 0;
}

/* Runs in a second address space: replies to each Call with MR0 + 1000. */
REMOTE_SECTION static void remote_adder(unsigned ep)
{
	struct l4_msg m;
	remote_msg_init(&m, ep);
	l4_sys_recv(&m);
	for (;;) {
		m.mr[0] += 1000;
		m.info = l4_msginfo(0, 0, 0, 1);
		m.word = ep;
		l4_sys_reply_recv(&m);
	}
}

static int ipc_with_a_thread_in_another_address_space(void)
{
	if (window_ready())
		return 1;
	struct remote_space rs;
	CHECK_EQ(remote_space_create(&rs, test_untyped, slot_alloc, test_vspace_ids, WINDOW + 0x8000), L4_OK);
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0);
	l4_cptr_t tcb = remote_thread_start(&rs, test_untyped, slot_alloc, remote_adder, ep, 255);
	CHECK(tcb);
	for (unsigned i = 0; i < 10; i++) {
		struct l4_msg m = msg(0, 1);
		m.mr[0] = i;
		l4_call(ep, &m);
		CHECK_EQ(m.mr[0], 1000 + i);
	}
	CHECK_EQ(l4_tcb_suspend(tcb), L4_OK);
	return 0;
}

static int a_thread_whose_vspace_is_revoked_stops(void)
{
	if (window_ready())
		return 1;
	struct remote_space rs;
	CHECK_EQ(remote_space_create(&rs, test_untyped, slot_alloc, test_vspace_ids, WINDOW + 0xb000), L4_OK);
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0);
	l4_cptr_t tcb = remote_thread_start(&rs, test_untyped, slot_alloc, remote_adder, ep, 255);
	CHECK(tcb);
	struct l4_msg m = msg(0, 1);
	m.mr[0] = 1;
	l4_call(ep, &m);
	CHECK_EQ(m.mr[0], 1001);
	/* takes the VSpace cap the thread was configured with, too */
	CHECK_EQ(l4_cnode_revoke(ROOT, rs.vspace), L4_OK);
	m = msg(0, 1);
	l4_call(ep, &m); /* the server cannot run any more: the call fails */
	CHECK_EQ(l4_msginfo_label(m.info), L4_ILLEGAL_OPERATION);
	CHECK_EQ(l4_tcb_resume(tcb), L4_ILLEGAL_OPERATION); /* and it cannot be resumed */
	return 0;
}

static int device_untyped_gives_device_frames_only(void)
{
	if (window_ready())
		return 1;
	unsigned found = 0;
	l4_cptr_t dev = 0;
	unsigned long long dev_paddr = 0;
	for (unsigned i = 0; i < bootinfo->untyped_count; i++) {
		if (!bootinfo->untyped[i].is_device)
			continue;
		found++;
		/* never RAM (at 0x40000000 on virt, 0x80000000 on vexpress) */
		CHECK(bootinfo->untyped[i].paddr < 0x40000000ull ||
		      bootinfo->untyped[i].paddr >= 0xc0000000ull);
		if (!dev && bootinfo->untyped[i].size_bits >= 12 && plain_device_page(i)) {
			dev = bootinfo->untyped_first + i;
			dev_paddr = plain_device_page(i);
		}
	}
	CHECK(found > 0);
	CHECK(dev);
	struct l4_msg reply;
	const unsigned tcb_args[] = {L4_OBJ_TCB, 0, ROOT, slot_alloc(), 1};
	CHECK_EQ(l4_invoke(dev, L4_UNTYPED_RETYPE, 5, tcb_args, &reply), L4_INVALID_ARGUMENT);
	l4_cptr_t frame = device_frame(dev_paddr);
	CHECK(frame);
	unsigned va = WINDOW + 0xa000;
	CHECK_EQ(frame_map(frame, L4_CAP_INIT_VSPACE, va, L4_RIGHTS_ALL, L4_FRAME_UNCACHED, 0), L4_OK);
	CHECK(!access_faults(va, 0)); /* the device's registers answer */
	CHECK_EQ(l4_invoke(frame, L4_FRAME_UNMAP, 0, 0, 0), L4_OK);
	return 0;
}

/* Frame_Clean only writes cached data back: the data stays, and the range
 * must lie in the frame. (QEMU has no caches to show the effect itself.) */
static int clean_keeps_the_data_and_checks_its_range(void)
{
	if (window_ready())
		return 1;
	l4_cptr_t f = object_new(L4_OBJ_FRAME_4K, 0);
	l4_cptr_t big = object_new(L4_OBJ_FRAME_2M, 0);
	CHECK(f && big);
	unsigned va = WINDOW + 0xc000;
	CHECK_EQ(frame_map(f, L4_CAP_INIT_VSPACE, va, L4_RIGHTS_ALL, 0, 0), L4_OK);
	volatile unsigned *p = (volatile unsigned *)va;
	for (unsigned i = 0; i < 1024; i++)
		p[i] = i * 0x01010101u;
	CHECK_EQ(l4_frame_clean(f, 0, 4096), L4_OK);
	CHECK_EQ(l4_frame_clean(f, 100, 200), L4_OK);
	CHECK_EQ(l4_frame_clean(f, 4095, 1), L4_OK);
	CHECK_EQ(l4_frame_clean(big, 0, 0x200000), L4_OK);
	struct l4_msg reply;
	CHECK_EQ(l4_invoke(f, L4_FRAME_CLEAN, 2, (const unsigned[]){4096, 1}, &reply),
		 L4_RANGE_ERROR);
	CHECK_EQ(reply.mr[0], 0); /* the offset is wrong */
	CHECK_EQ(l4_invoke(f, L4_FRAME_CLEAN, 2, (const unsigned[]){4000, 97}, &reply),
		 L4_RANGE_ERROR);
	CHECK_EQ(reply.mr[0], 1); /* the length is */
	CHECK_EQ(reply.mr[2], 96);
	CHECK_EQ(l4_invoke(f, L4_FRAME_CLEAN, 1, (const unsigned[]){0}, 0), L4_TRUNCATED_MESSAGE);
	for (unsigned i = 0; i < 1024; i++)
		CHECK_EQ(p[i], i * 0x01010101u);
	CHECK_EQ(l4_frame_unmap(f), L4_OK);
	l4_cnode_delete(ROOT, f);
	l4_cnode_delete(ROOT, big);
	return 0;
}

/* Runs in a second address space: keeps the first Call's MR0 in its own
 * memory (the bottom of its stack page, at the same address in every such
 * space) and answers each Call with MR0 + 1000 and what it kept. */
#define REMOTE_KEPT (REMOTE_STACK_TOP - L4_PAGE_SIZE)
REMOTE_SECTION static void remote_keeper(unsigned ep)
{
	struct l4_msg m;
	remote_msg_init(&m, ep);
	l4_sys_recv(&m);
	*(volatile unsigned *)REMOTE_KEPT = m.mr[0];
	for (;;) {
		m.mr[1] = *(volatile unsigned *)REMOTE_KEPT;
		m.mr[0] += 1000;
		m.info = l4_msginfo(0, 0, 0, 2);
		m.word = ep;
		l4_sys_reply_recv(&m);
	}
}

/* More address spaces than hardware address-space ids (255 VMIDs on HYP,
 * 255 ASIDs on SVC): the ids roll over to a new generation and every space
 * keeps working, in its own memory: a stale translation tagged with a
 * reused id would show another space's kept number. */
#define MANY_SPACES 260

static int more_address_spaces_than_hardware_ids(void)
{
	if (window_ready())
		return 1;
	static l4_cptr_t eps[MANY_SPACES];
	for (unsigned i = 0; i < MANY_SPACES; i++) {
		struct remote_space rs;
		CHECK_EQ(remote_space_create(&rs, test_untyped, slot_alloc, test_vspace_ids, WINDOW + 0x9000), L4_OK);
		eps[i] = object_new(L4_OBJ_ENDPOINT, 0);
		CHECK(remote_thread_start(&rs, test_untyped, slot_alloc, remote_keeper, eps[i], 255));
		struct l4_msg m = msg(0, 1);
		m.mr[0] = i;
		l4_call(eps[i], &m);
		CHECK_EQ(m.mr[0], 1000 + i);
		CHECK_EQ(m.mr[1], i);
	}
	/* after the rollover, the first spaces run again with new ids, in turn
	 * with the last ones */
	for (unsigned i = 0; i < MANY_SPACES; i += 37) {
		const unsigned pair[] = {i, MANY_SPACES - 1 - i};
		for (unsigned k = 0; k < 2; k++) {
			struct l4_msg m = msg(0, 1);
			m.mr[0] = 7 * i;
			l4_call(eps[pair[k]], &m);
			CHECK_EQ(m.mr[0], 1000 + 7 * i);
			CHECK_EQ(m.mr[1], pair[k]);
		}
	}
	return 0;
}

/* The same test under the name of the hardware ids it rolls over. */
#ifdef CONFIG_ARM_HYP
static int more_address_spaces_than_vmids(void)
#else
static int more_address_spaces_than_asids(void)
#endif
{
	return more_address_spaces_than_hardware_ids();
}

DEFINE_TEST_LIST(vspace,
	T(mapped_frame_can_be_written_and_read),
	T(unmapped_frame_faults),
	T(read_only_mapping_faults_on_write),
	T(rights_are_limited_by_the_cap),
	T(map_reports_each_bad_argument),
	T(revoke_removes_mappings_made_through_copies),
	T(large_frame_maps_without_a_page_table),
	T(ipc_with_a_thread_in_another_address_space),
	T(a_thread_whose_vspace_is_revoked_stops),
	T(device_untyped_gives_device_frames_only),
	T(clean_keeps_the_data_and_checks_its_range),
#ifdef CONFIG_ARM_HYP
	T(more_address_spaces_than_vmids))
#else
	T(more_address_spaces_than_asids))
#endif
