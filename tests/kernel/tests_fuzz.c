// SPDX-License-Identifier: MIT
/* The kernel fuzz: a thread makes 1,000,000 system calls and invocations
 * (every label of every object type, with arguments near the boundaries)
 * on caps in a sandbox CSpace of its own, never the root CNode, copying,
 * minting, moving, deleting, revoking and retyping as it goes; the root
 * task refills the sandbox's fixed slots every 1,000 calls. Every 4,000
 * calls the root task has the kernel check its invariants (a
 * CONFIG_KERNEL_INVARIANTS build: L4_SYS_DEBUG_CHECK_INVARIANTS); a
 * violation fails the test with the invariant's name, the calls that led
 * to it and the `make fuzz` line that replays it. The same seed gives the
 * same calls and, as nothing outside the sandbox takes part, the same
 * kernel states: sandbox threads never run (priority 0 under the root
 * task), and the only other thread, an echo server, runs at once whenever
 * the fuzzer wakes it.
 *
 * `make fuzz SEED=n CALLS=m` runs this test alone (tests/fuzz/fuzz_only.c
 * supplies the numbers, overriding fuzz_params below). */
#include "fuzz.h"
#include "harness.h"

__attribute__((weak)) const struct fuzz_params fuzz_params = {
	.seed = 0x5eed2024u, .calls = 1000000, .check_every = 4000, .check_from = 0,
	.check_flags = 0};

static unsigned long long counter(void)
{
	return test_counter();
}

/* ---------------------------------------------------------------- randomness */

static unsigned rng_state;

static unsigned rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static unsigned below(unsigned n)
{
	return rnd() % n;
}

#define PICK(array) ((array)[below(sizeof(array) / sizeof((array)[0]))])

static const unsigned boundary_words[] = {
	0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 127, 128, 255, 256, 257,
	1023, 1024, 4095, 4096, 4097, 0x1fffff, 0x200000, 0x200001, 0x3fffffff, 0x40000000,
	0x7fffffff, 0x80000000, 0xbfffffff, 0xc0000000, 0xc0000001, 0xfffff000, 0xfffffffe,
	0xffffffff,
};

/* A value near a boundary: listed ones, 2^k - 1 .. 2^k + 1, small, or any. */
static unsigned boundary(void)
{
	switch (below(4)) {
	case 0:
		return PICK(boundary_words);
	case 1:
		return (1u << below(32)) + below(3) - 1;
	case 2:
		return below(16);
	default:
		return rnd();
	}
}

/* ---------------------------------------------------------------- the sandbox */

/* The fuzzer's CSpace root R (radix 1, no guard) holds the sandbox CNode S
 * twice: R[0] with a 23-bit guard, so that cptr i (< 256) names S[i], and
 * R[1] with a 15-bit guard, so that 0x80000000 | i << 8 | j names slot j
 * of a CNode cap (radix 8, no guard) in S[i]: lookups through two and
 * three levels. R itself is out of the fuzzer's reach. */
#define SANDBOX_RADIX 8
#define SANDBOX_SLOTS (1u << SANDBOX_RADIX)
#define ACTIVE_SLOTS 48          /* where most caps go: they meet often */
#define LEVEL2(i, j) (0x80000000u | (i) << 8 | (j))
#define SANDBOX_UNTYPED_BITS 24  /* 16 MiB for everything the fuzz makes */

enum sandbox_slot {
	F_NULL, F_SELF, F_UNTYPED, F_UNTYPED_SMALL, F_ENDPOINT, F_NOTIFICATION, F_TCB, F_VSPACE,
	F_PAGE_DIRECTORY, F_PAGE_TABLE, F_FRAME, F_FRAME_2M, F_VCPU, F_IRQ_CONTROL,
	F_IRQ_HANDLER, F_ECHO, F_DEVICE_FRAME, F_CNODE, F_VSPACE_ID_CONTROL, F_VSPACE_ID_POOL,
	F_FIXED_COUNT
};
#define FREE_SPI 50 /* an interrupt no device of either board raises */

/* What the fuzzer last knew to be in each slot of S: a hint for choosing
 * labels and arguments that get past the first checks. Revoke, and caps
 * the fuzzer does not see go, make it stale; that only costs aim. */
enum shadow {
	SH_EMPTY, SH_UNTYPED, SH_TCB, SH_ENDPOINT, SH_NOTIFICATION, SH_CNODE, SH_FRAME,
	SH_FRAME_2M, SH_PAGE_TABLE, SH_PAGE_DIRECTORY, SH_VSPACE, SH_VCPU, SH_IRQ_CONTROL,
	SH_IRQ_HANDLER, SH_VSPACE_ID_CONTROL, SH_VSPACE_ID_POOL, SH_SANDBOX, SH_UNKNOWN /* holds a cap, of a kind not known */, SH_COUNT
};
static unsigned char shadow[SANDBOX_SLOTS];

static const unsigned char shadow_of_object[L4_OBJ_TYPE_COUNT] = {
	[L4_OBJ_UNTYPED] = SH_UNTYPED, [L4_OBJ_TCB] = SH_TCB, [L4_OBJ_ENDPOINT] = SH_ENDPOINT,
	[L4_OBJ_NOTIFICATION] = SH_NOTIFICATION, [L4_OBJ_CNODE] = SH_CNODE,
	[L4_OBJ_FRAME_4K] = SH_FRAME, [L4_OBJ_FRAME_2M] = SH_FRAME_2M,
	[L4_OBJ_PAGE_TABLE] = SH_PAGE_TABLE, [L4_OBJ_PAGE_DIRECTORY] = SH_PAGE_DIRECTORY,
	[L4_OBJ_VSPACE] = SH_VSPACE, [L4_OBJ_VCPU] = SH_VCPU, [L4_OBJ_GUEST_VSPACE] = SH_VSPACE,
};

/* A slot index of S (or of any CNode): mostly where the caps are. */
static unsigned slot_index(void)
{
	unsigned r = below(16);
	if (r < 12)
		return below(ACTIVE_SLOTS);
	if (r < 14)
		return below(SANDBOX_SLOTS);
	return PICK(((const unsigned[]){SANDBOX_SLOTS - 1, SANDBOX_SLOTS, SANDBOX_SLOTS + 1,
					0xffffffffu, 0x80000000u, 1u << 16}));
}

/* A slot of S whose shadow is `kind`, or any slot index. */
static unsigned slot_of(enum shadow kind)
{
	unsigned match[ACTIVE_SLOTS], n = 0;
	for (unsigned i = 0; i < ACTIVE_SLOTS; i++)
		if (shadow[i] == kind)
			match[n++] = i;
	return n ? match[below(n)] : slot_index();
}

/* A slot that holds a cap, as far as the fuzzer knows. */
static unsigned full_slot(void)
{
	unsigned match[ACTIVE_SLOTS], n = 0;
	for (unsigned i = 0; i < ACTIVE_SLOTS; i++)
		if (shadow[i] != SH_EMPTY)
			match[n++] = i;
	return n ? match[below(n)] : slot_index();
}

