/* SPDX-License-Identifier: MIT */
/* The user ABI of Tern, shared by the kernel and libl4: error codes, object
 * types, rights, the message-info word, system call numbers and invocation
 * labels. One source of truth: both sides include this file. */
#ifndef L4_ABI_H
#define L4_ABI_H

/* Errors returned by invocations (in the reply's label) and syscalls. */
enum l4_error {
	L4_OK = 0,
	L4_INVALID_ARGUMENT = 1,   /* an argument is wrong; its index is reported */
	L4_INVALID_CAPABILITY = 2, /* a cap argument has the wrong type */
	L4_ILLEGAL_OPERATION = 3,  /* the object cannot do that now */
	L4_RANGE_ERROR = 4,        /* a value is outside the allowed range */
	L4_ALIGNMENT_ERROR = 5,
	L4_FAILED_LOOKUP = 6,      /* a cap address does not resolve to a slot */
	L4_TRUNCATED_MESSAGE = 7,  /* fewer message registers than the call needs */
	L4_DELETE_FIRST = 8,       /* the destination slot is not empty */
	L4_REVOKE_FIRST = 9,       /* the untyped still has children */
	L4_NOT_ENOUGH_MEMORY = 10,
	L4_INSUFFICIENT_RIGHTS = 11,
	L4_ERROR_COUNT
};

/* Kernel object types, for Untyped_Retype. The frames, tables and VSpaces
 * are the CPU variant's (the kernel's arch/arm/include/arch/object.h): the
 * comments give the HYP variant's (Cortex-A15, LPAE stage 2). */
enum l4_object_type {
	L4_OBJ_UNTYPED = 0,
	L4_OBJ_TCB = 1,
	L4_OBJ_ENDPOINT = 2,
	L4_OBJ_NOTIFICATION = 3,
	L4_OBJ_CNODE = 4,
	L4_OBJ_FRAME_4K = 5,
	L4_OBJ_FRAME_2M = 6,
	L4_OBJ_PAGE_TABLE = 7,     /* LPAE level 3: 512 x 4 KiB */
	L4_OBJ_PAGE_DIRECTORY = 8, /* LPAE level 2: 512 x 2 MiB */
	L4_OBJ_VSPACE = 9,         /* LPAE stage-2 level 1 */
	L4_OBJ_VCPU = 10,
	L4_OBJ_GUEST_VSPACE = 11,  /* a VSpace only guests run in (VCPU-bound
	                            * threads); the GIC's virtual CPU interface
	                            * maps only into these */
	L4_OBJ_TYPE_COUNT
};
/* The table levels a task makes to map at an address: on the HYP kernel
 * (LPAE) a page directory for each GiB, then a page table for each 2 MiB;
 * on the SVC kernel (short descriptors, arch/arm/svc) page tables only, each
 * also covering 2 MiB, and no page-directory type. */
#ifdef CONFIG_ARM_SVC
#define L4_HAS_PAGE_DIRECTORY 0
#else
#define L4_HAS_PAGE_DIRECTORY 1
#endif
#define L4_PAGE_SIZE 0x1000u      /* a FRAME_4K */
/* VSpace ids come from pools that tasks pay for (VSpaceIdPool_Assign). */
#define L4_VSPACE_ID_POOL_BITS 12 /* the untyped a pool is made from */
#define L4_VSPACE_IDS_PER_POOL 1023u
#define L4_VSPACE_ID_POOLS 63u    /* besides the kernel's, for the root task's VSpace */
#define L4_FRAME_2M_SIZE 0x200000u

/* A thread's user registers, in the order TCB_Read/WriteRegisters use.
 * Writing CPSR changes only its flags and Thumb bit: the mode stays USR;
 * for a thread bound to a VCPU it may also set any guest mode (not HYP or
 * Monitor) and the A, I, F and E bits. */
enum l4_register {
	L4_REG_PC, L4_REG_SP, L4_REG_R0, L4_REG_R1, L4_REG_R2, L4_REG_R3, L4_REG_R4, L4_REG_R5,
	L4_REG_R6, L4_REG_R7, L4_REG_R8, L4_REG_R9, L4_REG_R10, L4_REG_R11, L4_REG_R12,
	L4_REG_LR, L4_REG_CPSR,
	L4_REG_COUNT
};
#define L4_WRITE_REGISTERS_RESUME 0x1u

