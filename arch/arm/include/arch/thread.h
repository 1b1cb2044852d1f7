/* SPDX-License-Identifier: MIT */
/* User threads and their address spaces: the saved register context, the
 * stage-2 VSpace, and the return to user mode. */
#ifndef ARCH_THREAD_H
#define ARCH_THREAD_H

#include <tern/types.h>

/* A user thread's registers as the trap entry saves them (vectors.S knows
 * this layout). */
struct arch_context {
	uint32_t r[13];
	uint32_t sp;
	uint32_t lr;
	uint32_t pc;
	uint32_t cpsr;
	uint32_t tls;      /* TPIDRURO: read-only to the thread (its IPC buffer) */
#ifdef CONFIG_ARM_SVC
	uint32_t dacr;     /* its domains' access (a deprivileged guest switches
			    * between its kernel's and its user's view) */
	uint32_t vmode;    /* 0: a native thread; a VCPU's thread: its virtual
			    * mode, PSR_MODE_USR or PSR_MODE_SVC (the hardware
			    * mode is always USR, with F set: what vectors.S
			    * tests, arch/arm/pv/vcpu_pure.h) */
#endif
};

#ifdef CONFIG_ARM_SVC
/* DACR of a native thread: the kernel's domain 0 and the user domain 1 as
 * clients, so page permissions decide (and no kernel page permits user
 * access); every other domain no access. */
#define ARCH_DACR_NATIVE 0x5u
#endif

/* The address of the SVC instruction a thread trapped with (the saved PC
 * is the next instruction's: 2 bytes in Thumb state, 4 in ARM). */
static inline uint32_t arch_context_syscall_pc(const struct arch_context *c)
{
	return c->pc - (c->cpsr & 0x20u /* T */ ? 2 : 4);
}

/* A stage-2 address space: IPA = the thread's virtual address (native
 * threads run with stage 1 off). It gets a hardware VMID when it first
 * runs, and again after a VMID rollover. */
struct arch_vspace {
	void *object;    /* the VSpace object (a 4 KiB page) */
};

/* Lowest address a user program may use and the first it may not. */
#define ARCH_USER_BASE 0x00001000u
#ifdef CONFIG_ARM_SVC
#define ARCH_USER_LIMIT 0x80000000u /* TTBR0's half (TTBCR.N = 1); the kernel's window above */
#else
#define ARCH_USER_LIMIT 0xc0000000u
#endif

/* A fresh 4 KiB page-table page, zeroed, or NULL. Its kernel address is its
 * physical address (the kernel's identity map). */
typedef void *(*arch_table_alloc_t)(void *ctx);

/* A page-aligned user address and a page-aligned frame: what
 * arch_vspace_map_page accepts. */
static inline bool arch_user_page(uint32_t vaddr, paddr_t paddr)
{
	return vaddr >= ARCH_USER_BASE && vaddr < ARCH_USER_LIMIT && !(vaddr & 0xfffu) &&
	       !(paddr & 0xfffu);
}

/* Sets up what every user thread runs with (called once at boot). Returns
 * NULL, or why no user thread can run on this kernel (then the kernel
 * starts no root task). */
const char *arch_threads_init(void);
void arch_context_init(struct arch_context *c, uint32_t entry, uint32_t sp, uint32_t arg0);
/* A context's registers in enum l4_register order (get: all of them; set:
 * the first n, with CPSR limited to what a user thread may change, or for
 * a guest (a VCPU's thread) to the guest modes). Returns false, changing
 * nothing, when a guest's CPSR names a mode a guest cannot be in. */
void arch_context_get(const struct arch_context *c, uint32_t *regs);
bool arch_context_set(struct arch_context *c, const uint32_t *regs, unsigned n, bool guest);
struct arch_vcpu;
/* Returns to c inside vs: in USR mode, or as the guest of vcpu when that is
 * not NULL. The next trap saves into c. */
__noreturn void arch_return_to_user(struct arch_context *c, const struct arch_vspace *vs,
				    struct arch_vcpu *vcpu);

/* Makes a VSpace object in a zeroed page, with the kernel's id for it. */
void arch_vspace_init(struct arch_vspace *vs, void *page, uint32_t id);
/* The kernel's id of a VSpace object (0: none yet), and setting it. */
uint32_t arch_vspace_object_id(const void *page);
void arch_vspace_object_set_id(void *page, uint32_t id);
/* Zeroes size bytes at dst (whole 64-byte blocks 32 bytes an instruction). */
void arch_zero(void *dst, size_t size);
/* Retype made a VSpace object (zeroed memory); guest: an
 * L4_OBJ_GUEST_VSPACE, only guests run in it. */