/* A destination: mostly a slot the fuzzer believes empty. */
static unsigned dest_slot(void)
{
	return below(4) ? slot_of(SH_EMPTY) : slot_index();
}

/* A cap pointer into the fuzzer's CSpace: a slot of S, a slot of a CNode
 * in S, or a value that resolves nowhere. */
static unsigned cptr(void)
{
	unsigned r = below(16);
	if (r < 8)
		return full_slot();
	if (r < 12)
		return slot_index();
	if (r < 14)
		return LEVEL2(below(ACTIVE_SLOTS), below(4) ? below(16) : below(256));
	return boundary();
}

static unsigned cptr_of(enum shadow kind)
{
	return below(4) ? slot_of(kind) : cptr();
}

/* Mappings go mostly to the sandbox's first VSpace (or a copy): there the
 * directories, tables and frames meet. */
static unsigned vspace_cptr(void)
{
	if (below(10) == 0)
		return cptr();
	return shadow[F_VSPACE] == SH_VSPACE && below(2) ? F_VSPACE : slot_of(SH_VSPACE);
}

/* Addresses at table boundaries: the first and last 4 KiB pages of the
 * first and last 2 MiB of each 1 GiB region (the last of them at the user
 * limit), unaligned ones, the limit and beyond. Few enough that a
 * directory, a table and a frame often meet at one. */
static unsigned vaddr(void)
{
	static const unsigned regions[] = {0, 0x40000000, 0x80000000};
	static const unsigned tables[] = {0, 0x200000, 0x3fe00000};
	static const unsigned pages[] = {0, 0x1000, 0x1ff000};
	static const unsigned edges[] = {L4_USER_TOP, L4_USER_TOP - 0x1000, L4_USER_TOP - 1,
					 L4_USER_TOP + 0x1000, 0xffe00000, 0xfffff000, 0x1000,
					 0xfff, 0x1fffff, 0x3ffff000, 0x40000fff,
					 L4_USER_TOP - 0x200000, L4_USER_TOP + 0x200000};
	unsigned hot = PICK(regions) + PICK(tables) + PICK(pages);
	switch (below(20)) {
	case 0: case 1: case 2: case 3:
		return PICK(edges);
	case 4: case 5: case 6:
		return boundary();
	case 7: case 8: case 9:
		return hot + PICK(((const unsigned[]){1, 0x800, 0xfff, 0x2000, 0x100000}));
	default:
		return hot;
	}
}

static unsigned object_type(void)
{
	return below(8) ? below(L4_OBJ_TYPE_COUNT) : boundary();
}

static unsigned size_bits_for(unsigned type)
{
	if (below(8) == 0)
		return boundary();
	switch (type) {
	case L4_OBJ_UNTYPED:
		return PICK(((const unsigned[]){3, 4, 5, 8, 12, 16, 20, 21, 22, 29, 30}));
	case L4_OBJ_CNODE:
		return PICK(((const unsigned[]){0, 1, 2, 4, 8, 8, 8, 12, 16, 17}));
	default:
		return below(4) ? 0 : PICK(((const unsigned[]){1, 12, 21, 0xffffffffu}));
	}
}

static unsigned rights(void)
{
	return below(4) ? PICK(((const unsigned[]){L4_RIGHTS_ALL, L4_RIGHT_READ,
						   L4_RIGHT_READ | L4_RIGHT_WRITE, L4_RIGHT_WRITE,
						   L4_RIGHT_GRANT, 0}))
			: boundary();
}

/* A badge, or for a CNode cap a guard: width in bits 31..27, value below. */
static unsigned badge(void)
{
	switch (below(4)) {
	case 0:
		return 0;
	case 1:
		return below(8) << 27 | below(4);
	case 2:
		return below(2) ? (24u << 27) : (16u << 27);
	default:
		return boundary();
	}
}

/* ---------------------------------------------------------------- what a call is */

enum syscall_kind { SYS_CALL, SYS_SEND, SYS_NBSEND, SYS_RECV, SYS_NBRECV, SYS_REPLY_RECV,
		    SYS_YIELD, SYS_KIND_COUNT };
static const char *const syscall_names[] = {"Call", "Send", "NBSend", "Recv", "NBRecv",
					    "ReplyRecv", "Yield"};

static const unsigned all_labels[] = {
	L4_UNTYPED_RETYPE, L4_CNODE_COPY, L4_CNODE_MINT, L4_CNODE_MOVE, L4_CNODE_MUTATE,
	L4_CNODE_DELETE, L4_CNODE_REVOKE, L4_TCB_CONFIGURE, L4_TCB_READ_REGISTERS,
	L4_TCB_WRITE_REGISTERS, L4_TCB_SUSPEND, L4_TCB_RESUME, L4_TCB_SET_PRIORITY,
	L4_TCB_BIND_NOTIFICATION, L4_TCB_UNBIND_NOTIFICATION, L4_TCB_SET_MCP,
	L4_NOTIFICATION_SIGNAL, L4_FRAME_MAP, L4_FRAME_UNMAP, L4_FRAME_CLEAN, L4_PAGE_TABLE_MAP,
	L4_PAGE_TABLE_UNMAP, L4_IRQ_CONTROL_GET, L4_IRQ_HANDLER_SET_NOTIFICATION,
	L4_IRQ_HANDLER_ACK, L4_VSPACE_ID_CONTROL_MAKE_POOL,
	L4_VSPACE_ID_POOL_ASSIGN, L4_VCPU_SET_TCB, L4_VCPU_READ_REGISTERS,
	L4_VCPU_WRITE_REGISTERS, L4_VCPU_INJECT_IRQ, L4_VCPU_SET_TRAPS, L4_VCPU_STATS,
	L4_VCPU_ACK_IRQ,
#ifdef CONFIG_ARM_SVC
	L4_VCPU_SET_STATE_PAGE,
#endif
	0, 0x7ff, 0xfffff,
};
#define LABEL_COUNT (sizeof(all_labels) / sizeof(all_labels[0]))

/* The labels each kind of cap answers to. */
static const unsigned untyped_labels[] = {L4_UNTYPED_RETYPE};
/* copies and moves more often than deletes: the sandbox keeps caps */
static const unsigned cnode_labels[] = {
	L4_CNODE_COPY, L4_CNODE_COPY, L4_CNODE_COPY, L4_CNODE_MINT, L4_CNODE_MINT,
	L4_CNODE_MINT, L4_CNODE_MOVE, L4_CNODE_MOVE, L4_CNODE_MUTATE, L4_CNODE_MUTATE,
	L4_CNODE_DELETE, L4_CNODE_REVOKE};
static const unsigned tcb_labels[] = {
	L4_TCB_CONFIGURE, L4_TCB_READ_REGISTERS, L4_TCB_WRITE_REGISTERS, L4_TCB_SUSPEND,
	L4_TCB_RESUME, L4_TCB_SET_PRIORITY, L4_TCB_BIND_NOTIFICATION,
	L4_TCB_UNBIND_NOTIFICATION, L4_TCB_SET_MCP};
