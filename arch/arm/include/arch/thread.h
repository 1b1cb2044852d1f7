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
};

/* A stage-2 address space: IPA = the thread's virtual address (native
 * threads run with stage 1 off). */
struct arch_vspace {
	uint64_t *l1;    /* 4 entries x 1 GiB: the 32-bit IPA space */
	uint32_t vmid;
	uint64_t vttbr;  /* the VTTBR value for it, made once */
};

/* Lowest address a user program may use and the first it may not. */
#define ARCH_USER_BASE 0x00001000u
#define ARCH_USER_LIMIT 0xc0000000u

/* A fresh 4 KiB page-table page, zeroed, or NULL. Its kernel address is its
 * physical address (the kernel's identity map). */
typedef void *(*arch_table_alloc_t)(void *ctx);

void arch_context_init(struct arch_context *c, uint32_t entry, uint32_t sp, uint32_t arg0);
/* Returns to c in USR mode inside vs; the next trap saves into c. */
__noreturn void arch_return_to_user(struct arch_context *c, const struct arch_vspace *vs);

void arch_vspace_init(struct arch_vspace *vs, void *l1_page, uint32_t vmid);
/* A VSpace object is one 4 KiB page: the level-1 table (32 bytes) and the
 * VMID it was given (0: none yet) in the rest of the page. */
void arch_vspace_object_init(void *page, uint32_t vmid);
uint32_t arch_vspace_object_vmid(const void *page);
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
/* Installs a level-2 (table_level 2) or level-3 (3) table for vaddr. */
int arch_vspace_map_table(void *vspace_object, uint32_t vaddr, unsigned table_level, void *table);
/* Maps a 4 KiB (size_bits 12) or 2 MiB (21) frame. */
int arch_vspace_map_frame(void *vspace_object, uint32_t vaddr, paddr_t paddr, unsigned size_bits,
			  unsigned rights, bool cacheable, bool executable);
/* Removes the level-`level` entry for vaddr if it still points at paddr,
 * and drops stale TLB entries. */
void arch_vspace_unmap(void *vspace_object, uint32_t vaddr, unsigned level, paddr_t paddr);
/* The kernel's pointer to the byte at vaddr of a VSpace, if mapped (and
 * writable, when write is set); NULL otherwise. */
void *arch_vspace_translate(void *vspace_object, uint32_t vaddr, bool write);
/* Drops every TLB entry tagged with vmid, so that it can be given again. */
void arch_vspace_forget(uint32_t vmid);
/* Makes instructions written through the kernel's mapping visible to
 * instruction fetch. */
void arch_sync_icache(const void *start, size_t len);

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