void arch_vspace_created(void *page, bool guest);
bool arch_vspace_object_is_guest(const void *page);
void arch_vspace_from_object(struct arch_vspace *vs, void *page);
/* Maps one 4 KiB page. rights: L4_RIGHT_READ/WRITE. Returns 0, or -1 when
 * the address is not a user address, is already mapped, or a table cannot
 * be allocated. */
int arch_vspace_map_page(struct arch_vspace *vs, uint32_t vaddr, paddr_t paddr, unsigned rights,
			 bool executable, arch_table_alloc_t alloc, void *alloc_ctx);
enum arch_map_result {
	ARCH_MAP_OK = 0,
	ARCH_MAP_NO_TABLE = 1, /* the table that would hold the entry is missing */
	ARCH_MAP_EXISTS = 2,   /* something is already mapped there */
};
/* What a frame is mapped as: ordinary cached memory, RAM the caches
 * bypass (L4_FRAME_UNCACHED), or a device frame. The HYP variant maps the
 * last two alike, as device memory. */
enum arch_frame_memory {
	ARCH_FRAME_CACHED,
	ARCH_FRAME_UNCACHED,
	ARCH_FRAME_DEVICE,
};
/* Levels, on both variants, are those of LPAE: a level-1 entry covers
 * 1 GiB, level 2 2 MiB, level 3 4 KiB (on SVC, level 2 is a pair of
 * short-descriptor first-level entries and there is no level 1). */
/* Installs a level-2 (table_level 2) or level-3 (3) table for vaddr. */
int arch_vspace_map_table(void *vspace_object, uint32_t vaddr, unsigned table_level, void *table);
/* Maps a 4 KiB (size_bits 12) or 2 MiB (21) frame; paddr is its kernel
 * address (the frame cap's object). */
int arch_vspace_map_frame(void *vspace_object, uint32_t vaddr, paddr_t paddr, unsigned size_bits,
			  unsigned rights, enum arch_frame_memory memory, bool executable);
/* Removes the level-`level` entry for vaddr if it still points at paddr,
 * and drops stale TLB entries. */
void arch_vspace_unmap(void *vspace_object, uint32_t vaddr, unsigned level, paddr_t paddr);
/* Empties a page table or directory that left its place. */
void arch_vspace_table_clear(void *table);
/* The VSpace loses its id and every entry of its top-level table: what
 * was mapped in it is unreachable from it (its tables keep their entries
 * until their caps unmap or delete them). */
void arch_vspace_forget(void *vspace_object);
/* The VSpace object is being deleted (its memory is about to be reused):
 * nothing may walk its tables any more. */
void arch_vspace_destroyed(void *vspace_object);
/* The kernel's pointer to the byte at vaddr of a VSpace, if mapped to
 * ordinary cached memory (and writable, when write is set); NULL otherwise,
 * device frames included: the kernel maps no device for itself. */
void *arch_vspace_translate(void *vspace_object, uint32_t vaddr, bool write);
/* Makes instructions written through the kernel's mapping visible to
 * instruction fetch. */
void arch_sync_icache(const void *start, size_t len);
/* Forgets every instruction cache line and branch prediction: what a
 * frame's previous owner ran from it (its data cache lines are the
 * zeroes of the retype, already at the point of unification). */
void arch_invalidate_icache(void);
/* Writes cached data to the point of unification, where the A9's table
 * walks read (they need not look in its L1 data cache). */
void arch_clean_to_pou(const void *start, size_t len);
/* Writes cached data back to memory (the point of coherency: what a reader
 * with caches off sees) and invalidates the instruction cache. */
void arch_clean_to_memory(const void *start, size_t len);
/* Writes cached data back to memory and drops the lines: never a plain
 * invalidate, which could discard another's data in a shared frame. */
void arch_clean_invalidate_dcache(const void *start, size_t len);
/* Clean and invalidate the line of the level 1 data cache that a DCCISW
 * operand (way, set, level) names: a deprivileged guest's set/way
 * maintenance (Linux's whole-cache flush). An operand that names no line
 * of that cache does nothing; returns whether one was named. */
bool arch_clean_invalidate_dcache_set_way(uint32_t operand);

/* What arch reports of a user thread's fault. */
enum arch_fault_type {
	ARCH_FAULT_PAGE,        /* stage-2 data or prefetch abort */
	ARCH_FAULT_UNDEFINED,   /* undefined instruction */
	ARCH_FAULT_UNKNOWN,     /* any other trap class */
};

struct arch_fault {
	enum arch_fault_type type;
	uint32_t pc;
	uint32_t address;  /* faulting virtual address (page faults) */
	uint32_t status;   /* HSR */
	bool write;
	bool instruction;
};

const char *arch_fault_name(const struct arch_fault *f);

#endif