static const unsigned frame_labels[] = {L4_FRAME_MAP, L4_FRAME_MAP, L4_FRAME_UNMAP,
					L4_FRAME_CLEAN};
static const unsigned table_labels[] = {L4_PAGE_TABLE_MAP, L4_PAGE_TABLE_MAP,
					L4_PAGE_TABLE_UNMAP};
static const unsigned irq_handler_labels[] = {L4_IRQ_HANDLER_SET_NOTIFICATION,
					      L4_IRQ_HANDLER_ACK};
static const unsigned vcpu_labels[] = {
	L4_VCPU_SET_TCB, L4_VCPU_READ_REGISTERS, L4_VCPU_WRITE_REGISTERS, L4_VCPU_INJECT_IRQ,
	L4_VCPU_SET_TRAPS, L4_VCPU_STATS, L4_VCPU_ACK_IRQ,
#ifdef CONFIG_ARM_SVC
	L4_VCPU_SET_STATE_PAGE, /* the deprivileged VCPU's */
#endif
};

static unsigned label_for(enum shadow kind)
{
	switch (kind) {
	case SH_UNTYPED:
		return PICK(untyped_labels);
	case SH_CNODE:
	case SH_SANDBOX:
		return PICK(cnode_labels);
	case SH_TCB:
		return PICK(tcb_labels);
	case SH_FRAME:
	case SH_FRAME_2M:
		return PICK(frame_labels);
	case SH_PAGE_TABLE:
	case SH_PAGE_DIRECTORY:
		return PICK(table_labels);
	case SH_IRQ_CONTROL:
		return L4_IRQ_CONTROL_GET;
	case SH_IRQ_HANDLER:
		return PICK(irq_handler_labels);
	case SH_VCPU:
		return PICK(vcpu_labels);
	case SH_VSPACE_ID_CONTROL:
		return L4_VSPACE_ID_CONTROL_MAKE_POOL;
	case SH_VSPACE_ID_POOL:
		return L4_VSPACE_ID_POOL_ASSIGN;
	case SH_NOTIFICATION:
		return L4_NOTIFICATION_SIGNAL;
	default:
		return PICK(all_labels);
	}
}

/* Whether a cap of this kind answers to the label (for the statistics of
 * labels that worked). */
static int label_fits(enum shadow kind, unsigned label)
{
	switch (kind) {
	case SH_UNTYPED:
		return label == L4_UNTYPED_RETYPE;
	case SH_CNODE:
	case SH_SANDBOX:
		return label >= L4_CNODE_COPY && label <= L4_CNODE_REVOKE;
	case SH_TCB:
		return label >= L4_TCB_CONFIGURE && label <= L4_TCB_SET_MCP;
	case SH_NOTIFICATION:
		return label == L4_NOTIFICATION_SIGNAL;
	case SH_FRAME:
	case SH_FRAME_2M:
		return label >= L4_FRAME_MAP && label <= L4_FRAME_CLEAN;
	case SH_PAGE_TABLE:
	case SH_PAGE_DIRECTORY:
		return label == L4_PAGE_TABLE_MAP || label == L4_PAGE_TABLE_UNMAP;
	case SH_IRQ_CONTROL:
		return label == L4_IRQ_CONTROL_GET;
	case SH_IRQ_HANDLER:
		return label == L4_IRQ_HANDLER_SET_NOTIFICATION || label == L4_IRQ_HANDLER_ACK;
	case SH_VCPU:
		return label >= L4_VCPU_SET_TCB && label <= L4_VCPU_SET_STATE_PAGE;
	case SH_VSPACE_ID_CONTROL:
		return label == L4_VSPACE_ID_CONTROL_MAKE_POOL;
	case SH_VSPACE_ID_POOL:
		return label == L4_VSPACE_ID_POOL_ASSIGN;
	default:
		return 0;
	}
}

/* Where the last page table went: frames go there often. */
static unsigned last_table_at;

/* An address for a mapping of `span` bytes: mostly aligned to it. */
static unsigned vaddr_for(unsigned span)
{
	unsigned v = vaddr();
	return below(5) ? v & ~(span - 1) : v;
}

/* The arguments of one invocation on a cap of kind `target` (as far as
 * the fuzzer knows); returns how many it takes. */