/* Frame_Map attributes. */
#define L4_FRAME_EXECUTABLE 0x1u
#define L4_FRAME_UNCACHED 0x2u

/* Cap rights. */
#define L4_RIGHT_READ 0x1u
#define L4_RIGHT_WRITE 0x2u
#define L4_RIGHT_GRANT 0x4u
#define L4_RIGHTS_ALL 0x7u

/* System calls (the immediate of SVC/HVC from user space). */
enum l4_syscall {
	L4_SYS_CALL = 1,
	L4_SYS_REPLY_RECV = 2,
	L4_SYS_SEND = 3,
	L4_SYS_NBSEND = 4,
	L4_SYS_RECV = 5,
	L4_SYS_NBRECV = 6,
	L4_SYS_YIELD = 7,
	L4_SYS_DEBUG_PUTCHAR = 8,  /* absent from release configurations */
	L4_SYS_DEBUG_GETCHAR = 9,  /* console input: r0 = the byte, or -1 when none */
	L4_SYS_DEBUG_CHECK_INVARIANTS = 10, /* CONFIG_KERNEL_INVARIANTS builds only */
};

/* L4_SYS_DEBUG_CHECK_INVARIANTS: the kernel checks its own data structures
 * from the caller's CSpace (the root task's: the boot CSpace) and every
 * live VSpace. r0 in: L4_INVARIANTS_* flags. Out: r0 = 0, or the number of
 * the first invariant found violated (one console line names it and the
 * objects involved); r1 = caps, r2 = mappings, r3 = VSpaces it looked at.
 * Meant for the root task: mappings in its VSpace whose frames came from no
 * cap (its boot image) pass only for memory no cap covers.
 *
 * L4_INVARIANTS_STALE_CLAIMS: also, every mapped frame or table cap whose
 * VSpace lives holds the entry it records, and no mapping has two frame
 * caps claiming it. Not so by design: a frame or table whose table or
 * directory was unmapped, or whose VSpace went and whose VSpace id was
 * given to another, keeps its record (unmapping through it finds nothing of
 * its own and changes nothing). */
#define L4_INVARIANTS_STALE_CLAIMS 0x1u
/* The invariants, by number:
 *   cap-object       a cap's object is misaligned, of a bad size, or a kernel
 *                    object outside RAM
 *   objects-overlap  caps to different objects share memory (but for an
 *                    object and the untyped it was made from)
 *   untyped-child    an untyped's child lies outside [base, base + watermark),
 *                    or is no memory object, or device and RAM are mixed
 *   cdt-links        derivation-tree links disagree (parent, child, siblings)
 *   cdt-adjacent     caps to one object are siblings but not next to each other
 *   cdt-final        cte_is_final disagrees with the caps that exist
 *   leaf-claim       a valid mapping that no frame cap claims (or, with
 *                    L4_INVARIANTS_STALE_CLAIMS, that two claim)
 *   leaf-rights      a mapping writable or cached where its frame cap is not
 *   table-place      a table entry to a table whose cap says it is elsewhere,
 *                    to something other than a table, or to no table at all
 *   table-shared     a table referenced by two table entries
 *   user-range       a mapping at or above the user limit, or below its base
 *   vspace-ids       the VSpace id table disagrees with the VSpace caps
 *   threads          scheduler and IPC queues, notification and VCPU bindings
 *                    and reply links name dead objects or disagree
 *   stale-claim      (L4_INVARIANTS_STALE_CLAIMS) a mapped frame or table cap
 *                    whose recorded entry holds something else or nothing
 *   checker-full     more caps or tables than the checker's arrays hold */
#define L4_INVARIANT_LIST(X)                                                   \
	X(1, CAP_OBJECT, "cap-object")                                         \
	X(2, OVERLAP, "objects-overlap")                                       \
	X(3, UNTYPED_CHILD, "untyped-child")                                   \
	X(4, CDT_LINKS, "cdt-links")                                           \
	X(5, CDT_ADJACENT, "cdt-adjacent")                                     \
	X(6, CDT_FINAL, "cdt-final")                                           \
	X(7, LEAF_CLAIM, "leaf-claim")                                         \
	X(8, LEAF_RIGHTS, "leaf-rights")                                       \
	X(9, TABLE_PLACE, "table-place")                                       \
	X(10, TABLE_SHARED, "table-shared")                                    \
	X(11, USER_RANGE, "user-range")                                        \
	X(12, VSPACE_IDS, "vspace-ids")                                        \
	X(13, THREADS, "threads")                                              \
	X(14, STALE_CLAIM, "stale-claim")                                      \
	X(15, CHECKER_FULL, "checker-full")
