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

/* Kernel object types, for Untyped_Retype. */
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
	L4_OBJ_TYPE_COUNT
};

/* A thread's user registers, in the order TCB_Read/WriteRegisters use.
 * Writing CPSR changes only its flags and Thumb bit: the mode stays USR. */
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
 *   MR2 status: HSR for page faults and undefined instructions, the number
 *       for unknown system calls
 *   MR3 flags: L4_FAULT_WRITE, L4_FAULT_FETCH */
enum l4_fault {
	L4_FAULT_PAGE = 1,
	L4_FAULT_UNDEFINED_INSTRUCTION = 2,
	L4_FAULT_UNKNOWN_SYSCALL = 3,
	L4_FAULT_OTHER = 4,
};
#define L4_FAULT_MESSAGE_LENGTH 4
#define L4_FAULT_WRITE 0x1u
#define L4_FAULT_FETCH 0x2u

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
 *   PageTable_Map    MR0 VSpace cptr, MR1 address (for a page directory:
 *                    the 1 GiB it covers; for a page table: the 2 MiB)
 *   PageTable_Unmap  -
 *   IRQControl_Get   MR0 interrupt ID, MR1 destination CNode cptr, MR2 index
 *   IRQHandler_SetNotification  MR0 notification cptr (its badge is signalled)
 *   IRQHandler_Ack   - (the line is masked from delivery until acknowledged)
 * An error reply has the error as label, MR0 = the failing argument's
 * index, MR1/MR2 = the allowed range or the bytes available. */
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
	L4_PAGE_TABLE_MAP,
	L4_PAGE_TABLE_UNMAP,
	L4_IRQ_CONTROL_GET = 0x500,
	L4_IRQ_HANDLER_SET_NOTIFICATION,
	L4_IRQ_HANDLER_ACK,
	L4_VMID_ASSIGN = 0x600,
};

#endif