static unsigned arguments(unsigned label, enum shadow target, unsigned *mr)
{
	static const unsigned cpsr_values[] = {0x10, 0x13, 0x16, 0x1a, 0x1f, 0x30, 0x40000010,
					       0x1d3, 0xffffffff};
	static const unsigned intids[] = {0, 15, 16, 25, 26, 27, 30, 31, 32, FREE_SPI,
					  FREE_SPI, FREE_SPI, 95, 96, 287, 288, 1019, 1020,
					  1023, 0xffffffff};
	static const unsigned register_counts[] = {0, 1, 2, 3, 6, 16, 17, 18, 22, 23, 24, 25,
						   0xffffffff};
	static const unsigned priorities[] = {0, 0, 1, 254, 255, 256, 0xffffffff};
	switch (label) {
	case L4_UNTYPED_RETYPE:
		mr[0] = object_type();
		mr[1] = size_bits_for(mr[0]);
		mr[2] = below(4) ? F_SELF : cptr_of(SH_CNODE);
		mr[3] = dest_slot();
		mr[4] = below(4)
				? 1
				: PICK(((const unsigned[]){0, 2, 3, 8, 255, 256, 257, 0xffffffff}));
		return 5;
	case L4_CNODE_COPY:
	case L4_CNODE_MINT:
		mr[0] = dest_slot();
		mr[1] = cptr();
		mr[2] = rights();
		mr[3] = badge();
		return label == L4_CNODE_MINT ? 4 : 3;
	case L4_CNODE_MOVE:
	case L4_CNODE_MUTATE:
		mr[0] = dest_slot();
		mr[1] = cptr();
		mr[2] = badge();
		return label == L4_CNODE_MUTATE ? 3 : 2;
	case L4_CNODE_DELETE:
	case L4_CNODE_REVOKE:
		mr[0] = slot_index();
		return 1;
	case L4_TCB_CONFIGURE:
		mr[0] = below(2) ? F_SELF : cptr_of(SH_CNODE);
		mr[1] = cptr_of(SH_VSPACE);
		mr[2] = below(2) ? 0 : cptr_of(SH_ENDPOINT);
		mr[3] = below(2) ? vaddr()
				 : PICK(((const unsigned[]){0, 0x40000000, 0x40000c00, 0x40000e00,
							    0x40000f01}));
		return 4;
	case L4_TCB_READ_REGISTERS:
		mr[0] = PICK(register_counts);
		return 1;
	case L4_TCB_WRITE_REGISTERS: {
		mr[0] = below(4) ? below(2) : boundary();
		mr[1] = below(4) ? 1 + below(L4_REG_COUNT) : PICK(register_counts);
		unsigned n = mr[1] <= L4_REG_COUNT ? mr[1] : 0;
		for (unsigned i = 0; i < n; i++)
			mr[2 + i] = i == L4_REG_CPSR ? PICK(cpsr_values) : boundary();
		return 2 + n;
	}
	case L4_TCB_SET_PRIORITY:
	case L4_TCB_SET_MCP:
		mr[0] = PICK(priorities);
		mr[1] = cptr_of(SH_TCB);
		return 2;
	case L4_TCB_BIND_NOTIFICATION:
	case L4_IRQ_HANDLER_SET_NOTIFICATION:
		mr[0] = cptr_of(SH_NOTIFICATION);
		return 1;
	case L4_FRAME_MAP:
		mr[0] = vspace_cptr();
		mr[1] = target == SH_FRAME && below(2)
				? last_table_at + PICK(((const unsigned[]){0, 0x1000, 0x1ff000}))
				: vaddr_for(target == SH_FRAME_2M ? 0x200000 : 0x1000);
		mr[2] = below(5) ? rights() | L4_RIGHT_READ : rights();
		mr[3] = below(4) ? below(4) : boundary();
		return 4;
	case L4_FRAME_CLEAN:
		mr[0] = below(2) ? 0 : boundary();
		mr[1] = PICK(((const unsigned[]){0, 1, 32, 0xfff, 0x1000, 0x1001, 0x1fffff,
						 0x200000, 0x200001, 0xffffffff}));
		return 2;
	case L4_PAGE_TABLE_MAP:
		mr[0] = vspace_cptr();
		mr[1] = vaddr_for(target == SH_PAGE_DIRECTORY ? 0x40000000 : 0x200000);
		return 2;
	case L4_IRQ_CONTROL_GET:
		mr[0] = PICK(intids);
		mr[1] = below(4) ? F_SELF : cptr_of(SH_CNODE);
		mr[2] = dest_slot();
		return 3;
	case L4_VSPACE_ID_CONTROL_MAKE_POOL:
		mr[0] = cptr_of(SH_UNTYPED);
		mr[1] = below(4) ? F_SELF : cptr_of(SH_CNODE);
		mr[2] = dest_slot();
		return 3;
	case L4_VSPACE_ID_POOL_ASSIGN:
		mr[0] = cptr_of(SH_VSPACE);
		return 1;
	case L4_VCPU_SET_TCB:
		mr[0] = cptr_of(SH_TCB);
		return 1;
	case L4_VCPU_READ_REGISTERS:
	case L4_VCPU_WRITE_REGISTERS: {
		mr[0] = below(4) ? below(L4_VCPU_REGISTER_COUNT) : PICK(((const unsigned[]){
			L4_VCPU_REGISTER_COUNT - 1, L4_VCPU_REGISTER_COUNT, 0xffffffff}));
		mr[1] = below(2) ? 1 + below(8) : PICK(register_counts);
		if (label == L4_VCPU_READ_REGISTERS)
			return 2;
		unsigned n = mr[1] <= 22 ? mr[1] : 0;
		for (unsigned i = 0; i < n; i++)
			mr[2 + i] = boundary();
		return 2 + n;
	}
	case L4_VCPU_INJECT_IRQ:
		mr[0] = PICK(
			((const unsigned[]){0, 1, 15, 16, 31, 32, 63, 64, 1019, 1020, 0xffffffff}));
		mr[1] = PICK(((const unsigned[]){0, 0x80, 0xa0, 0xf8, 0xff, 0x100, 0xffffffff}));
		mr[2] = below(2) ? below(2) : boundary();
		return below(2) ? 3 : 2;
	case L4_VCPU_ACK_IRQ:
		mr[0] = PICK(((const unsigned[]){0, 16, 32, 1019, 1020, 0xffffffff}));
		return 1;
	case L4_VCPU_SET_TRAPS:
		mr[0] = below(2) ? below(2) : boundary();
		return 1;
	default:
		for (unsigned i = 0; i < 6; i++)
			mr[i] = boundary();
		return below(7);
	}
}

/* ---------------------------------------------------------------- the fuzzing thread */

enum { ECHO_LABEL = 0xec0 }; /* what the echo server replies with */

/* Outcome classes: the error codes, then these. */
enum {
	OUT_ECHO = L4_ERROR_COUNT, /* an IPC round trip through the echo server */
	OUT_NO_MESSAGE,            /* NBRecv found nothing */
	OUT_BLOCKED,               /* blocked for good: the root task released it */
	OUT_OTHER,                 /* any other label (a message of its own came back) */
	OUT_COUNT
};
static unsigned outcomes[OUT_COUNT];
static unsigned ok_by_label[LABEL_COUNT], tried_by_label[LABEL_COUNT];
static unsigned calls_by_kind[SYS_KIND_COUNT];

/* The last calls, for the report of a violation. */
#define HISTORY 12
static struct call_record {
	unsigned number;
	unsigned char kind;
	unsigned word, info, mr[L4_MSG_REGISTERS_IN_CPU];
	unsigned result;
} history[HISTORY];

/* Shared with the root task, which restocks, checks and watches. */
enum fuzz_state { FUZZ_RUNNING, FUZZ_PAUSED, FUZZ_STOPPING, FUZZ_DONE };
static volatile unsigned fuzz_state;
static volatile unsigned calls_done;
static volatile unsigned released; /* set by the root task when it ends a blocked call */

static struct l4_ipc_buffer fuzz_ipc_buffer __attribute__((aligned(1024)));

static unsigned label_index(unsigned label)
{
	for (unsigned i = 0; i < LABEL_COUNT; i++)
		if (all_labels[i] == label)
			return i;
	return LABEL_COUNT;
}

/* What a successful invocation did to the slots of S, as far as the
 * fuzzer can tell. */
static void update_shadow(unsigned word, unsigned label, const unsigned *mr)
{
	int into_sandbox = word < SANDBOX_SLOTS && shadow[word] == SH_SANDBOX;
	switch (label) {
	case L4_UNTYPED_RETYPE:
		if (mr[2] < SANDBOX_SLOTS && shadow[mr[2]] == SH_SANDBOX &&
		    mr[0] < L4_OBJ_TYPE_COUNT)
			for (unsigned i = 0; i < mr[4] && mr[3] + i < SANDBOX_SLOTS; i++)
				shadow[mr[3] + i] = shadow_of_object[mr[0]];
		break;
	case L4_CNODE_COPY:
	case L4_CNODE_MINT:
	case L4_CNODE_MOVE:
	case L4_CNODE_MUTATE:
		if (into_sandbox && mr[0] < SANDBOX_SLOTS)
			shadow[mr[0]] = mr[1] < SANDBOX_SLOTS ? shadow[mr[1]] : SH_UNKNOWN;
		if ((label == L4_CNODE_MOVE || label == L4_CNODE_MUTATE) && mr[1] < SANDBOX_SLOTS)
			shadow[mr[1]] = SH_EMPTY;
		break;
	case L4_CNODE_DELETE:
		if (into_sandbox && mr[0] < SANDBOX_SLOTS)
			shadow[mr[0]] = SH_EMPTY;
		break;
	case L4_PAGE_TABLE_MAP:
		if (word < SANDBOX_SLOTS && shadow[word] == SH_PAGE_TABLE)
			last_table_at = mr[1];
		break;
	case L4_IRQ_CONTROL_GET:
		if (mr[1] < SANDBOX_SLOTS && shadow[mr[1]] == SH_SANDBOX && mr[2] < SANDBOX_SLOTS)
			shadow[mr[2]] = SH_IRQ_HANDLER;
		break;
	default:
		break;
	}
}