enum l4_invariant {
	L4_INVARIANT_OK = 0,
#define L4_INVARIANT_ENUM(number, name, text) L4_INVARIANT_##name = number,
	L4_INVARIANT_LIST(L4_INVARIANT_ENUM)
#undef L4_INVARIANT_ENUM
	L4_INVARIANT_COUNT
};

/* The message-info word: label | caps unwrapped | extra caps | length.
 *   bits 31..12  label (invocation label, or error code in replies)
 *   bits 11..9   which transferred caps were unwrapped to badges
 *   bits  8..7   number of extra caps (0-3)
 *   bits  6..0   number of message registers (0-120) */
#define L4_MSG_MAX_LENGTH 120
#define L4_MSG_MAX_EXTRA_CAPS 3
#define L4_MSG_LABEL_BITS 20

typedef unsigned int l4_msginfo_t;

static inline __attribute__((always_inline)) l4_msginfo_t l4_msginfo(unsigned label, unsigned unwrapped, unsigned extra_caps,
				      unsigned length)
{
	return (label & 0xfffffu) << 12 | (unwrapped & 0x7u) << 9 | (extra_caps & 0x3u) << 7 |
	       (length & 0x7fu);
}
static inline unsigned l4_msginfo_label(l4_msginfo_t m) { return m >> 12; }
static inline unsigned l4_msginfo_unwrapped(l4_msginfo_t m) { return (m >> 9) & 0x7u; }
static inline unsigned l4_msginfo_extra_caps(l4_msginfo_t m) { return (m >> 7) & 0x3u; }
static inline unsigned l4_msginfo_length(l4_msginfo_t m) { return m & 0x7fu; }

/* Registers: r0 = cap pointer in, badge out; r1 = message info;
 * r2-r7 = message registers MR0-MR5. */
#define L4_MSG_REGISTERS_IN_CPU 6
/* NBRecv found nothing: the label of the message info it returns. */
#define L4_LABEL_NO_MESSAGE 0xfffffu
/* Cap pointers are resolved with all 32 bits from the caller's CSpace root. */
#define L4_CPTR_BITS 32

/* Fault messages: what a thread's fault endpoint receives (the label says
 * which fault; the badge is the fault endpoint cap's). Replying with label
 * 0 resumes the thread; a reply of length >= 1 sets its pc to MR0, >= 2 its
 * sp to MR1, >= 3 its r0 to MR2.
 *   MR0 pc of the faulting instruction
 *   MR1 faulting address (page faults), else 0
 *   MR2 status: the syndrome (below) for page faults and undefined
 *       instructions, the number for unknown system calls
 *   MR3 flags: L4_FAULT_WRITE, L4_FAULT_FETCH */
enum l4_fault {
	L4_FAULT_PAGE = 1,
	L4_FAULT_UNDEFINED_INSTRUCTION = 2,
	L4_FAULT_UNKNOWN_SYSCALL = 3,
	L4_FAULT_OTHER = 4,
	L4_FAULT_VM_EXIT = 5,
};
#define L4_FAULT_MESSAGE_LENGTH 4
#define L4_FAULT_WRITE 0x1u
#define L4_FAULT_FETCH 0x2u

/* VM exits: what a VCPU thread's fault endpoint receives when its guest
 * does something the kernel does not handle itself. Label L4_FAULT_VM_EXIT,
 * always L4_VM_EXIT_LENGTH message registers, all in CPU registers (one
 * IPC round trip per exit, no register syscalls). MR0 and MR1 are always
 * the guest's pc and the HSR; the exception class (HSR bits 31..26) says
 * what the rest holds:
 *   data abort, stage 2 (0x24)   MR2 IPA, MR3 value written (when HSR.WnR
 *                                and HSR.ISV: the register HSR.SRT names),
 *                                MR4 cpsr, MR5 guest virtual address.
 *                                MR3 and a load's SET value are register
 *                                values: for a guest in big-endian state
 *                                (CPSR.E) the device's bytes are reversed
 *   prefetch abort, stage 2 (0x20)  MR2 IPA, MR3 0, MR4 cpsr, MR5 guest VA
 *   HVC (0x12), SMC (0x13)       MR2-MR5 the guest's r0-r3
 *   MCR/MRC (0x03, 0x05), MCRR/MRRC (0x04, 0x0c)  MR2 value of Rt, MR3 of
 *                                Rt2 (the 64-bit forms), MR4 cpsr, MR5 0
 *   anything else                MR2 0, MR3 0, MR4 cpsr, MR5 0
 * The reply (label 0; any other label leaves the guest stopped):
 *   MR0 actions, L4_VM_REPLY_*; MR1 the value for SET (MR2 the second
 *   value for a 64-bit MRRC). An empty reply resumes at the same pc
 *   (the instruction runs again). */
#define L4_VM_EXIT_LENGTH 6
#define L4_VM_REPLY_STEP 0x1u   /* skip the exiting instruction (HVC: already done) */
#define L4_VM_REPLY_SET 0x2u    /* write MR1 to the exit's destination: the load's
                                 * register (sized, sign-extended per HSR.SSE), the
                                 * MRC's Rt, HVC/SMC's r0 */
#define L4_VM_REPLY_ABORT 0x4u  /* inject an external abort (data or prefetch, as
                                 * the exit was) into the guest */
#define L4_VM_REPLY_UNDEF 0x8u  /* inject an undefined-instruction exception */

/* The syndrome in fault and VM-exit messages is HSR-shaped on every CPU
 * variant, so user programs and VMMs decode one format: the HYP kernel
 * passes the hardware's HSR; a kernel without HYP mode (the Cortex-A9's, in
 * SVC) synthesizes the same encoding (class, IL, ISS with the fields below)
 * from its fault status registers and the decoded instruction. */
/* HSR exception classes the VMM sees. */
#define L4_HSR_EC(hsr) ((hsr) >> 26)
#define L4_EC_WFI_WFE 0x01u
#define L4_EC_CP15_32 0x03u
#define L4_EC_CP15_64 0x04u
#define L4_EC_CP14_32 0x05u
#define L4_EC_CP14_LS 0x06u   /* LDC/STC to the debug registers */
#define L4_EC_CP14_64 0x0cu
#define L4_EC_HVC 0x12u
#define L4_EC_SMC 0x13u
#define L4_EC_PREFETCH_ABORT 0x20u
#define L4_EC_DATA_ABORT 0x24u
/* Data abort syndrome (valid when ISV is set). */
#define L4_HSR_DABT_ISV(hsr) (((hsr) >> 24) & 1u)
#define L4_HSR_DABT_SIZE(hsr) (1u << (((hsr) >> 22) & 3u)) /* bytes */
#define L4_HSR_DABT_SRT(hsr) (((hsr) >> 16) & 0xfu)
#define L4_HSR_DABT_WRITE(hsr) (((hsr) >> 6) & 1u)

/* A VCPU's guest state beyond the TCB's registers, by index, for
 * VCPU_ReadRegisters / VCPU_WriteRegisters. The banked registers are those
 * of the guest's privileged modes; the TCB holds r0-r12, SP/LR of USR/SYS,
 * pc and cpsr (for a VCPU thread cpsr may hold any guest mode). */