static void one_call(unsigned number)
{
	struct l4_msg m = {0};
	enum syscall_kind kind;
	unsigned label, length, args[24] = {0};
	unsigned r = below(100);

	/* the cap: mostly one the shadow knows, with a label it answers to */
	enum shadow target = SH_UNKNOWN;
	if (r < 70) {
		/* a kind of cap present, then a slot of it: every kind gets its turn
		 * however many caps of another the fuzz made */
		unsigned char present[SH_COUNT] = {0};
		unsigned kinds[SH_COUNT], n = 0;
		for (unsigned i = 0; i < ACTIVE_SLOTS; i++)
			present[shadow[i]] = 1;
		for (unsigned k = SH_EMPTY + 1; k < SH_COUNT; k++)
			if (present[k])
				kinds[n++] = k;
		if (n) {
			target = (enum shadow)kinds[below(n)];
			m.word = slot_of(target);
		}
		label = below(10) ? label_for(target) : PICK(all_labels);
	} else {
		m.word = cptr();
		label = PICK(all_labels);
	}
	length = arguments(label, target, args);
	if (below(8) == 0) /* too short, or longer than it needs */
		length = below(2) ? below(length + 1) : length + below(24 - length + 1);

	/* the system call: invocations are Calls, IPC objects get them all */
	if (target == SH_ENDPOINT || target == SH_NOTIFICATION || (r >= 70 && below(3) == 0)) {
		static const unsigned char ipc_kinds[] = {SYS_CALL, SYS_CALL, SYS_CALL, SYS_SEND,
						    SYS_NBSEND, SYS_NBSEND, SYS_RECV, SYS_NBRECV,
						    SYS_NBRECV, SYS_REPLY_RECV};
		kind = PICK(ipc_kinds);
	} else {
		kind = below(20) ? SYS_CALL
				 : PICK(((const unsigned char[]){SYS_NBSEND, SYS_SEND, SYS_NBRECV,
								 SYS_YIELD}));
	}
	if (below(64) == 0)
		kind = SYS_YIELD;

	/* extra caps for a message, and where a received one would go */
	unsigned extra = 0;
	if ((kind == SYS_CALL || kind == SYS_SEND || kind == SYS_NBSEND) && below(4) == 0) {
		extra = 1 + below(3);
		for (unsigned i = 0; i < 3; i++)
			fuzz_ipc_buffer.caps[i] = cptr();
	}
	fuzz_ipc_buffer.receive_cnode = below(2) ? F_SELF : cptr();
	fuzz_ipc_buffer.receive_index = slot_index();
	for (unsigned i = L4_MSG_REGISTERS_IN_CPU; i < 24; i++)
		fuzz_ipc_buffer.mr[i] = args[i];
	m.info = l4_msginfo(label, 0, extra, length);
	for (unsigned i = 0; i < L4_MSG_REGISTERS_IN_CPU; i++)
		m.mr[i] = args[i];

	struct call_record *h = &history[number % HISTORY];
	*h = (struct call_record){.number = number, .kind = (unsigned char)kind, .word = m.word,
				  .info = m.info};
	for (unsigned i = 0; i < L4_MSG_REGISTERS_IN_CPU; i++)
		h->mr[i] = m.mr[i];
	unsigned sent_word = m.word;
	enum shadow sent_kind = m.word < SANDBOX_SLOTS ? shadow[m.word] : SH_UNKNOWN;
	calls_by_kind[kind]++;

	switch (kind) {
	case SYS_CALL:
		l4_sys_call(&m);
		break;
	case SYS_SEND:
		l4_sys_send(&m);
		break;
	case SYS_NBSEND:
		l4_sys_nbsend(&m);
		break;
	case SYS_RECV:
		l4_sys_recv(&m);
		break;
	case SYS_NBRECV:
		l4_sys_nbrecv(&m);
		break;
	case SYS_REPLY_RECV:
		l4_sys_reply_recv(&m);
		break;
	default:
		l4_yield();
		m.info = 0;
		break;
	}

	unsigned result = l4_msginfo_label(m.info), out;
	if (released) {
		released = 0;
		out = OUT_BLOCKED;
	} else if (result < L4_ERROR_COUNT) {
		out = result;
	} else if (result == ECHO_LABEL) {
		out = OUT_ECHO;
	} else if (result == L4_LABEL_NO_MESSAGE) {
		out = OUT_NO_MESSAGE;
	} else {
		out = OUT_OTHER;
	}
	h->result = out;
	/* a send's own lookup failed (no reply registers): the slot is empty,
	 * whatever the fuzzer thought (a receive fails so on any cap that is
	 * no endpoint or notification) */
	if ((kind == SYS_CALL || kind == SYS_SEND || kind == SYS_NBSEND) &&
	    result == L4_INVALID_CAPABILITY && l4_msginfo_length(m.info) == 0 &&
	    sent_word < SANDBOX_SLOTS)
		shadow[sent_word] = SH_EMPTY;
	outcomes[out]++;
	unsigned li = label_index(label);
	if (li < LABEL_COUNT && kind == SYS_CALL && label_fits(sent_kind, label)) {
		tried_by_label[li]++;
		if (out == L4_OK) {
			ok_by_label[li]++;
			update_shadow(sent_word, label, args);
		}
	}
}

/* The fuzzer pauses for the root task every RESTOCK_EVERY calls (it
 * refills the sandbox's fixed slots) and wherever a check is due. Both
 * depend only on the call count: a replay with other checks makes the
 * same calls. */
#define RESTOCK_EVERY 1000

static int check_due(unsigned done)
{
	const struct fuzz_params *p = &fuzz_params;
	return p->check_every && done >= p->check_from &&
	       ((done - p->check_from) % p->check_every == 0 || done == p->calls);
}

static void fuzz_body(unsigned unused)
{
	const struct fuzz_params *p = &fuzz_params;
	for (unsigned i = 0; i < p->calls && fuzz_state != FUZZ_STOPPING; i++) {
		one_call(i);
		calls_done = i + 1;
		if (calls_done % RESTOCK_EVERY == 0 || check_due(calls_done)) {
			fuzz_state = FUZZ_PAUSED;
			while (fuzz_state == FUZZ_PAUSED)
				l4_yield();
		}
	}
	fuzz_state = FUZZ_DONE;
	for (;;)
		l4_yield();
}