enum l4_vcpu_register {
	L4_VCPU_SCTLR, L4_VCPU_ACTLR, L4_VCPU_CPACR, L4_VCPU_TTBR0_LO, L4_VCPU_TTBR0_HI,
	L4_VCPU_TTBR1_LO, L4_VCPU_TTBR1_HI, L4_VCPU_TTBCR, L4_VCPU_DACR, L4_VCPU_DFSR,
	L4_VCPU_IFSR, L4_VCPU_ADFSR, L4_VCPU_AIFSR, L4_VCPU_DFAR, L4_VCPU_IFAR,
	L4_VCPU_PAR_LO, L4_VCPU_PAR_HI, L4_VCPU_PRRR, L4_VCPU_NMRR, L4_VCPU_AMAIR0,
	L4_VCPU_AMAIR1, L4_VCPU_VBAR, L4_VCPU_CONTEXTIDR, L4_VCPU_TPIDRURW, L4_VCPU_TPIDRURO,
	L4_VCPU_TPIDRPRW, L4_VCPU_CSSELR, L4_VCPU_CNTKCTL, L4_VCPU_CNTV_CTL,
	L4_VCPU_CNTV_CVAL_LO, L4_VCPU_CNTV_CVAL_HI, L4_VCPU_VMPIDR,
	L4_VCPU_SP_SVC, L4_VCPU_LR_SVC, L4_VCPU_SPSR_SVC,
	L4_VCPU_SP_ABT, L4_VCPU_LR_ABT, L4_VCPU_SPSR_ABT,
	L4_VCPU_SP_UND, L4_VCPU_LR_UND, L4_VCPU_SPSR_UND,
	L4_VCPU_SP_IRQ, L4_VCPU_LR_IRQ, L4_VCPU_SPSR_IRQ,
	L4_VCPU_SP_FIQ, L4_VCPU_LR_FIQ, L4_VCPU_SPSR_FIQ,
	L4_VCPU_R8_FIQ, L4_VCPU_R9_FIQ, L4_VCPU_R10_FIQ, L4_VCPU_R11_FIQ, L4_VCPU_R12_FIQ,
	L4_VCPU_REGISTER_COUNT
};

/* VCPU_SetTraps flags: exits that go to the VMM instead of being handled
 * in the kernel. */
#define L4_VCPU_TRAP_WFI 0x1u   /* WFI exits to the VMM (default: the kernel
                                 * blocks the VCPU until an interrupt is pending) */

/* Invocation labels: one range per object type. Arguments (MRn):
 *   Untyped_Retype   MR0 type, MR1 size bits, MR2 destination CNode cptr,
 *                    MR3 first slot index in it, MR4 count
 *   CNode_Copy       MR0 destination index (in the invoked CNode),
 *                    MR1 source cptr, MR2 rights mask
 *   CNode_Mint       as Copy, MR3 badge (or guard for a CNode cap)
 *   CNode_Move       MR0 destination index, MR1 source cptr
 *   CNode_Mutate     MR0 destination index, MR1 source cptr, MR2 badge
 *   CNode_Delete     MR0 index
 *   CNode_Revoke     MR0 index
 *   TCB_Configure    MR0 CSpace root cptr, MR1 VSpace cptr, MR2 fault
 *                    endpoint cptr (0: none), MR3 IPC buffer address
 *   TCB_WriteRegisters  MR0 flags (L4_WRITE_REGISTERS_RESUME), MR1 count n,
 *                    MR2... the first n registers in enum l4_register order
 *   TCB_ReadRegisters   MR0 count n; replies with the first n registers
 *   TCB_SetPriority  MR0 priority, MR1 authority TCB cptr (priority <= its MCP)
 *   TCB_SetMCP       MR0 maximum controlled priority, MR1 authority TCB cptr
 *   TCB_BindNotification  MR0 notification cptr
 *   Frame_Map        MR0 VSpace cptr, MR1 address (aligned to the frame's
 *                    size), MR2 rights, MR3 attributes (L4_FRAME_*)
 *   Frame_Unmap      -
 *   Frame_Clean      MR0 offset, MR1 length (within the frame): writes the
 *                    range's cached data back to memory and invalidates the
 *                    instruction cache, for memory written through a
 *                    cacheable mapping and read with caches off (a guest
 *                    entered with its MMU off) or run as code; nothing to
 *                    do for device frames, which are never cached
 *   PageTable_Map    MR0 VSpace cptr, MR1 address (for a page directory:
 *                    the 1 GiB it covers; for a page table: the 2 MiB)
 *   PageTable_Unmap  -
 *   IRQControl_Get   MR0 interrupt ID, MR1 destination CNode cptr, MR2 index
 *   IRQHandler_SetNotification  MR0 notification cptr (its badge is signalled)
 *   IRQHandler_Ack   - (the line is masked from delivery until acknowledged)
 *   VSpaceIdControl_MakePool  MR0 untyped cptr (4 KiB of RAM, no children:
 *                    it becomes the pool and counts as full), MR1
 *                    destination CNode cptr, MR2 index. At most
 *                    L4_VSPACE_ID_POOLS pools exist at once: the holder of
 *                    the control cap (the root task) decides who gets one
 *   VSpaceIdPool_Assign  MR0 VSpace cptr (it has no id yet): gives it one
 *                    of the pool's L4_VSPACE_IDS_PER_POOL ids. A VSpace
 *                    needs an id before anything is mapped into it or a
 *                    thread runs in it; deleting the pool takes every
 *                    mapping out of its VSpaces and their ids with it
 *   VCPU_SetTCB      MR0 TCB cptr: that thread now runs this VCPU's guest
 *   VCPU_ReadRegisters  MR0 first enum l4_vcpu_register, MR1 count (<= 24);
 *                    replies with the values
 *   VCPU_WriteRegisters MR0 first, MR1 count, MR2... the values
 *   VCPU_InjectIRQ   MR0 virtual interrupt ID (< 1020), MR1 priority (0-255,
 *                    top 5 bits used), MR2 (optional) L4_VCPU_IRQ_* flags;
 *                    the guest sees it pending at its GIC CPU interface; a
 *                    VCPU waiting in WFI wakes
 *   VCPU_AckIRQ      MR0 virtual interrupt ID: the VMM acknowledges a
 *                    level-sensitive interrupt at its source (the device
 *                    model's line went low): the kernel no longer raises it
 *                    again after the guest ends it, and withdraws it if the
 *                    guest has not taken it yet
 *   VCPU_SetTraps    MR0 L4_VCPU_TRAP_* flags
 *   VCPU_Stats       replies MR0 exits to the VMM, MR1 WFI blocks in the
 *                    kernel, MR2 virtual timer interrupts, MR3 injected IRQs,
 *                    MR4 times the VCPU took the VFP unit (its first VFP
 *                    access after another VCPU used it)
 *   VCPU_SetStatePage  SVC kernel (deprivileged guests) only, elsewhere
 *                    L4_ILLEGAL_OPERATION: MR0 a 4 KiB frame cap of cached
 *                    RAM, mapped writable in the guest's VSpace: the shared
 *                    state page (l4/pv.h, docs/pv-vcpu.md section 3). The
 *                    kernel reaches it through that mapping's guest-physical
 *                    address; unmapped, the VCPU has no state page and an
 *                    upcall stops it
 * An error reply has the error as label, MR0 = the failing argument's
 * index, MR1/MR2 = the allowed range or the bytes available. */