/* ---------------------------------------------------------------- the echo server */

enum { E_EP = 1, E_RECEIVED = 2, E_SELF = 3 }; /* its CSpace: a CNode of 4 slots */

static struct l4_ipc_buffer echo_ipc_buffer __attribute__((aligned(1024)));

/* Answers every message with ECHO_LABEL and its first registers; a cap
 * that came along is deleted again. */
static void echo_body(unsigned unused)
{
	struct l4_ipc_buffer *buf = l4_ipc_buffer();
	struct l4_msg m = {.word = E_EP};
	buf->receive_cnode = E_SELF;
	buf->receive_index = E_RECEIVED;
	l4_sys_recv(&m);
	for (;;) {
		l4_cnode_delete(E_SELF, E_RECEIVED);
		unsigned length = l4_msginfo_length(m.info);
		m.word = E_EP;
		m.info = l4_msginfo(ECHO_LABEL, 0, 0,
				    length < L4_MSG_REGISTERS_IN_CPU ? length
								     : L4_MSG_REGISTERS_IN_CPU);
		l4_sys_reply_recv(&m);
	}
}

/* A plain echo in the root task's CSpace, for the check that IPC still
 * works after the fuzz. */
static void echo_server(unsigned ep)
{
	struct l4_msg m = msg(0, 0);
	l4_recv(ep, &m);
	for (;;)
		l4_reply_recv(ep, &m);
}

/* ---------------------------------------------------------------- the test */

static const char *const outcome_names[OUT_COUNT] = {
	[L4_OK] = "ok", [L4_INVALID_ARGUMENT] = "invalid argument",
	[L4_INVALID_CAPABILITY] = "invalid cap", [L4_ILLEGAL_OPERATION] = "illegal",
	[L4_RANGE_ERROR] = "range", [L4_ALIGNMENT_ERROR] = "alignment",
	[L4_FAILED_LOOKUP] = "failed lookup", [L4_TRUNCATED_MESSAGE] = "truncated",
	[L4_DELETE_FIRST] = "delete first", [L4_REVOKE_FIRST] = "revoke first",
	[L4_NOT_ENOUGH_MEMORY] = "no memory", [L4_INSUFFICIENT_RIGHTS] = "rights",
	[OUT_ECHO] = "echo replies", [OUT_NO_MESSAGE] = "no message",
	[OUT_BLOCKED] = "blocked (released)", [OUT_OTHER] = "other",
};

static unsigned checks_done;
static unsigned long long check_ticks;  /* time spent in checks */
static unsigned most_seen[3];           /* caps, mappings, VSpaces a check saw */

#ifdef CONFIG_KERNEL_INVARIANTS
static const char *invariant_name(unsigned n)
{
	static const char *const names[] = {
#define NAME(number, name, text) [number] = text,
		L4_INVARIANT_LIST(NAME)
#undef NAME
	};
	return n < sizeof(names) / sizeof(names[0]) && names[n] ? names[n] : "unknown";
}

static unsigned check(const char *when)
{
	unsigned counts[3];
	unsigned long long start = counter();
	unsigned v = l4_debug_check_invariants(fuzz_params.check_flags, counts);
	check_ticks += counter() - start;
	checks_done++;
	for (unsigned i = 0; i < 3; i++)
		if (counts[i] > most_seen[i])
			most_seen[i] = counts[i];
	if (v)
		l4_printf("    invariant %u (%s) violated %s\n", v, invariant_name(v), when);
	return v;
}
#else
static unsigned check(const char *when)
{
	return 0; /* not built in: the fuzz still runs, unchecked (see below) */
}
#endif

static void print_history(void)
{
	unsigned last = calls_done;
	unsigned first = last > HISTORY ? last - HISTORY : 0;
	l4_printf("    the last calls (cptr, label, length, extra caps, MR0-MR5 -> outcome):\n");
	for (unsigned n = first; n < last; n++) {
		const struct call_record *h = &history[n % HISTORY];
		l4_printf("    %7u %-9s 0x%08x 0x%05x %u %u  %x %x %x %x %x %x -> %s\n",
			  h->number + 1, syscall_names[h->kind], h->word, l4_msginfo_label(h->info),
			  l4_msginfo_length(h->info), l4_msginfo_extra_caps(h->info), h->mr[0],
			  h->mr[1], h->mr[2], h->mr[3], h->mr[4], h->mr[5],
			  outcome_names[h->result]);
	}
}

/* The sandbox, all of it from one untyped so that revoking that untyped
 * takes everything the fuzz made (also caps in CNodes out of every
 * CSpace's reach); the echo server's CSpace E and endpoint with it. The
 * stock: the root task's own caps to one object of each kind, from which
 * it refills the sandbox's fixed slots the fuzz emptied. */
struct sandbox {
	l4_cptr_t untyped, s, r, echo_ep, e, e_root, device;
	l4_cptr_t stock[F_FIXED_COUNT];
	l4_cptr_t restock_untyped; /* new tables and small untypeds come from it */
};

static const struct {
	unsigned type, size_bits;
	unsigned char shadow;
} fixed_objects[F_FIXED_COUNT] = {
	[F_SELF] = {0, 0, SH_SANDBOX},
	[F_UNTYPED] = {L4_OBJ_UNTYPED, 22, SH_UNTYPED},
	[F_UNTYPED_SMALL] = {L4_OBJ_UNTYPED, 16, SH_UNTYPED},
	[F_ENDPOINT] = {L4_OBJ_ENDPOINT, 0, SH_ENDPOINT},
	[F_NOTIFICATION] = {L4_OBJ_NOTIFICATION, 0, SH_NOTIFICATION},
	[F_TCB] = {L4_OBJ_TCB, 0, SH_TCB},
	[F_VSPACE] = {L4_OBJ_VSPACE, 0, SH_VSPACE},
#if L4_HAS_PAGE_DIRECTORY /* else the slot stays empty: the type is only retyped */
	[F_PAGE_DIRECTORY] = {L4_OBJ_PAGE_DIRECTORY, 0, SH_PAGE_DIRECTORY},
#endif
	[F_PAGE_TABLE] = {L4_OBJ_PAGE_TABLE, 0, SH_PAGE_TABLE},
	[F_FRAME] = {L4_OBJ_FRAME_4K, 0, SH_FRAME},
	[F_FRAME_2M] = {L4_OBJ_FRAME_2M, 0, SH_FRAME_2M},
	[F_VCPU] = {L4_OBJ_VCPU, 0, SH_VCPU},
	[F_IRQ_CONTROL] = {0, 0, SH_IRQ_CONTROL},
	[F_IRQ_HANDLER] = {0, 0, SH_IRQ_HANDLER},
	[F_ECHO] = {0, 0, SH_ENDPOINT},
	[F_DEVICE_FRAME] = {0, 0, SH_FRAME},
	[F_CNODE] = {L4_OBJ_CNODE, 8, SH_CNODE},
	[F_VSPACE_ID_CONTROL] = {0, 0, SH_VSPACE_ID_CONTROL},
	[F_VSPACE_ID_POOL] = {0, 0, SH_VSPACE_ID_POOL},
};