#define L4_VCPU_STATS_COUNT 5
/* VCPU_InjectIRQ flags */
#define L4_VCPU_IRQ_LEVEL 0x1u /* level-sensitive: pending again each time the guest
                                * ends it (EOI), until VCPU_AckIRQ says the line is low */

enum l4_invocation {
	L4_UNTYPED_RETYPE = 1,
	L4_CNODE_COPY = 0x100,
	L4_CNODE_MINT,
	L4_CNODE_MOVE,
	L4_CNODE_MUTATE,
	L4_CNODE_DELETE,
	L4_CNODE_REVOKE,
	L4_TCB_CONFIGURE = 0x200,
	L4_TCB_READ_REGISTERS,
	L4_TCB_WRITE_REGISTERS,
	L4_TCB_SUSPEND,
	L4_TCB_RESUME,
	L4_TCB_SET_PRIORITY,
	L4_TCB_BIND_NOTIFICATION,
	L4_TCB_UNBIND_NOTIFICATION,
	L4_TCB_SET_MCP,
	L4_NOTIFICATION_SIGNAL = 0x300,
	L4_FRAME_MAP = 0x400,
	L4_FRAME_UNMAP,
	L4_FRAME_CLEAN,
	L4_PAGE_TABLE_MAP,
	L4_PAGE_TABLE_UNMAP,
	L4_IRQ_CONTROL_GET = 0x500,
	L4_IRQ_HANDLER_SET_NOTIFICATION,
	L4_IRQ_HANDLER_ACK,
	L4_VSPACE_ID_CONTROL_MAKE_POOL = 0x600,
	L4_VSPACE_ID_POOL_ASSIGN,
	L4_VCPU_SET_TCB = 0x700,
	L4_VCPU_READ_REGISTERS,
	L4_VCPU_WRITE_REGISTERS,
	L4_VCPU_INJECT_IRQ,
	L4_VCPU_SET_TRAPS,
	L4_VCPU_STATS,
	L4_VCPU_ACK_IRQ,
	L4_VCPU_SET_STATE_PAGE, /* SVC kernel only: see below */
};

#endif