/* Puts a cap into an empty fixed slot of S (an occupied one stays as the
 * fuzz left it): a new page table or directory (one cap each), a new small
 * untyped, otherwise a copy of the stock. Memory is recycled, so that any
 * number of calls can run: when the untyped new objects come from is full,
 * or the stock untyped has children from its last copy, it is revoked
 * first: all made from it goes, wherever the fuzz put it. */
static int restock_slot(const struct sandbox *b, unsigned slot)
{
	if (slot == F_SELF)
		return l4_cnode_mint(b->s, F_SELF, b->s, L4_RIGHTS_ALL, 24u << 27);
	if (!fixed_objects[slot].shadow)
		return L4_FAILED_LOOKUP; /* a type this variant does not have */
	if (slot == F_PAGE_TABLE || slot == F_PAGE_DIRECTORY || slot == F_UNTYPED_SMALL) {
		unsigned type = fixed_objects[slot].type, bits = fixed_objects[slot].size_bits;
		int err = l4_untyped_retype(b->restock_untyped, type, bits, b->s, slot, 1);
		if (err == L4_NOT_ENOUGH_MEMORY &&
		    l4_cnode_revoke(ROOT, b->restock_untyped) == L4_OK)
			err = l4_untyped_retype(b->restock_untyped, type, bits, b->s, slot, 1);
		return err;
	}
	if (!b->stock[slot])
		return L4_FAILED_LOOKUP;
	int err = l4_cnode_copy(b->s, slot, b->stock[slot], L4_RIGHTS_ALL);
	if (err == L4_REVOKE_FIRST && l4_cnode_revoke(ROOT, b->stock[slot]) == L4_OK)
		err = l4_cnode_copy(b->s, slot, b->stock[slot], L4_RIGHTS_ALL);
	return err;
}

static void restock(const struct sandbox *b)
{
	for (unsigned slot = F_SELF; slot < F_FIXED_COUNT; slot++)
		if (restock_slot(b, slot) == L4_OK)
			shadow[slot] = fixed_objects[slot].shadow;
}

static int make_sandbox(struct sandbox *b)
{
	CHECK_EQ(l4_untyped_retype(test_untyped, L4_OBJ_UNTYPED, SANDBOX_UNTYPED_BITS, ROOT,
				   b->untyped, 1), L4_OK);
	CHECK_EQ(l4_untyped_retype(b->untyped, L4_OBJ_CNODE, SANDBOX_RADIX, ROOT, b->s, 1), L4_OK);
	CHECK_EQ(l4_untyped_retype(b->untyped, L4_OBJ_CNODE, 1, ROOT, b->r, 1), L4_OK);
	CHECK_EQ(l4_cnode_mint(b->r, 0, b->s, L4_RIGHTS_ALL, 23u << 27), L4_OK);
	CHECK_EQ(l4_cnode_mint(b->r, 1, b->s, L4_RIGHTS_ALL, 15u << 27), L4_OK);
	for (unsigned slot = F_SELF; slot < F_FIXED_COUNT; slot++) {
		unsigned type = fixed_objects[slot].type;
		if (!fixed_objects[slot].shadow || slot == F_SELF || !type ||
		    slot == F_PAGE_TABLE || slot == F_PAGE_DIRECTORY || slot == F_UNTYPED_SMALL)
			continue;
		b->stock[slot] = slot_alloc();
		CHECK_EQ(l4_untyped_retype(b->untyped, type, fixed_objects[slot].size_bits, ROOT,
					   b->stock[slot], 1), L4_OK);
	}
	b->restock_untyped = slot_alloc();
	CHECK_EQ(l4_untyped_retype(b->untyped, L4_OBJ_UNTYPED, 20, ROOT, b->restock_untyped, 1),
		 L4_OK);
	b->stock[F_IRQ_CONTROL] = L4_CAP_IRQ_CONTROL;
	/* Pools it makes come from the sandbox's memory and go with it; the
	 * kernel's directory of pools is small, which the fuzz runs into. */
	b->stock[F_VSPACE_ID_CONTROL] = L4_CAP_VSPACE_ID_CONTROL;
	l4_cptr_t pool_memory = slot_alloc();
	b->stock[F_VSPACE_ID_POOL] = slot_alloc();
	CHECK_EQ(l4_untyped_retype(b->untyped, L4_OBJ_UNTYPED, L4_VSPACE_ID_POOL_BITS, ROOT,
				   pool_memory, 1), L4_OK);
	CHECK_EQ(l4_vspace_id_make_pool(L4_CAP_VSPACE_ID_CONTROL, pool_memory, ROOT,
					b->stock[F_VSPACE_ID_POOL]), L4_OK);
	CHECK_EQ(l4_vspace_id_assign(b->stock[F_VSPACE_ID_POOL], b->stock[F_VSPACE]), L4_OK);
	b->stock[F_IRQ_HANDLER] = slot_alloc();
	const unsigned get[] = {FREE_SPI, ROOT, b->stock[F_IRQ_HANDLER]};
	CHECK_EQ(l4_invoke(L4_CAP_IRQ_CONTROL, L4_IRQ_CONTROL_GET, 3, get, 0), L4_OK);

	CHECK_EQ(l4_untyped_retype(b->untyped, L4_OBJ_ENDPOINT, 0, ROOT, b->echo_ep, 1), L4_OK);
	CHECK_EQ(l4_untyped_retype(b->untyped, L4_OBJ_CNODE, 2, ROOT, b->e, 1), L4_OK);
	CHECK_EQ(l4_cnode_mint(b->e, E_SELF, b->e, L4_RIGHTS_ALL, 30u << 27), L4_OK);
	CHECK_EQ(l4_cnode_mint(ROOT, b->e_root, b->e, L4_RIGHTS_ALL, 30u << 27), L4_OK);
	CHECK_EQ(l4_cnode_copy(b->e, E_EP, b->echo_ep, L4_RIGHTS_ALL), L4_OK);
	b->stock[F_ECHO] = slot_alloc();
	CHECK_EQ(l4_cnode_mint(ROOT, b->stock[F_ECHO], b->echo_ep, L4_RIGHTS_ALL, ECHO_LABEL),
		 L4_OK);
	b->device = bootinfo->gicv_paddr ? device_frame(bootinfo->gicv_paddr) : 0;
	b->stock[F_DEVICE_FRAME] = b->device;

	for (unsigned i = 0; i < SANDBOX_SLOTS; i++)
		shadow[i] = SH_EMPTY;
	restock(b);
	return 0;
}

/* Where the violation was found, how to find the call that made it, and
 * the calls just before. */
static void report_violation(unsigned done, unsigned last_check)
{
	const struct fuzz_params *p = &fuzz_params;
	l4_printf("    found after call %u (the check before was after call %u); seed 0x%x\n",
		  done, last_check, p->seed);
	l4_printf("    replay: make fuzz SEED=0x%x CALLS=%u CHECK_EVERY=1 CHECK_FROM=%u "
		  "CHECK_FLAGS=%u\n", p->seed, done, last_check + 1, p->check_flags);
	print_history();
}

/* The root task's side while the fuzzer runs: restock and check where it
 * pauses, and release it from a call that blocked for good (nothing will
 * ever answer it: Recv on an endpoint without senders, Send without
 * receivers...). No progress over three yields means it is blocked: a
 * runnable fuzzer would have run (both are at priority 254). */
static unsigned watch(const struct sandbox *b, l4_cptr_t fuzzer_tcb)
{
	unsigned last = 0, stalls = 0, last_check = 0;
	while (fuzz_state != FUZZ_DONE) {
		l4_yield();
		if (fuzz_state == FUZZ_PAUSED) {
			unsigned done = calls_done;
			if (check_due(done)) {
				unsigned v = check("during the fuzz");
				if (v) {
					report_violation(done, last_check);
					fuzz_state = FUZZ_STOPPING;
					return v;
				}
				last_check = done;
			}
			if (done % RESTOCK_EVERY == 0)
				restock(b);
			fuzz_state = FUZZ_RUNNING;
			stalls = 0;
			continue;
		}
		if (calls_done != last) {
			last = calls_done;
			stalls = 0;
			continue;
		}
		if (++stalls < 3)
			continue;
		released = 1;
		l4_tcb_suspend(fuzzer_tcb);
		l4_tcb_resume(fuzzer_tcb);
		stalls = 0;
	}
	return 0;
}

static void print_summary(unsigned long long ticks)
{
	const struct fuzz_params *p = &fuzz_params;
	unsigned hz = TEST_COUNTER_HZ ? TEST_COUNTER_HZ : 1;
	unsigned long long fuzz_ticks = ticks > check_ticks ? ticks - check_ticks : 1;
	unsigned tenths = (unsigned)(ticks * 10 / hz),
		 check_tenths = (unsigned)(check_ticks * 10 / hz);
	unsigned per_second = (unsigned)((unsigned long long)calls_done * hz / fuzz_ticks);
	l4_printf("    fuzz: seed 0x%x, %u calls in %u.%u s, %u calls/s; %u invariant checks in "
		  "%u.%u s, up to %u caps, %u mappings, %u VSpaces%s\n", p->seed, calls_done,
		  tenths / 10, tenths % 10, per_second, checks_done, check_tenths / 10,
		  check_tenths % 10, most_seen[0], most_seen[1], most_seen[2],
#ifdef CONFIG_KERNEL_INVARIANTS
		  ""
#else
		  " (none: the kernel is built without CONFIG_KERNEL_INVARIANTS)"
#endif
	);
	l4_printf("    %u calls:", calls_done);
	for (unsigned i = 0; i < OUT_COUNT; i++)
		l4_printf("%s %u %s", i ? "," : "", outcomes[i], outcome_names[i]);
	l4_printf("\n    by system call:");
	for (unsigned i = 0; i < SYS_KIND_COUNT; i++)
		l4_printf("%s %u %s", i ? "," : "", calls_by_kind[i], syscall_names[i]);
	l4_printf("\n    invocations ok/made by label:");
	for (unsigned i = 0; i < LABEL_COUNT; i++)
		if (tried_by_label[i])
			l4_printf(" %x:%u/%u", all_labels[i], ok_by_label[i], tried_by_label[i]);
	l4_printf("\n");
}

static int random_calls_keep_the_kernel_invariants(void)
{
	const struct fuzz_params *p = &fuzz_params;
	rng_state = p->seed ? p->seed : 1;
	fuzz_state = FUZZ_RUNNING;
	calls_done = released = checks_done = 0;

	if (check("before the fuzz, in what the tests before it left"))
		return 1;
	struct sandbox b = {.untyped = slot_alloc(), .s = slot_alloc(), .r = slot_alloc(),
			    .echo_ep = slot_alloc(), .e = slot_alloc(), .e_root = slot_alloc()};
	if (make_sandbox(&b))
		return 1;
	/* the echo server at 255 runs whenever woken, before the fuzzer and
	 * the root task (both 254) go on */
	struct test_thread *echo = thread_new(echo_body, 0, 255, 0, 0);
	CHECK(echo);
	CHECK_EQ(l4_tcb_configure(echo->tcb, b.e_root, L4_CAP_INIT_VSPACE, 0,
				  (unsigned)&echo_ipc_buffer), L4_OK);
	CHECK_EQ(l4_tcb_resume(echo->tcb), L4_OK);
	struct test_thread *fuzzer = thread_new(fuzz_body, 0, 254, 0, 0);
	CHECK(fuzzer);
	CHECK_EQ(l4_tcb_configure(fuzzer->tcb, b.r, L4_CAP_INIT_VSPACE, 0,
				  (unsigned)&fuzz_ipc_buffer), L4_OK);
	CHECK_EQ(l4_tcb_set_priority(L4_CAP_INIT_TCB, 254, L4_CAP_INIT_TCB), L4_OK);

	unsigned long long start = counter();
	CHECK_EQ(l4_tcb_resume(fuzzer->tcb), L4_OK);
	unsigned violation = watch(&b, fuzzer->tcb);
	unsigned long long ticks = counter() - start;
	l4_tcb_suspend(fuzzer->tcb);
	CHECK_EQ(l4_tcb_set_priority(L4_CAP_INIT_TCB, 255, L4_CAP_INIT_TCB), L4_OK);
	print_summary(ticks);
	if (violation)
		return 1; /* the kernel's state is broken: leave it be */

	/* everything the fuzz made goes with its untyped; interrupt handlers
	 * and device frame copies with the caps they came from */
	thread_stop(fuzzer);
	thread_stop(echo);
	CHECK_EQ(l4_cnode_revoke(ROOT, b.untyped), L4_OK);
	CHECK_EQ(l4_cnode_delete(ROOT, b.untyped), L4_OK);
	CHECK_EQ(l4_cnode_revoke(ROOT, L4_CAP_IRQ_CONTROL), L4_OK);
	if (b.device)
		CHECK_EQ(l4_cnode_revoke(ROOT, b.device), L4_OK);
	if (check("after the sandbox was revoked"))
		return 1;
	CHECK(outcomes[L4_OK] > calls_done / 20); /* the fuzz got past the checks, too */

	/* the kernel still does its job: a new thread, an IPC round trip */
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0);
	struct test_thread *t = thread_start(echo_server, ep, 255);
	CHECK(t);
	struct l4_msg m = msg(0x77, 2);
	m.mr[0] = 1, m.mr[1] = 2;
	l4_call(ep, &m);
	CHECK_EQ(l4_msginfo_label(m.info), 0x77);
	CHECK_EQ(m.mr[1], 2);
	thread_stop(t);
	return 0;
}

DEFINE_TEST_LIST(fuzz, T(random_calls_keep_the_kernel_invariants))
